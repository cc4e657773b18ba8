/**
 * When a target date is set with deadline mode on, cards already scheduled to come back on or after
 * it (whose recall on the date would fall below the desired retention) are brought forward to the
 * review day before the date that counts most (deadline-interval.ts). Each move is a due date set
 * (card_events), so the card still equals a replay of its log.
 */
import { scheduleOf } from '../card-rows';
import type { Db } from '../database';
import { dayNumber, dayStart } from '../days';
import { findCard, logScheduleEvent } from '../review-log';
import type { Scheduler } from '../scheduler';
import { deckDayLoad } from './day-load';
import { broughtForwardDay } from './deadline-interval';
import { activeDeadlineDay } from './target-dates';

/** The decks a change of target applies to: the one named, or every deck without its own date. */
function decksOf(db: Db, deckId: number | undefined): number[] {
  if (deckId !== undefined) return [deckId];
  return db.prepare('SELECT id FROM decks WHERE target_date IS NULL').pluck().all() as number[];
}

/** Brings forward the cards of the decks the target applies to; the number moved. */
export function bringForward(
  db: Db,
  schedulerFor: (deckId: number) => Scheduler,
  deckId: number | undefined,
  now: number,
): number {
  let moved = 0;
  for (const id of decksOf(db, deckId)) {
    const scheduler = schedulerFor(id);
    const { boundary } = scheduler.settings;
    const targetDay = activeDeadlineDay(db, id, now, boundary);
    if (targetDay === null) continue;
    const cardIds = db
      .prepare('SELECT id FROM cards WHERE deck_id = ? AND state = 2 AND suspended = 0 AND due >= ?')
      .pluck()
      .all(id, dayStart(targetDay, boundary)) as number[];
    const load = deckDayLoad(db, id, now, targetDay, boundary);
    for (const cardId of cardIds) {
      const schedule = scheduleOf(findCard(db, cardId));
      const day = broughtForwardDay(scheduler, schedule, now, { targetDay, isFull: load.isFull });
      if (day === null) continue;
      load.move(null, day > dayNumber(now, boundary) ? day : null);
      const due = dayStart(day, boundary);
      logScheduleEvent(db, cardId, now, { kind: 'set_due', due });
      db.prepare('UPDATE cards SET due = ? WHERE id = ?').run(due, cardId);
      moved++;
    }
  }
  return moved;
}
