/**
 * The statistics screen's data for one deck or section, as of the end of a study day: card counts,
 * mastery, retrievability, true retention, reviews, due counts, mastery over weeks, calendar,
 * forecast, answer buttons and the hourly breakdown.
 */

import { CueError } from '../../../shared/errors';
import type {
  AnswerButtonStats,
  CalendarStats,
  DeckStats,
  ForecastDay,
  HourStats,
  MasteryPoint,
  RetentionFigure,
  ReviewKind,
  SectionStats,
} from '../../../shared/stats';
import type { Db } from '../database';
import { type DayBoundary, dayNumber, dayStart, dayToIsoDate, isoDateToDay, MS_PER_DAY } from '../days';
import type { Scheduler } from '../scheduler';
import {
  addSectionMemory,
  type CardFlags,
  type CardMemory,
  emptySectionMemory,
  memoryAt,
  type SectionMemory,
} from './memory-states';
import { currentMemory, pastMemory } from './section-memory';

export interface StatsContext {
  db: Db;
  scheduler: Scheduler;
  boundary: DayBoundary;
  now: number;
}

export interface StatsQuery {
  deckId: number;
  sectionId?: number;
  at?: string;
  allTime?: boolean;
}

const WEEKS = 12;
const FORECAST_DAYS = 30;
const KINDS: ReviewKind[] = ['learning', 'young', 'mature', 'relearning'];

interface Section {
  id: number;
  name: string;
}

export function deckStats(ctx: StatsContext, query: StatsQuery): DeckStats {
  const { db, boundary } = ctx;
  const deck = db.prepare('SELECT id, name FROM decks WHERE id = ?').get(query.deckId) as Section | undefined;
  if (!deck) throw new CueError('not_found', `There is no deck ${query.deckId}.`, { deckId: query.deckId });
  const sections = sectionsInScope(db, query);
  const sectionIds = sections.map((s) => s.id);
  const today = dayNumber(ctx.now, boundary);
  const day = query.at === undefined ? today : isoDateToDay(query.at);
  if (day > today) {
    throw new CueError('invalid_input', `${query.at} is in the future; statistics go up to today.`, { at: query.at });
  }
  const endOf = (d: number) => (d === today ? ctx.now : dayStart(d + 1, boundary) - 1);
  const at = endOf(day);
  const curve = ctx.scheduler.curve;

  const weekDays = Array.from({ length: WEEKS }, (_, i) => day - 7 * (WEEKS - 1 - i));
  const history = pastMemory(db, deck.id, sectionIds, weekDays.slice(0, -1).map(endOf), curve);
  const forecast = new Forecast(day, sectionIds, boundary);
  let memory: Map<number, SectionMemory>;
  if (day === today) {
    const current = currentMemory(db, deck.id, sectionIds, at, curve, forecast.starts);
    memory = current.memory;
    for (const [sectionId, dayIndex, cards] of current.due) forecast.addToDay(sectionId, dayIndex, cards);
  } else {
    [memory] = memoryAt(db, {
      deckId: deck.id,
      sectionIds,
      points: [at],
      curve,
      visit: (_k, sectionId, card, flags) => forecast.add(sectionId, card, flags),
    });
  }
  const days = reviewDayFigures(db, sectionIds, day);
  const rows = sections.map((s) => sectionStats(s.id, s.name, memory.get(s.id) as SectionMemory, days, forecast));
  const firstDay = db
    .prepare(`SELECT min(study_day) FROM review_days WHERE section_id IN (${idList(sectionIds)})`)
    .pluck()
    .get() as number | null;
  const longerHistory = firstDay !== null && firstDay < weekDays[0] - 6;
  return {
    deck,
    date: dayToIsoDate(day),
    at,
    timeZone: boundary.timeZone,
    rolloverHour: boundary.rolloverHour,
    desiredRetention: ctx.scheduler.settings.desiredRetention,
    sections: rows,
    total: sectionStats(
      null,
      deck.name,
      [...memory.values()].reduce(addSectionMemory, emptySectionMemory()),
      days,
      forecast,
      sectionIds,
    ),
    mastery: {
      weeks: [...history, memory].map((points, k) => masteryPoint(weekDays[k], points)),
      allTime:
        query.allTime && longerHistory && firstDay !== null
          ? allTimeMastery(ctx, deck.id, sectionIds, firstDay, day, endOf, memory)
          : null,
      longerHistory,
    },
    calendar: calendar(db, sectionIds, day),
    forecast: forecast.days(),
    answerButtons: answerButtons(db, sectionIds, day),
    hourly: hourly(db, sectionIds, day),
  };
}

export function sectionsInScope(db: Db, query: Pick<StatsQuery, 'deckId' | 'sectionId'>): Section[] {
  const sections = db
    .prepare('SELECT id, name FROM sections WHERE deck_id = ? ORDER BY position')
    .all(query.deckId) as Section[];
  if (query.sectionId === undefined) return sections;
  const section = sections.filter((s) => s.id === query.sectionId);
  if (!section.length) {
    throw new CueError('not_found', `Deck ${query.deckId} has no section ${query.sectionId}.`, query);
  }
  return section;
}

/** Reviews, time and true retention per section over the periods the table shows, from review_days. */
interface PeriodFigures {
  reviews: number;
  ms: number;
  last30: number;
  last30Ms: number;
  retention: Record<7 | 30 | 365, RetentionFigure>;
}

function reviewDayFigures(db: Db, ids: number[], day: number): Map<number, PeriodFigures> {
  // every day's counts for the totals; only the last year's, by the primary key, for the rest
  const totals = db
    .prepare(
      `SELECT section_id, sum(reviews), sum(duration_ms) FROM review_days
       WHERE section_id IN (${idList(ids)}) AND study_day <= ? GROUP BY section_id`,
    )
    .raw()
    .all(day) as [number, number, number][];
  const recent = new Map(
    (
      db
        .prepare(
          `SELECT section_id AS id,
         total(CASE WHEN study_day > @day - 30 THEN reviews END) AS last30,
         total(CASE WHEN study_day > @day - 30 THEN duration_ms END) AS last30Ms,
         total(CASE WHEN first_of_day = 1 AND kind IN (1, 2) AND study_day > @day - 7 THEN reviews END) AS t7,
         total(CASE WHEN first_of_day = 1 AND kind IN (1, 2) AND study_day > @day - 7 AND rating > 1 THEN reviews END) AS p7,
         total(CASE WHEN first_of_day = 1 AND kind IN (1, 2) AND study_day > @day - 30 THEN reviews END) AS t30,
         total(CASE WHEN first_of_day = 1 AND kind IN (1, 2) AND study_day > @day - 30 AND rating > 1 THEN reviews END) AS p30,
         total(CASE WHEN first_of_day = 1 AND kind IN (1, 2) THEN reviews END) AS t365,
         total(CASE WHEN first_of_day = 1 AND kind IN (1, 2) AND rating > 1 THEN reviews END) AS p365
       FROM review_days WHERE section_id IN (${idList(ids)}) AND study_day > @day - 365 AND study_day <= @day
       GROUP BY section_id`,
        )
        .all({ day }) as ({ id: number; last30: number; last30Ms: number } & Record<
        't7' | 'p7' | 't30' | 'p30' | 't365' | 'p365',
        number
      >)[]
    ).map((r) => [r.id, r]),
  );
  return new Map(
    totals.map(([id, reviews, ms]) => {
      const r = recent.get(id) ?? { last30: 0, last30Ms: 0, t7: 0, p7: 0, t30: 0, p30: 0, t365: 0, p365: 0 };
      return [
        id,
        {
          reviews,
          ms,
          last30: r.last30,
          last30Ms: r.last30Ms,
          retention: { 7: figure(r.p7, r.t7), 30: figure(r.p30, r.t30), 365: figure(r.p365, r.t365) },
        },
      ];
    }),
  );
}

/** Section ids are integers from the database; written into the SQL, SQLite can use its index. */
function idList(ids: number[]): string {
  if (!ids.every(Number.isInteger)) throw new Error('section ids must be integers');
  return ids.join(', ');
}

function figure(passed: number, total: number): RetentionFigure {
  return { passed, total, rate: total ? passed / total : null };
}

function sumFigures(parts: PeriodFigures[]): PeriodFigures {
  const sum = (pick: (p: PeriodFigures) => number) => parts.reduce((n, p) => n + pick(p), 0);
  const retention = (n: 7 | 30 | 365) =>
    figure(
      sum((p) => p.retention[n].passed),
      sum((p) => p.retention[n].total),
    );
  return {
    reviews: sum((p) => p.reviews),
    ms: sum((p) => p.ms),
    last30: sum((p) => p.last30),
    last30Ms: sum((p) => p.last30Ms),
    retention: { 7: retention(7), 30: retention(30), 365: retention(365) },
  };
}

function sectionStats(
  sectionId: number | null,
  name: string,
  memory: SectionMemory,
  days: Map<number, PeriodFigures>,
  forecast: Forecast,
  sectionIds: number[] = sectionId === null ? [] : [sectionId],
): SectionStats {
  const periods = sumFigures(sectionIds.map((id) => days.get(id)).filter((p): p is PeriodFigures => p !== undefined));
  return {
    sectionId,
    name,
    cards: {
      total: memory.cards,
      new: memory.new,
      learning: memory.learning,
      review: memory.review,
      suspended: memory.suspended,
      buried: memory.buried,
    },
    mastered: memory.mastered,
    masteredShare: memory.cards ? memory.mastered / memory.cards : 0,
    averageRetrievability: memory.recallCount ? memory.recallSum / memory.recallCount : null,
    trueRetention: { days7: periods.retention[7], days30: periods.retention[30], days365: periods.retention[365] },
    reviews: {
      total: periods.reviews,
      totalMs: periods.ms,
      last30Days: periods.last30,
      last30DaysMs: periods.last30Ms,
    },
    due: forecast.dueSummary(sectionIds),
  };
}

function masteryPoint(day: number, sections: Map<number, SectionMemory>): MasteryPoint {
  return {
    date: dayToIsoDate(day),
    sections: [...sections].map(([sectionId, m]) => ({
      sectionId,
      cards: m.cards,
      mastered: m.mastered,
      masteredShare: m.cards ? m.mastered / m.cards : 0,
      averageRetrievability: m.recallCount ? m.recallSum / m.recallCount : null,
    })),
  };
}

/** Month ends from the first review up to `day`, then `day` itself. */
function allTimeMastery(
  ctx: StatsContext,
  deckId: number,
  sectionIds: number[],
  firstDay: number,
  day: number,
  endOf: (day: number) => number,
  atDay: Map<number, SectionMemory>,
): MasteryPoint[] {
  const days: number[] = [];
  const first = new Date(firstDay * MS_PER_DAY);
  for (let month = first.getUTCFullYear() * 12 + first.getUTCMonth(); ; month++) {
    const lastOfMonth = Date.UTC(Math.floor(month / 12), (month % 12) + 1, 0) / MS_PER_DAY;
    if (lastOfMonth >= day) break;
    days.push(lastOfMonth);
  }
  const memory = pastMemory(ctx.db, deckId, sectionIds, days.map(endOf), ctx.scheduler.curve);
  return [...memory, atDay].map((sections, k) => masteryPoint(days[k] ?? day, sections));
}

/** Cards due per study day from `day` on; overdue cards count on the first day. */
class Forecast {
  /** Where each forecast day starts, and the day after the last. */
  readonly starts: number[];
  private readonly counts: Map<number, number[]>;

  constructor(
    private readonly day: number,
    sectionIds: number[],
    boundary: DayBoundary,
  ) {
    this.starts = Array.from({ length: FORECAST_DAYS + 1 }, (_, i) => dayStart(day + i, boundary));
    this.counts = new Map(sectionIds.map((id) => [id, new Array(FORECAST_DAYS).fill(0)]));
  }

  add(sectionId: number, card: CardMemory, flags: CardFlags): void {
    if (flags.suspended || card.state === 0) return;
    this.count(sectionId, Math.max(card.due, flags.buriedUntil ?? 0), 1);
  }

  addToDay(sectionId: number, dayIndex: number, cards: number): void {
    const counts = this.counts.get(sectionId);
    if (counts) counts[dayIndex] += cards;
  }

  private count(sectionId: number, due: number, n: number): void {
    const counts = this.counts.get(sectionId);
    if (!counts || due >= this.starts[FORECAST_DAYS]) return;
    let index = 0;
    while (index < FORECAST_DAYS - 1 && due >= this.starts[index + 1]) index++;
    counts[index] += n;
  }

  days(): ForecastDay[] {
    return Array.from({ length: FORECAST_DAYS }, (_, i) => {
      const bySection: Record<number, number> = {};
      let total = 0;
      for (const [id, counts] of this.counts) {
        bySection[id] = counts[i];
        total += counts[i];
      }
      return { date: dayToIsoDate(this.day + i), bySection, total };
    });
  }

  dueSummary(sectionIds: number[]): SectionStats['due'] {
    const sum = (from: number, to: number) =>
      sectionIds.reduce((n, id) => n + (this.counts.get(id) ?? []).slice(from, to).reduce((a, b) => a + b, 0), 0);
    return { today: sum(0, 1), tomorrow: sum(1, 2), next7Days: sum(0, 7) };
  }
}

function calendar(db: Db, ids: number[], day: number): CalendarStats {
  // every day studied up to `day` with its reviews, in one pass: the streaks need them all
  const studied = db
    .prepare(
      `SELECT study_day, sum(reviews) FROM review_days
       WHERE section_id IN (${idList(ids)}) AND study_day <= ? GROUP BY study_day ORDER BY study_day`,
    )
    .raw()
    .all(day) as [number, number][];
  const perDay = new Map(studied.filter(([d]) => d > day - 365));
  const days = Array.from({ length: 365 }, (_, i) => {
    const d = day - 364 + i;
    return { date: dayToIsoDate(d), reviews: perDay.get(d) ?? 0 };
  });
  return {
    days,
    ...streaks(
      studied.map(([d]) => d),
      day,
    ),
    daysStudied: perDay.size,
  };
}

/** The current streak ends today, or yesterday while today has no reviews yet. */
export function streaks(studiedDays: number[], day: number): { streak: number; longestStreak: number } {
  let longestStreak = 0;
  let run = 0;
  let previous = Number.NaN;
  for (const d of studiedDays) {
    run = d === previous + 1 ? run + 1 : 1;
    longestStreak = Math.max(longestStreak, run);
    previous = d;
  }
  const last = studiedDays.at(-1);
  const streak = last === day || last === day - 1 ? run : 0;
  return { streak, longestStreak };
}

function answerButtons(db: Db, ids: number[], day: number): AnswerButtonStats[] {
  const rows = db
    .prepare(
      `SELECT kind, rating, sum(reviews) FROM review_days
       WHERE section_id IN (${idList(ids)}) AND study_day BETWEEN ? AND ? GROUP BY kind, rating`,
    )
    .raw()
    .all(day - 29, day) as [number, number, number][];
  const counts = KINDS.map(() => [0, 0, 0, 0] as [number, number, number, number]);
  for (const [kind, rating, n] of rows) counts[kind][rating - 1] = n;
  return KINDS.map((kind, i) => ({ kind, counts: counts[i], total: counts[i].reduce((a, b) => a + b, 0) }));
}

function hourly(db: Db, ids: number[], day: number): HourStats[] {
  const rows = db
    .prepare(
      `SELECT hour, sum(reviews), sum(counted), sum(passed) FROM review_hours
       WHERE section_id IN (${idList(ids)}) AND study_day BETWEEN ? AND ? GROUP BY hour`,
    )
    .raw()
    .all(day - 29, day) as [number, number, number, number][];
  const byHour = new Map(rows.map((row) => [row[0], row]));
  return Array.from({ length: 24 }, (_, hour) => {
    const [, reviews, total, passed] = byHour.get(hour) ?? [hour, 0, 0, 0];
    return { hour, reviews, retention: figure(passed, total) };
  });
}
