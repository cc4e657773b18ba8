/**
 * Schema 9: deck option presets, as in Anki. A preset's options are one JSON object (validated by
 * shared/presets.ts whenever it is read or written); decks use the Default preset (id 1) until given
 * another, and may set their own daily limits over it (`new_limit`, `review_limit`; NULL: the
 * preset's). The collection-wide desired retention moves into the Default preset.
 *
 * Each answer now records the whole configuration it was scheduled with (FSRS parameters, steps,
 * maximum interval, fuzz, retention, day boundary) by reference to `schedule_configs`, so a replay
 * stays exact whatever is changed later. Answers logged before have none: they were scheduled with
 * Cue's defaults and their `desired_retention`.
 */
const REVIEW_COLUMNS = `card_id, reviewed_at, rating, duration_ms, retrievability, study_day, hour, first_of_day, kind,
  state_before, due_before, stability_before, difficulty_before, elapsed_days_before, scheduled_days_before,
  learning_steps_before, reps_before, lapses_before, last_review_before,
  state_after, due_after, stability_after, difficulty_after, elapsed_days_after, scheduled_days_after,
  learning_steps_after, desired_retention, config_id`;

/** Cue's defaults at schema 9, frozen here: a later change of the defaults must not change old presets. */
const DEFAULT_OPTIONS = {
  newPerDay: 20,
  reviewsPerDay: 200,
  newIgnoresReviewLimit: false,
  learningSteps: '1m 10m',
  relearningSteps: '10m',
  maximumInterval: 36500,
  desiredRetention: 0.9,
  fsrsParameters: null,
  newCardOrder: 'deck',
  reviewOrder: 'due',
  buryNewSiblings: false,
  buryReviewSiblings: false,
  leechThreshold: 8,
  leechAction: 'tag',
  fuzz: true,
};

export const presets = `
CREATE TABLE presets (
  id         INTEGER PRIMARY KEY,
  name       TEXT    NOT NULL UNIQUE COLLATE NOCASE,
  options    TEXT    NOT NULL CHECK (json_valid(options)),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
INSERT INTO presets (id, name, options, created_at, updated_at)
VALUES (1, 'Default', json_set('${JSON.stringify(DEFAULT_OPTIONS)}', '$.desiredRetention',
  coalesce((SELECT CAST(value AS REAL) FROM settings WHERE key = 'desiredRetention'), 0.9)), 0, 0);
DELETE FROM settings WHERE key = 'desiredRetention';

-- a deck's preset (kept pointing at a preset by Cue: a deleted preset's decks go back to Default)
ALTER TABLE decks ADD COLUMN preset_id INTEGER NOT NULL DEFAULT 1;
-- the deck's own daily limits over its preset's, as Anki's "This deck"; NULL: the preset's
ALTER TABLE decks ADD COLUMN new_limit INTEGER CHECK (new_limit >= 0);
ALTER TABLE decks ADD COLUMN review_limit INTEGER CHECK (review_limit >= 0);
-- new_per_day (schema 1) was the deck's own limit, 20 unless changed: a changed one stays the deck's
UPDATE decks SET new_limit = new_per_day WHERE new_per_day <> 20;

CREATE TABLE schedule_configs (
  id     INTEGER PRIMARY KEY,
  config TEXT    NOT NULL UNIQUE CHECK (json_valid(config))
);

DROP VIEW reviews;
DROP TRIGGER review_log_append_only;
ALTER TABLE review_log ADD COLUMN config_id INTEGER REFERENCES schedule_configs(id);
CREATE VIEW reviews AS SELECT id, ${REVIEW_COLUMNS} FROM review_log WHERE undone_at IS NULL;
CREATE TRIGGER review_log_append_only BEFORE UPDATE OF ${REVIEW_COLUMNS.replace(/\s+/g, ' ')}, id ON review_log
BEGIN
  SELECT RAISE(ABORT, 'the review log is append-only');
END;
`;
