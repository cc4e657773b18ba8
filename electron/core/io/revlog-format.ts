/**
 * Review history in the format of open-spaced-repetition's FSRS optimizer (fsrs-optimizer, fsrs-rs):
 * a CSV with the header `card_id,review_time,review_rating,review_state,review_duration`, one row per
 * answer. review_time is milliseconds since 1970 (UTC); review_rating 1-4 (Again..Easy); review_state
 * the card's state at the time of the review, i.e. before the answer: 0 new, 1 learning, 2 review,
 * 3 relearning; review_duration milliseconds. card_id is the Cue card id.
 *
 * A revlog bundle only adds history: its decks, sections and cards exist to say which existing card
 * each review belongs to (by deck, section and card key). Names are the keys, questions and answers
 * are empty strings and tags empty lists; applying it must add the reviews and change nothing else.
 */
import { decodeText, parseRows } from './csv-format';
import type { ExportDeck } from './export-data';
import { type BundleCard, type BundleDeck, type BundleReview, type ImportBundle, ImportError } from './import-bundle';

export const REVLOG_COLUMNS = ['card_id', 'review_time', 'review_rating', 'review_state', 'review_duration'] as const;

/** Every review of every card, oldest first, in the optimizer's format. */
export function writeRevlogCsv(decks: ExportDeck[]): string {
  const rows = decks.flatMap((deck) =>
    deck.sections.flatMap((section) =>
      section.cards.flatMap((card) =>
        card.reviews.map((review) => ({
          card: card.id,
          id: review.id,
          fields: [
            card.id,
            Math.round(review.at),
            review.rating,
            review.stateBefore,
            Math.max(0, Math.round(review.durationMs)),
          ],
        })),
      ),
    ),
  );
  rows.sort((a, b) => a.fields[1] - b.fields[1] || a.card - b.card || a.id - b.id);
  return [REVLOG_COLUMNS.join(','), ...rows.map((row) => row.fields.join(','))].join('\n').concat('\n');
}

/** Where a card of the collection lives, by its Cue card id (as text). */
export type RevlogCardIndex = Map<string, { deckKey: string; sectionKey: string; key: string }>;

/** 2001-09-09 in milliseconds: anything smaller is taken for seconds (or a mistake). */
const MIN_TIME_MS = 1e12;
/** 2200-01-01: anything later is no real review (and past what dates can hold, a crash). */
const MAX_TIME_MS = 7_258_118_400_000;

/**
 * Reads an optimizer revlog and attaches each review to the card `cards` maps its card_id to. Rows for
 * card ids not in `cards` are skipped (one entry per card id); a malformed row is an ImportError naming
 * its line. review_state and review_duration may be missing, as the optimizer allows (duration then 0).
 */
export function readRevlogCsv(input: string | Uint8Array, fileName: string, cards: RevlogCardIndex): ImportBundle {
  const file = fileName;
  const text = decodeText(input, file);
  const firstLine = text.split('\n', 1)[0] ?? '';
  const separator = firstLine.includes(',') || !firstLine.includes('\t') ? ',' : '\t';
  const rows = parseRows(text, separator, { file }, { comments: false });
  if (rows.length === 0) throw new ImportError({ file }, 'is empty');

  const header = rows[0].fields.map((name) => name.trim().toLowerCase());
  const column = (name: (typeof REVLOG_COLUMNS)[number]) => header.indexOf(name);
  const missing = ['card_id', 'review_time', 'review_rating'].filter((name) => !header.includes(name));
  if (missing.length > 0) {
    throw new ImportError(
      { file, where: `line ${rows[0].line}` },
      `the first line must name the columns ${REVLOG_COLUMNS.join(',')} (missing: ${missing.join(', ')})`,
    );
  }
  const at = {
    card: column('card_id'),
    time: column('review_time'),
    rating: column('review_rating'),
    state: column('review_state'),
    duration: column('review_duration'),
  };

  const byCard = new Map<string, { card: BundleCard; deckKey: string; sectionKey: string }>();
  const unknown = new Map<string, { firstLine: number; rows: number }>();
  const seen = new Map<string, number>();
  const skipped: ImportBundle['skipped'] = [];

  for (const row of rows.slice(1)) {
    const where = { file, where: `line ${row.line}` };
    const fail = (reason: string): never => {
      throw new ImportError(where, reason);
    };
    if (row.fields.length !== header.length) {
      fail(`this row has ${row.fields.length} fields, but the header has ${header.length}`);
    }
    const value = (index: number) => (index < 0 ? '' : row.fields[index].trim());
    const integer = (index: number, name: string): number | undefined => {
      const raw = value(index);
      if (raw === '') return undefined;
      const n = Number(raw);
      if (!Number.isInteger(n)) fail(`${name} must be a whole number, not "${raw}"`);
      return n;
    };

    const cardId = value(at.card);
    if (!cardId) fail('card_id is empty');
    const time = integer(at.time, 'review_time') ?? fail('review_time is empty');
    if (time < MIN_TIME_MS) {
      fail(`review_time must be milliseconds since 1970; ${time} is before 2001 (seconds, perhaps?)`);
    }
    if (time >= MAX_TIME_MS) fail(`review_time must be milliseconds since 1970; "${value(at.time)}" is after 2200`);
    const rating = integer(at.rating, 'review_rating') ?? fail('review_rating is empty');
    if (rating < 1 || rating > 4) fail(`review_rating must be 1 (Again) to 4 (Easy), not ${rating}`);
    const state = integer(at.state, 'review_state');
    if (state !== undefined && (state < 0 || state > 3)) {
      fail(`review_state must be 0 (new), 1 (learning), 2 (review) or 3 (relearning), not ${state}`);
    }
    const duration = integer(at.duration, 'review_duration') ?? 0;
    if (duration < 0) fail(`review_duration can't be negative (${duration})`);

    const target = cards.get(cardId);
    if (!target) {
      const entry = unknown.get(cardId);
      if (entry) entry.rows++;
      else unknown.set(cardId, { firstLine: row.line, rows: 1 });
      continue;
    }
    const identity = `${cardId}@${time}`;
    const earlier = seen.get(identity);
    if (earlier !== undefined) {
      skipped.push({ item: `line ${row.line}`, reason: `the same review of card ${cardId} is on line ${earlier}` });
      continue;
    }
    seen.set(identity, row.line);
    let entry = byCard.get(cardId);
    if (!entry) {
      entry = {
        deckKey: target.deckKey,
        sectionKey: target.sectionKey,
        card: { key: target.key, question: '', answer: '', format: 'markdown', tags: [], reviews: [] },
      };
      byCard.set(cardId, entry);
    }
    const review: BundleReview = { at: time, rating: rating as BundleReview['rating'], durationMs: duration };
    entry.card.reviews?.push(review);
  }

  for (const [cardId, { firstLine, rows: count }] of unknown) {
    skipped.push({
      item: `card_id ${cardId} (${count} review${count === 1 ? '' : 's'}, first on line ${firstLine})`,
      reason: `no card ${cardId} in the collection`,
    });
  }

  const decks = new Map<string, BundleDeck>();
  for (const { deckKey, sectionKey, card } of byCard.values()) {
    card.reviews?.sort((a, b) => a.at - b.at);
    let deck = decks.get(deckKey);
    if (!deck) {
      deck = { key: deckKey, name: deckKey, sections: [] };
      decks.set(deckKey, deck);
    }
    let section = deck.sections.find((s) => s.key === sectionKey);
    if (!section) {
      section = { key: sectionKey, name: sectionKey, cards: [] };
      deck.sections.push(section);
    }
    section.cards.push(card);
  }

  return { source: { file, format: 'revlog' }, decks: [...decks.values()], media: [], skipped };
}
