/**
 * Schema 2: imported cards. Anki cards are HTML (sanitised when shown) while Cue's own are Markdown,
 * and cards made from one Anki note stay linked as siblings.
 */
export const cardFormat = `
ALTER TABLE cards ADD COLUMN format TEXT NOT NULL DEFAULT 'markdown' CHECK (format IN ('markdown', 'html'));
ALTER TABLE cards ADD COLUMN note_key TEXT;
`;
