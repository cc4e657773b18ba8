/**
 * Schema 16: card_events can hold the schedule an import kept (`kept_schedule`): an Anki card comes in
 * with the due date, interval and state Anki gave it, and that is logged, so a replay of the card's
 * log still gives the card. The event carries the whole schedule; `due`, `stability` and `difficulty`
 * are the existing columns. SQLite cannot widen a CHECK in place, so the table is made again, rows and
 * ids as they were, with its index and append-only triggers.
 */
export const keptSchedules = `
CREATE TABLE card_events_log (
  id             INTEGER PRIMARY KEY AUTOINCREMENT,
  card_id        INTEGER NOT NULL REFERENCES cards(id) ON DELETE CASCADE,
  at             INTEGER NOT NULL,
  kind           TEXT    NOT NULL CHECK (kind IN ('reset', 'set_due', 'memory', 'kept_schedule')),
  -- the new due moment, for set_due, a reschedule (memory) and kept_schedule
  due            INTEGER,
  -- the memory state an import brought, for memory and kept_schedule
  stability      REAL,
  difficulty     REAL,
  -- the rest of a kept schedule
  state          INTEGER CHECK (state IS NULL OR state BETWEEN 0 AND 3),
  scheduled_days INTEGER,
  learning_steps INTEGER,
  reps           INTEGER,
  lapses         INTEGER,
  last_review    INTEGER,
  CHECK (kind <> 'set_due' OR due IS NOT NULL),
  CHECK (kind <> 'memory' OR (stability IS NOT NULL AND difficulty IS NOT NULL)),
  CHECK (kind <> 'kept_schedule' OR (due IS NOT NULL AND stability IS NOT NULL AND difficulty IS NOT NULL
    AND state IS NOT NULL AND scheduled_days IS NOT NULL AND learning_steps IS NOT NULL AND reps IS NOT NULL
    AND lapses IS NOT NULL))
);
INSERT INTO card_events_log (id, card_id, at, kind, due, stability, difficulty)
  SELECT id, card_id, at, kind, due, stability, difficulty FROM card_events ORDER BY id;
-- ids are never given out again: the new table goes on from where the old one's counter stood
DELETE FROM sqlite_sequence WHERE name = 'card_events_log';
INSERT INTO sqlite_sequence (name, seq) SELECT 'card_events_log', seq FROM sqlite_sequence WHERE name = 'card_events';
DROP TABLE card_events;
ALTER TABLE card_events_log RENAME TO card_events;
CREATE INDEX card_events_card ON card_events (card_id, at);
CREATE TRIGGER card_events_append_only BEFORE UPDATE ON card_events
BEGIN
  SELECT RAISE(ABORT, 'card events are append-only');
END;
CREATE TRIGGER card_events_kept BEFORE DELETE ON card_events
WHEN EXISTS (SELECT 1 FROM cards WHERE id = OLD.card_id)
BEGIN
  SELECT RAISE(ABORT, 'card events are append-only: they leave the log only with their deleted card');
END;
`;
