/**
 * What an answer does beside scheduling the card, as Anki does it, and how undo takes it back:
 * - siblings (cards of the same Anki note, sharing a note_key) are buried until the next study day:
 *   new ones if the preset buries new siblings, review ones due today if it buries review siblings
 *   (learning siblings never);
 * - a lapse that brings the card's lapses to the leech threshold, and every half threshold after,
 *   tags it `leech`, and suspends it if the preset says so.
 */
import type { PresetOptions } from '../../shared/presets';
import { normalizeTags } from './card-editing';
import type { CardRow } from './card-rows';
import { cachedStatement, type Db } from './database';
import { setTagsOfCardNote } from './notes/note-of-card';
import { type Schedule, STATE } from './scheduler';

export const LEECH_TAG = 'leech';

export interface LeechChange {
  cardId: number;
  tagsBefore: string;
  updatedAtBefore: number;
  suspended: boolean;
}

/** What undo needs to put back. */
export interface AnswerEffects {
  /** Siblings buried by the answer, with when they were buried until before. */
  buried: { cardId: number; buriedUntil: number | null }[];
  leech: LeechChange | null;
}

/** Anki's rule: at the threshold, then every half threshold (rounded up) after it. */
export function isLeechLapse(lapses: number, threshold: number): boolean {
  const half = Math.max(1, Math.ceil(threshold / 2));
  return lapses >= threshold && (lapses - threshold) % half === 0;
}

/** The cards an answer (or its undo) can change: the card, and the siblings it may bury. */
export function cardsAnAnswerChanges(db: Db, cardId: number): number[] {
  const siblings = cachedStatement(
    db,
    `SELECT s.id FROM cards c JOIN cards s ON s.note_key = c.note_key AND s.id <> c.id
     WHERE c.id = ? AND c.note_key IS NOT NULL`,
  )
    .pluck()
    .all(cardId) as number[];
  return [cardId, ...siblings];
}

export function applyAnswerEffects(
  db: Db,
  card: CardRow,
  after: Schedule,
  options: PresetOptions,
  window: { now: number; tomorrowStart: number },
  noteKey: string | null,
): AnswerEffects {
  return {
    buried: noteKey === null ? [] : burySiblings(db, card.id, noteKey, options, window),
    leech: markLeech(db, card, after, options, window.now),
  };
}

function burySiblings(
  db: Db,
  cardId: number,
  noteKey: string,
  options: PresetOptions,
  window: { now: number; tomorrowStart: number },
): AnswerEffects['buried'] {
  if (!options.buryNewSiblings && !options.buryReviewSiblings) return [];
  const siblings = cachedStatement(
    db,
    `SELECT id AS cardId, buried_until AS buriedUntil FROM cards
     WHERE note_key = @noteKey AND id <> @cardId AND suspended = 0
       AND (buried_until IS NULL OR buried_until < @tomorrowStart)
       AND ((@buryNew AND state = ${STATE.new})
         OR (@buryReviews AND state = ${STATE.review} AND due < @tomorrowStart))`,
  ).all({
    noteKey,
    cardId,
    tomorrowStart: window.tomorrowStart,
    buryNew: options.buryNewSiblings ? 1 : 0,
    buryReviews: options.buryReviewSiblings ? 1 : 0,
  }) as AnswerEffects['buried'];
  const bury = cachedStatement(db, 'UPDATE cards SET buried_until = ? WHERE id = ?');
  for (const sibling of siblings) bury.run(window.tomorrowStart, sibling.cardId);
  return siblings;
}

function markLeech(db: Db, card: CardRow, after: Schedule, options: PresetOptions, now: number): LeechChange | null {
  const lapsed = card.state === STATE.review && after.lapses > card.lapses;
  if (!lapsed || !isLeechLapse(after.lapses, options.leechThreshold)) return null;
  const updatedAtBefore = cachedStatement(db, 'SELECT updated_at FROM cards WHERE id = ?')
    .pluck()
    .get(card.id) as number;
  const tags = normalizeTags([...(card.tags ? card.tags.split(' ') : []), LEECH_TAG]);
  const suspend = options.leechAction === 'suspend';
  cachedStatement(db, 'UPDATE cards SET updated_at = ?, suspended = suspended OR ? WHERE id = ?').run(
    now,
    suspend ? 1 : 0,
    card.id,
  );
  // the tag is the note's, as in Anki: every card of it shows it
  setTagsOfCardNote(db, card.id, tags, now);
  return { cardId: card.id, tagsBefore: card.tags, updatedAtBefore, suspended: suspend };
}

/**
 * Puts back what the answer's effects changed (before the answer itself is undone), and only that: a tag
 * added or a suspension made since, in the browser, stays.
 */
export function undoAnswerEffects(db: Db, effects: AnswerEffects): void {
  const unbury = cachedStatement(db, 'UPDATE cards SET buried_until = ? WHERE id = ?');
  for (const sibling of effects.buried) unbury.run(sibling.buriedUntil, sibling.cardId);
  const { leech } = effects;
  if (!leech) return;
  const hadTag = leech.tagsBefore.split(' ').includes(LEECH_TAG);
  const tags = cachedStatement(db, 'SELECT tags FROM cards WHERE id = ?').pluck().get(leech.cardId) as
    | string
    | undefined;
  if (tags === undefined) return;
  const kept = hadTag ? tags : normalizeTags(tags.split(' ').filter((tag) => tag && tag !== LEECH_TAG));
  // the card was studied, so not suspended, when it was answered: a suspension then was the leech's
  setTagsOfCardNote(db, leech.cardId, kept, leech.updatedAtBefore);
  cachedStatement(db, 'UPDATE cards SET suspended = CASE WHEN ? THEN 0 ELSE suspended END WHERE id = ?').run(
    leech.suspended ? 1 : 0,
    leech.cardId,
  );
}
