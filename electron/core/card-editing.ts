/**
 * Adding and changing cards, sections and decks, and acting on a selection of cards. Each call is one
 * transaction. Edits keep a card's id and history, and mark it edited so a bundled deck's update
 * leaves the person's wording alone.
 */
import { CueError } from '../../shared/errors';
import type { DeckLimits } from '../../shared/presets';
import { saveSchedule } from './card-rows';
import { cachedStatement, type Db } from './database';
import { type DayBoundary, dayNumber, dayStart, isoDateToDay } from './days';
import { saveCardAsNote, setTagsOfCardNote } from './notes/note-of-card';
import { findCard, logScheduleEvent } from './review-log';
import { newSchedule } from './scheduler';

/** A readable stable id from a name or question: its words, lowercased, and a number when taken. */
export function keyFromText(text: string, taken: (key: string) => boolean, fallback = 'card'): string {
  const base =
    text
      .normalize('NFKD')
      .replace(/\p{M}+/gu, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40)
      .replace(/-+$/, '') || fallback;
  let key = base;
  for (let i = 2; taken(key); i++) key = `${base}-${i}`;
  return key;
}

export function normalizeTags(tags: string[]): string {
  const clean = tags.map((t) => t.trim().replace(/\s+/g, '_')).filter(Boolean);
  for (const tag of clean) {
    if (/[{}]/.test(tag)) throw new CueError('invalid_input', `The tag "${tag}" may not hold { or }.`, { tag });
  }
  return [...new Set(clean)].join(' ');
}

export function createDeck(db: Db, name: string, now: number): { deckId: number; key: string } {
  return db.transaction(() => {
    const key = keyFromText(name, (k) => Boolean(db.prepare('SELECT 1 FROM decks WHERE key = ?').get(k)), 'deck');
    const deckId = Number(
      db
        .prepare('INSERT INTO decks (key, name, source, created_at, updated_at) VALUES (?, ?, ?, ?, ?)')
        .run(key, name.trim(), 'user', now, now).lastInsertRowid,
    );
    return { deckId, key };
  })();
}

export function createSection(db: Db, deckId: number, name: string): { sectionId: number; key: string } {
  return db.transaction(() => {
    if (!db.prepare('SELECT 1 FROM decks WHERE id = ?').get(deckId)) {
      throw new CueError('not_found', `There is no deck ${deckId}.`, { deckId });
    }
    const taken = (k: string) =>
      Boolean(db.prepare('SELECT 1 FROM sections WHERE deck_id = ? AND key = ?').get(deckId, k));
    const key = keyFromText(name, taken, 'section');
    const position = db
      .prepare('SELECT coalesce(max(position), -1) + 1 FROM sections WHERE deck_id = ?')
      .pluck()
      .get(deckId) as number;
    const sectionId = Number(
      db
        .prepare('INSERT INTO sections (deck_id, key, name, position) VALUES (?, ?, ?, ?)')
        .run(deckId, key, name.trim(), position).lastInsertRowid,
    );
    return { sectionId, key };
  })();
}

/** A name the person gives wins over later updates of a bundled deck (deck-sync.ts). */
export function renameDeck(db: Db, deckId: number, name: string, now: number): { deckId: number } {
  const changed = db
    .prepare('UPDATE decks SET name = ?, updated_at = ?, user_named_at = ? WHERE id = ?')
    .run(name.trim(), now, now, deckId).changes;
  if (changed === 0) throw new CueError('not_found', `There is no deck ${deckId}.`, { deckId });
  return { deckId };
}

/** The deck's own new cards a day, over its preset's (as Anki's "This deck" limit). */
export function setDeckOptions(db: Db, deckId: number, options: { newPerDay: number }): { deckId: number } {
  const changed = db.prepare('UPDATE decks SET new_limit = ? WHERE id = ?').run(options.newPerDay, deckId).changes;
  if (changed === 0) throw new CueError('not_found', `There is no deck ${deckId}.`, { deckId });
  return { deckId };
}

/** The deck's own daily limits over its preset's (Anki's "This deck"); null where it has none. */
export function deckOwnLimits(db: Db, deckId: number): DeckLimits {
  const row = db.prepare('SELECT new_limit, review_limit FROM decks WHERE id = ?').get(deckId) as
    | { new_limit: number | null; review_limit: number | null }
    | undefined;
  if (!row) throw new CueError('not_found', `There is no deck ${deckId}.`, { deckId });
  return { deckId, newLimit: row.new_limit, reviewLimit: row.review_limit };
}

export function setDeckLimits(db: Db, limits: DeckLimits): DeckLimits {
  const changed = db
    .prepare('UPDATE decks SET new_limit = ?, review_limit = ? WHERE id = ?')
    .run(limits.newLimit, limits.reviewLimit, limits.deckId).changes;
  if (changed === 0) throw new CueError('not_found', `There is no deck ${limits.deckId}.`, { deckId: limits.deckId });
  return deckOwnLimits(db, limits.deckId);
}

export function renameSection(db: Db, sectionId: number, name: string, now: number): { sectionId: number } {
  const changed = db
    .prepare('UPDATE sections SET name = ?, user_named_at = ? WHERE id = ?')
    .run(name.trim(), now, sectionId).changes;
  if (changed === 0) throw new CueError('not_found', `There is no section ${sectionId}.`, { sectionId });
  return { sectionId };
}

function sectionOfDeck(db: Db, sectionId: number): { id: number; deck_id: number } {
  const section = db.prepare('SELECT id, deck_id FROM sections WHERE id = ?').get(sectionId) as
    | { id: number; deck_id: number }
    | undefined;
  if (!section) throw new CueError('not_found', `There is no section ${sectionId}.`, { sectionId });
  return section;
}

export interface CardContent {
  question: string;
  answer: string;
  tags: string[];
}

export function createCard(
  db: Db,
  sectionId: number,
  content: CardContent,
  now: number,
): { cardId: number; key: string } {
  return db.transaction(() => {
    const section = sectionOfDeck(db, sectionId);
    const taken = (k: string) =>
      Boolean(db.prepare('SELECT 1 FROM cards WHERE deck_id = ? AND key = ?').get(section.deck_id, k));
    const key = keyFromText(content.question, taken);
    // after the last card of its section, so new cards are introduced in the order they were added
    const position =
      ((db.prepare('SELECT max(position) FROM cards WHERE deck_id = ?').pluck().get(section.deck_id) as
        | number
        | null) ?? 0) + 1;
    const cardId = Number(
      db
        .prepare(
          `INSERT INTO cards (deck_id, section_id, key, position, question, answer, tags, created_at, updated_at,
             user_edited_at, due)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          section.deck_id,
          sectionId,
          key,
          position,
          content.question,
          content.answer,
          normalizeTags(content.tags),
          now,
          now,
          now,
          now,
        ).lastInsertRowid,
    );
    return { cardId, key };
  })();
}

export function updateCard(
  db: Db,
  cardId: number,
  changes: Partial<CardContent> & { sectionId?: number },
  now: number,
): { cardId: number } {
  return db.transaction(() => {
    const card = findCard(db, cardId);
    if (changes.sectionId !== undefined && changes.sectionId !== card.section_id) {
      const target = sectionOfDeck(db, changes.sectionId);
      if (target.deck_id !== card.deck_id) moveToDeck(db, card, target.deck_id, now);
      // the card's review counts follow it (trigger review_counts_follow_card)
      db.prepare('UPDATE cards SET section_id = ? WHERE id = ?').run(target.id, cardId);
    }
    const question = changes.question ?? card.question;
    const answer = changes.answer ?? card.answer;
    if (question !== card.question || answer !== card.answer) saveCardAsNote(db, cardId, question, answer, now);
    db.prepare('UPDATE cards SET question = ?, answer = ?, updated_at = ?, user_edited_at = ? WHERE id = ?').run(
      question,
      answer,
      now,
      now,
      cardId,
    );
    if (changes.tags) setTagsOfCardNote(db, cardId, normalizeTags(changes.tags), now);
    return { cardId };
  })();
}

/**
 * Moves a card to the end of another deck, under a key free there. Its key is retired in the deck it
 * leaves, so an update of that deck does not bring a copy back.
 */
function moveToDeck(db: Db, card: { id: number; deck_id: number; key: string }, deckId: number, now: number): void {
  const taken = (k: string) => Boolean(db.prepare('SELECT 1 FROM cards WHERE deck_id = ? AND key = ?').get(deckId, k));
  const key = taken(card.key) ? keyFromText(card.key, taken) : card.key;
  const position =
    ((db.prepare('SELECT max(position) FROM cards WHERE deck_id = ?').pluck().get(deckId) as number | null) ?? 0) + 1;
  db.prepare('UPDATE cards SET deck_id = ?, key = ?, position = ? WHERE id = ?').run(deckId, key, position, card.id);
  retireCardKey(db, card.deck_id, card.key, 'moved', now);
  db.prepare('DELETE FROM retired_card_keys WHERE deck_id = ? AND key = ?').run(deckId, key);
}

/** A key a deck's update must not bring back (a card deleted, or moved to another deck). */
export function retireCardKey(db: Db, deckId: number, key: string, reason: 'deleted' | 'moved', at: number): void {
  cachedStatement(
    db,
    `INSERT INTO retired_card_keys (deck_id, key, reason, at) VALUES (?, ?, ?, ?)
     ON CONFLICT DO UPDATE SET reason = excluded.reason, at = excluded.at`,
  ).run(deckId, key, reason, at);
}

export type BulkAction =
  | { action: 'suspend' | 'unsuspend' | 'bury' | 'unbury' | 'reset' }
  | { action: 'addTags' | 'removeTags'; tags: string[] }
  | { action: 'setDue'; date: string }
  | { action: 'setFlag'; flag: number };

/**
 * One action on many cards, all or nothing. Reset puts a card back to new and a due date moves a
 * studied card; both are logged in card_events, and the review log is kept.
 */
export function bulkAction(
  db: Db,
  boundary: DayBoundary,
  cardIds: number[],
  change: BulkAction,
  now: number,
): { changed: number } {
  return db.transaction(() => {
    for (const cardId of cardIds) applyOne(db, boundary, cardId, change, now);
    return { changed: cardIds.length };
  })();
}

function applyOne(db: Db, boundary: DayBoundary, cardId: number, change: BulkAction, now: number): void {
  const card = findCard(db, cardId);
  const set = (sql: string, ...values: unknown[]) =>
    cachedStatement(db, `UPDATE cards SET ${sql} WHERE id = ?`).run(...values, cardId);
  switch (change.action) {
    case 'suspend':
      set('suspended = 1');
      return;
    case 'unsuspend':
      set('suspended = 0');
      return;
    case 'bury':
      set('buried_until = ?', dayStart(dayNumber(now, boundary) + 1, boundary));
      return;
    case 'unbury':
      set('buried_until = NULL');
      return;
    case 'setFlag':
      set('flag = ?', change.flag);
      return;
    case 'reset':
      saveSchedule(db, cardId, newSchedule(now));
      logScheduleEvent(db, cardId, now, { kind: 'reset' });
      return;
    case 'setDue': {
      if (card.state === 0) {
        throw new CueError('invalid_input', `Card ${cardId} is new: study it before giving it a due date.`, { cardId });
      }
      const due = dayStart(isoDateToDay(change.date), boundary);
      set('due = ?', due);
      logScheduleEvent(db, cardId, now, { kind: 'set_due', due });
      return;
    }
    case 'addTags':
      setTagsOfCardNote(db, cardId, normalizeTags([...(card.tags ? card.tags.split(' ') : []), ...change.tags]), now);
      return;
    case 'removeTags': {
      const remove = new Set(change.tags);
      setTagsOfCardNote(
        db,
        cardId,
        normalizeTags((card.tags ? card.tags.split(' ') : []).filter((t) => !remove.has(t))),
        now,
      );
      return;
    }
  }
}
