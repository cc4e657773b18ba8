/**
 * Schema 5: deleting cards, with undo. A deleted card leaves `cards` whole (with its reviews and
 * events) for `deleted_cards`, so every query over cards stays as it is and undo puts it back as it
 * was. Its key is retired in its deck, so a later update of a bundled deck does not bring it back.
 * Also: review counts follow a card that moves to another section, and an index for the deck order.
 */
export const deletedCards = `
CREATE TABLE deleted_cards (
  id         INTEGER PRIMARY KEY,
  -- the card's own id, so undo gives it back under the same id when it is still free
  card_id    INTEGER NOT NULL,
  -- one delete of one or more cards; undo restores a whole batch
  batch      INTEGER NOT NULL,
  deleted_at INTEGER NOT NULL,
  -- the cards row, its reviews and its card_events as JSON, exactly as they were
  card       TEXT    NOT NULL,
  reviews    TEXT    NOT NULL,
  events     TEXT    NOT NULL
);
CREATE INDEX deleted_cards_batch ON deleted_cards (batch);

-- Keys a deck's update must not bring back: cards the person deleted, or moved to another deck.
CREATE TABLE retired_card_keys (
  deck_id INTEGER NOT NULL REFERENCES decks(id) ON DELETE CASCADE,
  key     TEXT    NOT NULL,
  reason  TEXT    NOT NULL CHECK (reason IN ('deleted', 'moved')),
  at      INTEGER NOT NULL,
  PRIMARY KEY (deck_id, key)
) WITHOUT ROWID;

-- The browser's default order (and a page deep in it) walks this instead of sorting every card.
CREATE INDEX cards_order ON cards (deck_id, position);

-- review_days and review_hours count reviews per section: when a card changes section (an edit, a
-- deck update, an import), its reviews move with it.
CREATE TRIGGER review_counts_follow_card AFTER UPDATE OF section_id ON cards
WHEN OLD.section_id IS NOT NEW.section_id
BEGIN
  INSERT INTO review_days (section_id, study_day, kind, rating, first_of_day, reviews, duration_ms)
  SELECT s.section_id, r.study_day, r.kind, r.rating, r.first_of_day, s.sign * count(*), s.sign * sum(r.duration_ms)
  FROM reviews r, (SELECT OLD.section_id AS section_id, -1 AS sign UNION ALL SELECT NEW.section_id, 1) s
  WHERE r.card_id = NEW.id
  GROUP BY s.section_id, r.study_day, r.kind, r.rating, r.first_of_day
  ON CONFLICT DO UPDATE SET reviews = reviews + excluded.reviews, duration_ms = duration_ms + excluded.duration_ms;
  INSERT INTO review_hours (section_id, study_day, hour, reviews, counted, passed)
  SELECT s.section_id, r.study_day, r.hour, s.sign * count(*),
    s.sign * total(r.first_of_day AND r.kind IN (1, 2)), s.sign * total(r.first_of_day AND r.kind IN (1, 2) AND r.rating > 1)
  FROM reviews r, (SELECT OLD.section_id AS section_id, -1 AS sign UNION ALL SELECT NEW.section_id, 1) s
  WHERE r.card_id = NEW.id
  GROUP BY s.section_id, r.study_day, r.hour
  ON CONFLICT DO UPDATE SET reviews = reviews + excluded.reviews, counted = counted + excluded.counted,
    passed = passed + excluded.passed;
  DELETE FROM review_days WHERE section_id = OLD.section_id AND reviews <= 0;
  DELETE FROM review_hours WHERE section_id = OLD.section_id AND reviews <= 0;
END;
`;
