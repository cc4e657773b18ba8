/**
 * Target dates: a deck's own (on its row) and the collection's (in `settings`, used by decks without
 * their own). A date is a study day in the collection's time zone and day start; deadline mode is on
 * while a date is set unless the person turns it off.
 */

import { CueError } from '../../../shared/errors';
import type { DeckTarget, TargetDate } from '../../../shared/readiness';
import { cachedStatement, type Db } from '../database';
import { type DayBoundary, dayNumber, dayToIsoDate, isoDateToDay } from '../days';

const COLLECTION_KEY = 'targetDate';

function assertDeck(db: Db, deckId: number): void {
  if (!cachedStatement(db, 'SELECT 1 FROM decks WHERE id = ?').get(deckId)) {
    throw new CueError('not_found', `There is no deck ${deckId}.`, { deckId });
  }
}

function deckTargetDate(db: Db, deckId: number): TargetDate | null {
  const row = cachedStatement(db, 'SELECT target_date, deadline_mode FROM decks WHERE id = ?').get(deckId) as
    | { target_date: string | null; deadline_mode: number }
    | undefined;
  return row?.target_date ? { date: row.target_date, deadlineMode: row.deadline_mode === 1 } : null;
}

function collectionTargetDate(db: Db): TargetDate | null {
  const value = cachedStatement(db, 'SELECT value FROM settings WHERE key = ?').pluck().get(COLLECTION_KEY) as
    | string
    | undefined;
  if (value === undefined) return null;
  const parsed = JSON.parse(value) as Partial<TargetDate>;
  return typeof parsed.date === 'string' ? { date: parsed.date, deadlineMode: parsed.deadlineMode !== false } : null;
}

/** The deck's target, the collection's, and which applies, with the study days left until it. */
export function deckTarget(db: Db, deckId: number, now: number, boundary: DayBoundary): DeckTarget {
  assertDeck(db, deckId);
  const deck = deckTargetDate(db, deckId);
  const collection = collectionTargetDate(db);
  const effective = deck
    ? { ...deck, source: 'deck' as const }
    : collection
      ? { ...collection, source: 'collection' as const }
      : null;
  const daysLeft = effective ? isoDateToDay(effective.date) - dayNumber(now, boundary) : null;
  return { deckId, deck, collection, effective, daysLeft };
}

export interface TargetChange {
  /** Absent: the whole collection's target. */
  deckId?: number;
  /** null clears it. */
  date: string | null;
  deadlineMode?: boolean;
}

/** How far ahead a target date may be: the projection walks every day until it. */
export const MAX_DAYS_AHEAD = 730;

/**
 * Refuses a date before today (the collection's study day), since an interview that is over needs no
 * plan, and one more than two years ahead.
 */
export function assertUpcoming(date: string, now: number, boundary: DayBoundary): void {
  const today = dayNumber(now, boundary);
  if (isoDateToDay(date) < today) {
    throw new CueError('invalid_input', `The target date ${date} is in the past; today is ${dayToIsoDate(today)}.`, {
      date,
    });
  }
  if (isoDateToDay(date) - today > MAX_DAYS_AHEAD) {
    const latest = dayToIsoDate(today + MAX_DAYS_AHEAD);
    throw new CueError(
      'invalid_input',
      `The target date ${date} is more than two years ahead; the latest is ${latest}.`,
      {
        date,
      },
    );
  }
}

export function setTarget(db: Db, change: TargetChange, now: number, boundary: DayBoundary): void {
  if (change.date !== null) assertUpcoming(change.date, now, boundary);
  const deadlineMode = change.deadlineMode ?? true;
  if (change.deckId === undefined) {
    if (change.date === null) db.prepare('DELETE FROM settings WHERE key = ?').run(COLLECTION_KEY);
    else {
      db.prepare(
        'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT DO UPDATE SET value = excluded.value',
      ).run(COLLECTION_KEY, JSON.stringify({ date: change.date, deadlineMode }));
    }
    return;
  }
  assertDeck(db, change.deckId);
  db.prepare('UPDATE decks SET target_date = ?, deadline_mode = ? WHERE id = ?').run(
    change.date,
    deadlineMode ? 1 : 0,
    change.deckId,
  );
}

/**
 * The target study day deadline mode schedules a deck's answers for now, or null: no target, deadline
 * mode off, or the date reached (from the date on, scheduling is ordinary).
 */
export function activeDeadlineDay(db: Db, deckId: number, now: number, boundary: DayBoundary): number | null {
  const deck = deckTargetDate(db, deckId);
  const target = deck ?? collectionTargetDate(db);
  if (!target?.deadlineMode) return null;
  const day = isoDateToDay(target.date);
  return dayNumber(now, boundary) < day ? day : null;
}
