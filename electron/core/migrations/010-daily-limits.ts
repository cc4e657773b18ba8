/**
 * Schema 10: what the study queue needs of a preset's options.
 * - Today's extra new cards and reviews a person allows a deck beyond its limits (custom study's
 *   "increase today's limit"), one row per deck and study day: a later day simply has no row.
 * - Siblings (cards of one Anki note) found by their note, for burying after an answer.
 * - New cards in a stable pseudo-random order per deck, walked from an index as deck order is.
 */

const MASK = 2147483647;
const xor = (a: string, b: string) => `((${a}) | (${b})) - ((${a}) & (${b}))`;
const times = (a: string, k: number) => `((${a}) * ${k} & ${MASK})`;
/** A 31-bit integer mix (multiply, xor-shift, twice) in plain SQL: no product passes 2^62, so no overflow. */
function mix(x: string): string {
  const x1 = times(x, 1540483477);
  const x2 = xor(x1, `(${x1}) >> 16`);
  const x3 = times(x2, 73244475);
  return `(${xor(x3, `(${x3}) >> 16`)})`;
}

/**
 * The stable shuffled position of a card among the new cards of its deck: its id mixed with the deck
 * id as the seed. Frozen here with the index built on it; queries must use this exact text.
 */
export const NEW_SHUFFLE_KEY = mix(`((c.id & ${MASK}) + c.deck_id * 7919) & ${MASK}`);

/** The same mix seeded by the study day, for reviews in random order that stay put through a day. */
export function reviewShuffleKey(dayParam: string): string {
  return mix(`((c.id & ${MASK}) + ${dayParam} * 7919) & ${MASK}`);
}

export const dailyLimits = `
CREATE TABLE deck_limit_extensions (
  deck_id    INTEGER NOT NULL REFERENCES decks(id) ON DELETE CASCADE,
  study_day  INTEGER NOT NULL,
  new_cards  INTEGER NOT NULL DEFAULT 0 CHECK (new_cards >= 0),
  reviews    INTEGER NOT NULL DEFAULT 0 CHECK (reviews >= 0),
  PRIMARY KEY (deck_id, study_day)
) WITHOUT ROWID;
CREATE INDEX cards_note ON cards (note_key) WHERE note_key IS NOT NULL;
CREATE INDEX cards_new_shuffled ON cards (deck_id, ${NEW_SHUFFLE_KEY.replaceAll('c.', '')}) WHERE state = 0;
`;
