/**
 * Recordings of spoken answers (the study screen's "record own voice"): one row per file in the media
 * folder. A recording goes with its card's row (ON DELETE CASCADE); deleting a card keeps its
 * recordings beside its reviews in deleted_cards, and their files stay, so undo brings them back.
 */
export const recordings = `
CREATE TABLE recordings (
  id          INTEGER PRIMARY KEY,
  card_id     INTEGER NOT NULL REFERENCES cards(id) ON DELETE CASCADE,
  file_name   TEXT    NOT NULL UNIQUE,
  mime_type   TEXT    NOT NULL CHECK (mime_type IN ('audio/webm', 'audio/ogg')),
  duration_ms INTEGER NOT NULL CHECK (duration_ms >= 0),
  size        INTEGER NOT NULL CHECK (size > 0),
  created_at  INTEGER NOT NULL
);
CREATE INDEX recordings_card ON recordings (card_id, created_at);

-- a deleted card's recordings, as JSON rows, as its reviews are kept
ALTER TABLE deleted_cards ADD COLUMN recordings TEXT NOT NULL DEFAULT '[]';
`;
