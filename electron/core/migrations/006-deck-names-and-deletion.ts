/**
 * Schema 6: renaming and deleting decks and sections. A name the person gave wins over a bundled
 * deck's update (user_named_at); a deleted deck or section is kept whole in deleted_places, in the
 * same batch as its cards, so one undo brings all of it back, and a bundled deck's update does not
 * bring back what the person deleted.
 */
export const deckNamesAndDeletion = `
ALTER TABLE decks ADD COLUMN user_named_at INTEGER;
ALTER TABLE sections ADD COLUMN user_named_at INTEGER;

CREATE TABLE deleted_places (
  id         INTEGER PRIMARY KEY,
  -- shared with deleted_cards: the cards deleted with the deck or section
  batch      INTEGER NOT NULL,
  kind       TEXT    NOT NULL CHECK (kind IN ('deck', 'section')),
  -- the deck's key, and the section's key within it (for a deck, its key again)
  deck_key   TEXT    NOT NULL,
  key        TEXT    NOT NULL,
  deleted_at INTEGER NOT NULL,
  -- the row as it was, as JSON (a deck's with the keys its updates must not bring back)
  row        TEXT    NOT NULL
);
CREATE INDEX deleted_places_batch ON deleted_places (batch);
CREATE INDEX deleted_places_key ON deleted_places (deck_key, kind, key);
`;
