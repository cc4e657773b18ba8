/**
 * Schema 3: full-text search over cards (question, answer, tags) with SQLite FTS5, kept in step with
 * the cards table by triggers, so the browser can search 100,000 cards as you type.
 */
export const cardSearch = `
CREATE VIRTUAL TABLE cards_fts USING fts5(
  question, answer, tags,
  content = 'cards', content_rowid = 'id',
  tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO cards_fts (cards_fts) VALUES ('rebuild');

CREATE TRIGGER cards_fts_insert AFTER INSERT ON cards
BEGIN
  INSERT INTO cards_fts (rowid, question, answer, tags) VALUES (NEW.id, NEW.question, NEW.answer, NEW.tags);
END;
CREATE TRIGGER cards_fts_delete AFTER DELETE ON cards
BEGIN
  INSERT INTO cards_fts (cards_fts, rowid, question, answer, tags)
  VALUES ('delete', OLD.id, OLD.question, OLD.answer, OLD.tags);
END;
CREATE TRIGGER cards_fts_update AFTER UPDATE OF question, answer, tags ON cards
BEGIN
  INSERT INTO cards_fts (cards_fts, rowid, question, answer, tags)
  VALUES ('delete', OLD.id, OLD.question, OLD.answer, OLD.tags);
  INSERT INTO cards_fts (rowid, question, answer, tags) VALUES (NEW.id, NEW.question, NEW.answer, NEW.tags);
END;
`;
