/**
 * Schema 12 (review answers): what an answer held beside its rating, one row per review_log row that had any: the key
 * points ticked (recalled) and not (missed), as [{"id", "label"}] (the label as it read then, so
 * statistics still name a point after the card is edited), and the text typed before the reveal.
 * Append-only like the log: a row never changes; an undone answer keeps its row, and readers go
 * through the `reviews` view, so its ticks no longer count. A row leaves only with its card, when the
 * person deletes the card (deletion.ts keeps it with the card's log, and undo brings it back).
 */
export const reviewAnswers = `
CREATE TABLE review_answers (
  review_id  INTEGER PRIMARY KEY REFERENCES review_log(id) ON DELETE CASCADE,
  card_id    INTEGER NOT NULL REFERENCES cards(id) ON DELETE CASCADE,
  recalled   TEXT CHECK (recalled IS NULL OR json_valid(recalled)),
  missed     TEXT CHECK (missed IS NULL OR json_valid(missed)),
  typed_text TEXT,
  -- the checklist was used (both lists) or not (neither); a row holds the one or the other, or both
  CHECK ((recalled IS NULL) = (missed IS NULL)),
  CHECK (recalled IS NOT NULL OR typed_text IS NOT NULL)
);
CREATE INDEX review_answers_card ON review_answers (card_id, review_id);

CREATE TRIGGER review_answers_append_only BEFORE UPDATE ON review_answers
BEGIN
  SELECT RAISE(ABORT, 'review answers are append-only');
END;
CREATE TRIGGER review_answers_kept BEFORE DELETE ON review_answers
WHEN EXISTS (SELECT 1 FROM cards WHERE id = OLD.card_id)
BEGIN
  SELECT RAISE(ABORT, 'review answers are append-only: they leave only with their deleted card');
END;
`;
