/** Decks and their sections: the list the home screen shows, and creating, renaming, options and deleting. */
import type { DeckSummary } from '../../../shared/domain';
import {
  createDeck,
  createSection,
  deckOwnLimits,
  renameDeck,
  renameSection,
  setDeckLimits,
  setDeckOptions,
} from '../card-editing';
import { applyLimits, DECK_NEW_LIMIT, deckLimits, extendLimits, newAllowed } from '../daily-limits';
import type { Db } from '../database';
import { type DayBoundary, dayNumber } from '../days';
import { deleteDeck, deleteSection } from '../deletion';
import { deckTarget } from '../readiness/target-dates';
import { dayWindow, sectionCounts, sectionSummary } from '../study-queue';
import { feature, type HandlerContext } from './context';

export type DecksContext = Pick<HandlerContext, 'db' | 'boundary' | 'now'>;

export function deckHandlers(core: DecksContext) {
  return feature({
    'decks.list': () => listDecks(core.db, core.boundary, core.now()),
    'decks.create': ({ name }) => createDeck(core.db, name, core.now()),
    'decks.rename': ({ deckId, name }) => renameDeck(core.db, deckId, name, core.now()),
    'decks.setOptions': ({ deckId, newPerDay }) => setDeckOptions(core.db, deckId, { newPerDay }),
    'decks.limits': ({ deckId }) => deckOwnLimits(core.db, deckId),
    'decks.setLimits': (limits) => setDeckLimits(core.db, limits),
    'decks.delete': ({ deckId }) => deleteDeck(core.db, deckId, core.now()),
    'decks.extendLimits': ({ deckId, ...extra }) => extendLimits(core.db, deckId, extra, core.now(), core.boundary),
    'sections.create': ({ deckId, name }) => createSection(core.db, deckId, name),
    'sections.rename': ({ sectionId, name }) => renameSection(core.db, sectionId, name, core.now()),
    'sections.delete': ({ sectionId }) => deleteSection(core.db, sectionId, core.now()),
  });
}

interface DeckRow {
  id: number;
  key: string;
  name: string;
  description: string;
  bundled: number;
  new_per_day: number;
  preset_id: number;
}

function listDecks(db: Db, boundary: DayBoundary, now: number): DeckSummary[] {
  const window = dayWindow(now, boundary);
  const decks = db
    // in the order they came into the collection: the bundled deck first, imports after it
    .prepare(
      `SELECT d.id, d.key, d.name, d.description, coalesce(d.source LIKE 'bundled:%', 0) AS bundled,
         ${DECK_NEW_LIMIT} AS new_per_day, d.preset_id
       FROM decks d JOIN presets p ON p.id = d.preset_id ORDER BY d.id`,
    )
    .all() as DeckRow[];
  const sectionsOf = db.prepare('SELECT id, key, name, description FROM sections WHERE deck_id = ? ORDER BY position');
  const reviewedToday = db.prepare(
    `SELECT total(reviews) AS n FROM review_days
     WHERE study_day = ? AND section_id IN (SELECT id FROM sections WHERE deck_id = ?)`,
  );
  return decks.map((deck) => {
    const limits = deckLimits(db, deck.id, window, boundary);
    const counts = sectionCounts(db, deck.id, window);
    const sections = (sectionsOf.all(deck.id) as Parameters<typeof sectionSummary>[0][]).map((s) =>
      sectionSummary(s, counts.get(s.id), limits),
    );
    const sum = (pick: (s: (typeof sections)[number]) => number) => sections.reduce((n, s) => n + pick(s), 0);
    const waiting = (pick: (s: NonNullable<ReturnType<typeof counts.get>>) => number) =>
      [...counts.values()].reduce((n, s) => n + pick(s), 0);
    // the deck as a whole under its limits, not the sum of its sections' (each alone under the same limits)
    const due = applyLimits(limits, { review: waiting((s) => s.review), new: waiting((s) => s.new) });
    const { new_per_day: newPerDay, preset_id: presetId, ...fields } = deck;
    return {
      ...fields,
      bundled: deck.bundled === 1,
      newPerDay,
      presetId,
      cards: sum((s) => s.cards),
      sections,
      due: { learning: sum((s) => s.due.learning), review: due.review, new: due.new },
      newLeftToday: newAllowed(limits, due.review),
      reviewedToday: (reviewedToday.get(dayNumber(window.now, boundary), deck.id) as { n: number }).n,
      target: upcomingTarget(db, deck.id, window.now, boundary),
    };
  });
}

/** The deck's interview date for the home screen, until the day is over. */
function upcomingTarget(db: Db, deckId: number, now: number, boundary: DayBoundary): DeckSummary['target'] {
  const { effective, daysLeft } = deckTarget(db, deckId, now, boundary);
  return effective && daysLeft !== null && daysLeft >= 0 ? { date: effective.date, daysLeft } : null;
}
