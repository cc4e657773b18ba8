/**
 * Rescheduling after the desired retention or the FSRS parameters changed: each studied card of a
 * preset's decks gets the memory state and due its history gives under the new options, as if every
 * answer had been scheduled with them. A reschedule is an entry of the append-only log (card_events),
 * so a replay reproduces it; the preview says how the next 30 days' due counts change, first.
 */
import type { ReschedulePreview, RescheduleResult } from '../../../shared/simulate';
import { scheduleOf } from '../card-rows';
import { cachedStatement, type Db } from '../database';
import { type DayBoundary, dayNumber, dayToIsoDate } from '../days';
import { applyScheduleEvent, findCard, logScheduleEvent, replayCardWith, type ScheduleEvent } from '../review-log';
import { type Schedule, type Scheduler, STATE } from '../scheduler';

/** The preview covers this many study days, today first (with what is overdue). */
export const PREVIEW_DAYS = 30;

interface PlannedChange {
  cardId: number;
  suspended: boolean;
  before: Schedule;
  after: Schedule;
  event: Extract<ScheduleEvent, { kind: 'reschedule' }>;
}

interface StudiedCard {
  id: number;
  suspended: 0 | 1;
}

/** Studied cards of the decks using the preset. */
function studiedCards(db: Db, presetId: number): StudiedCard[] {
  return db
    .prepare(
      `SELECT c.id, c.suspended FROM cards c JOIN decks d ON d.id = c.deck_id
       WHERE d.preset_id = ? AND c.state <> ${STATE.new} ORDER BY c.id`,
    )
    .all(presetId) as StudiedCard[];
}

function sameSchedule(a: Schedule, b: Schedule): boolean {
  return (
    a.due === b.due &&
    a.stability === b.stability &&
    a.difficulty === b.difficulty &&
    a.scheduledDays === b.scheduledDays
  );
}

/**
 * What rescheduling with `scheduler` would do to one card, or null when it changes nothing. A review
 * card takes the new due; a card in (re)learning keeps its step's due and takes only the new memory state.
 */
function planCard(db: Db, scheduler: Scheduler, card: StudiedCard, now: number): PlannedChange | null {
  const before = scheduleOf(findCard(db, card.id));
  const target = replayCardWith(db, scheduler, card.id);
  if (target.state === STATE.new) return null;
  const due = before.state === STATE.review && target.state === STATE.review ? target.due : before.due;
  const event = { kind: 'reschedule' as const, stability: target.stability, difficulty: target.difficulty, due };
  const after = applyScheduleEvent(before, now, event, scheduler.settings.boundary);
  if (sameSchedule(before, after)) return null;
  return { cardId: card.id, suspended: card.suspended === 1, before, after, event };
}

/**
 * What a card's plan was made from: its state, its answers that stand and its other log entries. An
 * answer, a reset, a due date set by hand or an import in between changes one of them, and the card is
 * planned again (an answer given and undone meanwhile leaves the history the plan was made from).
 */
function stampOf(db: Db, cardId: number): string {
  const logged = cachedStatement(
    db,
    `SELECT (SELECT count(*) FROM reviews WHERE card_id = @cardId) || ':' ||
       (SELECT count(*) FROM card_events WHERE card_id = @cardId)`,
  )
    .pluck()
    .get({ cardId }) as string;
  return `${logged}:${JSON.stringify(scheduleOf(findCard(db, cardId)))}`;
}

interface Plan {
  scheduler: Scheduler;
  /** Each card looked at, with what its plan was made from, and its change (null: none). */
  cards: Map<number, { stamp: string; change: PlannedChange | null }>;
}

/** Cards replayed per turn of the event loop: a few tens of milliseconds of work. */
const CARDS_PER_TURN = 200;
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** The plan for every studied card, a few hundred cards at a time, letting other calls run between. */
async function planInTurns(db: Db, scheduler: Scheduler, presetId: number, now: number): Promise<Plan> {
  const studied = studiedCards(db, presetId);
  const cards: Plan['cards'] = new Map();
  for (let i = 0; i < studied.length; i += CARDS_PER_TURN) {
    for (const card of studied.slice(i, i + CARDS_PER_TURN)) {
      // a card deleted or moved away meanwhile is looked at again (or not) when the plan is applied
      if (!cachedStatement(db, 'SELECT 1 FROM cards WHERE id = ?').get(card.id)) continue;
      cards.set(card.id, { stamp: stampOf(db, card.id), change: planCard(db, scheduler, card, now) });
    }
    await nextTurn();
  }
  return { scheduler, cards };
}

/**
 * The changes to make now, inside the transaction: the plan's, for each card whose state and log are
 * as they were when it was planned with the options the preset still has; the rest planned afresh.
 */
function changesNow(db: Db, plan: Plan, scheduler: Scheduler, presetId: number, now: number): PlannedChange[] {
  const changes: PlannedChange[] = [];
  for (const card of studiedCards(db, presetId)) {
    const planned = plan.cards.get(card.id);
    const current = planned && plan.scheduler === scheduler && planned.stamp === stampOf(db, card.id);
    const change = current ? planned.change : planCard(db, scheduler, card, now);
    if (change) changes.push({ ...change, suspended: card.suspended === 1 });
  }
  return changes;
}

/**
 * Cards due on each of the next 30 study days (the first with the overdue ones), before and after.
 * Worked out in turns; cards answered meanwhile are looked at again at the end.
 */
export async function reschedulePreview(
  db: Db,
  scheduler: Scheduler,
  presetId: number,
  now: number,
): Promise<ReschedulePreview> {
  const { boundary } = scheduler.settings;
  const today = dayNumber(now, boundary);
  const plan = await planInTurns(db, scheduler, presetId, now);
  const changes = changesNow(db, plan, scheduler, presetId, now);
  const before = dueCounts(db, presetId, boundary, today);
  const after = [...before];
  const slot = (due: number) => Math.max(0, dayNumber(due, boundary) - today);
  for (const change of changes) {
    if (change.suspended) continue;
    const from = slot(change.before.due);
    const to = slot(change.after.due);
    if (from < PREVIEW_DAYS) after[from]--;
    if (to < PREVIEW_DAYS) after[to]++;
  }
  return {
    cards: changes.length,
    days: before.map((count, offset) => ({ day: dayToIsoDate(today + offset), before: count, after: after[offset] })),
  };
}

/** Studied, unsuspended cards of the preset's decks due on each of the next 30 days, as they are now. */
function dueCounts(db: Db, presetId: number, boundary: DayBoundary, today: number): number[] {
  const counts = new Array<number>(PREVIEW_DAYS).fill(0);
  const dues = db
    .prepare(
      `SELECT c.due FROM cards c JOIN decks d ON d.id = c.deck_id
       WHERE d.preset_id = ? AND c.state <> ${STATE.new} AND c.suspended = 0`,
    )
    .pluck()
    .all(presetId) as number[];
  for (const due of dues) {
    const offset = Math.max(0, dayNumber(due, boundary) - today);
    if (offset < PREVIEW_DAYS) counts[offset]++;
  }
  return counts;
}

/**
 * Reschedules the preset's studied cards, each change logged. The replays run in turns (other calls
 * are answered meanwhile); the changes are then made in one transaction, with the preset's options as
 * they are then (`schedulerNow`), each card planned again if it was answered or changed meanwhile, and
 * logged at that moment, after any answer given meanwhile, as replay must apply them.
 */
export async function reschedulePreset(
  db: Db,
  schedulerNow: () => Scheduler,
  presetId: number,
  clock: () => number,
): Promise<RescheduleResult> {
  const plan = await planInTurns(db, schedulerNow(), presetId, clock());
  return db.transaction(() => {
    const now = clock();
    const changes = changesNow(db, plan, schedulerNow(), presetId, now);
    const update = cachedStatement(
      db,
      'UPDATE cards SET due = ?, stability = ?, difficulty = ?, scheduled_days = ? WHERE id = ?',
    );
    for (const { cardId, after, event } of changes) {
      logScheduleEvent(db, cardId, now, event);
      update.run(after.due, after.stability, after.difficulty, after.scheduledDays, cardId);
    }
    return { presetId, cards: changes.length };
  })();
}
