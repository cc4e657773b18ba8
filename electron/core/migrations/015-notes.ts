/**
 * Schema 15: notes and note types (Anki's model). A note holds fields; its type names them and holds
 * the card templates and CSS; a card is one template (or cloze number) of a note, and keeps its
 * rendered question and answer as a cache of the note, so study, search and statistics read cards as
 * before. Every existing card becomes a note of the built-in Basic type (Basic (HTML) for imported
 * HTML cards) under the card's own id: ids, keys and history stay as they were. A card inserted
 * without a note (a deck file, a CSV row) gets its Basic note from the trigger below, so no card is
 * ever without one.
 */
import { BUILTIN_NOTE_TYPES } from '../notes/builtin-note-types';

const quote = (text: string) => `'${text.replaceAll("'", "''")}'`;

const builtinRows = BUILTIN_NOTE_TYPES.map(
  (type) =>
    `(${[
      type.key,
      type.name,
      type.kind,
      type.format,
      JSON.stringify(type.fields),
      JSON.stringify(type.templates),
      type.css,
    ]
      .map(quote)
      .join(', ')}, 1, 0, 0)`,
).join(',\n  ');

export const notes = `
CREATE TABLE note_types (
  id         INTEGER PRIMARY KEY,
  key        TEXT    NOT NULL UNIQUE,
  name       TEXT    NOT NULL,
  kind       TEXT    NOT NULL CHECK (kind IN ('normal', 'cloze', 'image_occlusion')),
  format     TEXT    NOT NULL CHECK (format IN ('markdown', 'html')),
  -- field names in order, and the templates [{name, question, answer}], as JSON
  fields     TEXT    NOT NULL CHECK (json_valid(fields) AND json_type(fields) = 'array'),
  templates  TEXT    NOT NULL CHECK (json_valid(templates) AND json_type(templates) = 'array'),
  css        TEXT    NOT NULL DEFAULT '',
  builtin    INTEGER NOT NULL DEFAULT 0 CHECK (builtin IN (0, 1)),
  -- the Anki note type it was imported from, so the same package imported again matches it
  anki_id    TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX note_types_anki ON note_types (anki_id) WHERE anki_id IS NOT NULL;

INSERT INTO note_types (key, name, kind, format, fields, templates, css, builtin, created_at, updated_at) VALUES
  ${builtinRows};

CREATE TABLE notes (
  id           INTEGER PRIMARY KEY,
  -- globally unique: Anki's guid for imported notes, cue:<deck>/<card> for Cue's own
  guid         TEXT    NOT NULL UNIQUE,
  note_type_id INTEGER NOT NULL REFERENCES note_types(id),
  -- values in the type's field order, as JSON
  fields       TEXT    NOT NULL CHECK (json_valid(fields) AND json_type(fields) = 'array'),
  tags         TEXT    NOT NULL DEFAULT '',
  created_at   INTEGER NOT NULL,
  updated_at   INTEGER NOT NULL
);
CREATE INDEX notes_type ON notes (note_type_id);

ALTER TABLE cards ADD COLUMN note_id INTEGER REFERENCES notes(id);
-- the template index (or cloze number - 1) the card is made from
ALTER TABLE cards ADD COLUMN template_ord INTEGER NOT NULL DEFAULT 0 CHECK (template_ord >= 0);
-- shown in place of the question when revealed (a template without {{FrontSide}}, as a cloze's)
ALTER TABLE cards ADD COLUMN answer_alone INTEGER NOT NULL DEFAULT 0 CHECK (answer_alone IN (0, 1));
-- what the person is to type ({{type:Field}}), when the question asks for it
ALTER TABLE cards ADD COLUMN type_answer TEXT;

-- Every card so far becomes a Basic note under its own id. Cards imported from one Anki note share
-- that note's guid as note_key; the first keeps it, the others are told apart by their card id.
INSERT INTO notes (id, guid, note_type_id, fields, tags, created_at, updated_at)
SELECT c.id,
  CASE
    WHEN c.note_key IS NOT NULL AND row_number() OVER (PARTITION BY c.note_key ORDER BY c.id) = 1 THEN c.note_key
    WHEN c.note_key IS NOT NULL THEN c.note_key || '#' || c.id
    ELSE 'cue:' || d.key || '/' || c.key
  END,
  (SELECT id FROM note_types WHERE key = CASE c.format WHEN 'html' THEN 'basic-html' ELSE 'basic' END),
  json_array(c.question, c.answer), c.tags, c.created_at, c.updated_at
FROM cards c JOIN decks d ON d.id = c.deck_id;
UPDATE cards SET note_id = id;
CREATE UNIQUE INDEX cards_of_note ON cards (note_id, template_ord);

-- A card inserted without a note gets a Basic one, whose fields are the card's question and answer.
CREATE TRIGGER cards_get_a_note AFTER INSERT ON cards WHEN NEW.note_id IS NULL
BEGIN
  INSERT INTO notes (guid, note_type_id, fields, tags, created_at, updated_at)
  SELECT CASE WHEN EXISTS (SELECT 1 FROM notes WHERE guid = g.guid) THEN g.guid || '-' || NEW.id ELSE g.guid END,
    (SELECT id FROM note_types WHERE key = CASE NEW.format WHEN 'html' THEN 'basic-html' ELSE 'basic' END),
    json_array(NEW.question, NEW.answer), NEW.tags, NEW.created_at, NEW.updated_at
  FROM (SELECT coalesce(NEW.note_key, 'cue:' || (SELECT key FROM decks WHERE id = NEW.deck_id) || '/' || NEW.key) AS guid) g;
  UPDATE cards SET note_id = last_insert_rowid() WHERE id = NEW.id;
END;
`;
