/**
 * Schema 7: the collection's settings (desired retention first), and the desired retention each
 * answer was scheduled with, so that replaying a history gives the same intervals after the person
 * changes it. Older answers were all scheduled at FSRS's default, 0.9 (NULL here).
 */
export const settings = `
CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;

ALTER TABLE reviews ADD COLUMN desired_retention REAL;
`;
