/**
 * Schema 20: a flag on each card, as Anki's (0 none; 1 red, 2 orange, 3 green, 4 blue, 5 pink,
 * 6 turquoise, 7 purple), set from study and the browser and found with flag:N. Few cards carry one,
 * so the index holds only those.
 */
export const cardFlags = `
ALTER TABLE cards ADD COLUMN flag INTEGER NOT NULL DEFAULT 0 CHECK (flag BETWEEN 0 AND 7);
CREATE INDEX cards_flagged ON cards (flag) WHERE flag != 0;
`;
