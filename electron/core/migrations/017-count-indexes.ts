/**
 * Schema 17: small partial indexes that let the home screen count a section's suspended and mastered
 * cards by walking only those cards, where it used to read every card of the deck (160 ms at 100,000
 * cards). "Mastered" is a review card with a stability of 21 days or more (MASTERED_STABILITY). And
 * the answer path's lookups of a deck's sections in order and of a preset's decks, without a sort.
 */
export const countIndexes = `
CREATE INDEX cards_suspended ON cards (section_id) WHERE suspended = 1;
CREATE INDEX cards_mastered ON cards (section_id) WHERE state = 2 AND suspended = 0 AND stability >= 21;
CREATE INDEX sections_order ON sections (deck_id, position);
CREATE INDEX decks_preset ON decks (preset_id);
`;
