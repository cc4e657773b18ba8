/**
 * Schema 19: an index holding what the statistics read of every card (its memory state, when it is
 * due, whether it is set aside, when it was added), by deck and section. The statistics add these up
 * over all of a deck's cards; read from this narrow index in order (by section, state and whether
 * suspended), the sums need neither the cards' text nor a sort, and the cards due soon are a range of it.
 */
export const cardMemoryIndex = `
CREATE INDEX cards_memory ON cards
  (deck_id, section_id, state, suspended, due, buried_until, stability, last_review, created_at);
`;
