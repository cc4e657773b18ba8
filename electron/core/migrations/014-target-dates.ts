/**
 * Schema 14: target dates (an interview) and deadline mode.
 * - A deck's own target date (YYYY-MM-DD, a study day in the collection's day) and whether deadline
 *   mode is on for it; on the deck row, so a deleted deck brings them back when restored. The whole
 *   collection's target lives in `settings` (key `targetDate`).
 * - Each interval deadline mode set, beside the answer it was set on (keyed by review_log id): replay
 *   gives the answer that interval again. Append-only like the log; its rows leave only with their
 *   answer's card (and come back with it, see deletion.ts).
 */
export const targetDates = `
ALTER TABLE decks ADD COLUMN target_date TEXT CHECK (target_date IS NULL OR target_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]');
ALTER TABLE decks ADD COLUMN deadline_mode INTEGER NOT NULL DEFAULT 1 CHECK (deadline_mode IN (0, 1));

CREATE TABLE deadline_intervals (
  review_id  INTEGER PRIMARY KEY REFERENCES review_log(id) ON DELETE CASCADE,
  -- the target study day the interval was set for, and the interval in days
  target_day INTEGER NOT NULL,
  days       INTEGER NOT NULL CHECK (days >= 1)
);
CREATE TRIGGER deadline_intervals_append_only BEFORE UPDATE ON deadline_intervals
BEGIN
  SELECT RAISE(ABORT, 'deadline intervals are append-only');
END;
CREATE TRIGGER deadline_intervals_kept BEFORE DELETE ON deadline_intervals
WHEN EXISTS (SELECT 1 FROM review_log WHERE id = OLD.review_id)
BEGIN
  SELECT RAISE(ABORT, 'deadline intervals leave only with their answer''s deleted card');
END;
`;
