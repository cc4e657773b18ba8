/**
 * Schema 4: changes to a card's schedule that are not answers (reset to new, a due date set by hand),
 * logged beside the reviews so that replaying a card's history still gives its state.
 */
export const cardEvents = `
CREATE TABLE card_events (
  id      INTEGER PRIMARY KEY,
  card_id INTEGER NOT NULL REFERENCES cards(id) ON DELETE CASCADE,
  at      INTEGER NOT NULL,
  kind    TEXT    NOT NULL CHECK (kind IN ('reset', 'set_due')),
  -- the new due moment, for set_due
  due     INTEGER
);
CREATE INDEX card_events_card ON card_events (card_id, at);

CREATE TRIGGER card_events_append_only BEFORE UPDATE ON card_events
BEGIN
  SELECT RAISE(ABORT, 'card events are append-only');
END;
`;
