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
import { type DayBoundary, dayNumber, dayStart, dayToIsoDate, isoDateToDay } from '../days';
import type { Scheduler } from '../scheduler';
import { type CardFlags, type CardMemory, memoryAt, type SectionMemory } from './memory-states';

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
/** review_days.kind codes 1 and 2: cards in review state, the ones true retention counts. */
const isReviewKind = (kind: number) => kind === 1 || kind === 2;

interface DayRow {
  section_id: number;
  study_day: number;
  kind: number;
  rating: number;
  first_of_day: number;
  reviews: number;
  duration_ms: number;
}

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

  const weekDays = Array.from({ length: WEEKS }, (_, i) => day - 7 * (WEEKS - 1 - i));
  const forecast = new Forecast(day, sectionIds, boundary);
  const memory = memoryAt(db, {
    deckId: deck.id,
    sectionIds,
    points: weekDays.map(endOf),
    curve: ctx.scheduler.curve,
    visit: (k, sectionId, card, flags) => {
      if (k === WEEKS - 1) forecast.add(sectionId, card, flags);
    },
  });
  const now = memory[WEEKS - 1];
  const days = reviewDays(db, sectionIds, day);
  const totals = allTimeTotals(db, sectionIds, day);

  const rows = sections.map((s) =>
    sectionStats(s.id, s.name, now.get(s.id) as SectionMemory, days, totals, forecast, day),
  );
  const firstDay = firstStudyDay(db, sectionIds);
  const longerHistory = firstDay !== null && firstDay < weekDays[0] - 6;
  return {
    deck,
    date: dayToIsoDate(day),
    at,
    timeZone: boundary.timeZone,
    rolloverHour: boundary.rolloverHour,
    sections: rows,
    total: sectionStats(null, deck.name, sumMemory([...now.values()]), days, totals, forecast, day, sectionIds),
    mastery: {
      weeks: memory.map((points, k) => masteryPoint(weekDays[k], points)),
      allTime:
        query.allTime && longerHistory && firstDay !== null
          ? allTimeMastery(ctx, deck.id, sectionIds, firstDay, day, endOf)
          : null,
      longerHistory,
    },
    calendar: calendar(db, sectionIds, days, day),
    forecast: forecast.days(),
    answerButtons: answerButtons(days, day),
    hourly: hourly(db, deck.id, sectionIds, day),
  };
}

function sectionsInScope(db: Db, query: StatsQuery): Section[] {
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

function reviewDays(db: Db, sectionIds: number[], day: number): DayRow[] {
  return db
    .prepare(
      `SELECT section_id, study_day, kind, rating, first_of_day, reviews, duration_ms FROM review_days
       WHERE section_id IN (SELECT value FROM json_each(?)) AND study_day BETWEEN ? AND ?`,
    )
    .all(JSON.stringify(sectionIds), day - 364, day) as DayRow[];
}

function allTimeTotals(db: Db, sectionIds: number[], day: number): Map<number, { reviews: number; ms: number }> {
  const rows = db
    .prepare(
      `SELECT section_id, sum(reviews) AS reviews, sum(duration_ms) AS ms FROM review_days
       WHERE section_id IN (SELECT value FROM json_each(?)) AND study_day <= ? GROUP BY section_id`,
    )
    .all(JSON.stringify(sectionIds), day) as { section_id: number; reviews: number; ms: number }[];
  return new Map(rows.map((r) => [r.section_id, { reviews: r.reviews, ms: r.ms }]));
}

function firstStudyDay(db: Db, sectionIds: number[]): number | null {
  const row = db
    .prepare('SELECT min(study_day) AS day FROM review_days WHERE section_id IN (SELECT value FROM json_each(?))')
    .get(JSON.stringify(sectionIds)) as { day: number | null };
  return row.day;
}

function retention(rows: DayRow[], fromDay: number): RetentionFigure {
  let passed = 0;
  let total = 0;
  for (const row of rows) {
    if (row.study_day < fromDay || !row.first_of_day || !isReviewKind(row.kind)) continue;
    total += row.reviews;
    if (row.rating > 1) passed += row.reviews;
  }
  return { passed, total, rate: total ? passed / total : null };
}

function sectionStats(
  sectionId: number | null,
  name: string,
  memory: SectionMemory,
  days: DayRow[],
  totals: Map<number, { reviews: number; ms: number }>,
  forecast: Forecast,
  day: number,
  sectionIds: number[] = sectionId === null ? [] : [sectionId],
): SectionStats {
  const ids = new Set(sectionIds);
  const rows = days.filter((row) => ids.has(row.section_id));
  const last30 = rows.filter((row) => row.study_day > day - 30);
  const allTime = sectionIds.map((id) => totals.get(id) ?? { reviews: 0, ms: 0 });
  const active = memory.cards - memory.suspended;
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
    masteredShare: active ? memory.mastered / active : 0,
    averageRetrievability: memory.recallCount ? memory.recallSum / memory.recallCount : null,
    trueRetention: {
      days7: retention(rows, day - 6),
      days30: retention(rows, day - 29),
      days365: retention(rows, day - 364),
    },
    reviews: {
      total: allTime.reduce((n, t) => n + t.reviews, 0),
      totalMs: allTime.reduce((n, t) => n + t.ms, 0),
      last30Days: last30.reduce((n, r) => n + r.reviews, 0),
      last30DaysMs: last30.reduce((n, r) => n + r.duration_ms, 0),
    },
    due: forecast.dueSummary(sectionIds),
  };
}

function sumMemory(parts: SectionMemory[]): SectionMemory {
  const total = {
    cards: 0,
    new: 0,
    learning: 0,
    review: 0,
    suspended: 0,
    buried: 0,
    mastered: 0,
    recallSum: 0,
    recallCount: 0,
  };
  for (const part of parts) {
    for (const key of Object.keys(total) as (keyof SectionMemory)[]) total[key] += part[key];
  }
  return total;
}

function masteryPoint(day: number, sections: Map<number, SectionMemory>): MasteryPoint {
  return {
    date: dayToIsoDate(day),
    sections: [...sections].map(([sectionId, m]) => {
      const active = m.cards - m.suspended;
      return {
        sectionId,
        cards: m.cards,
        mastered: m.mastered,
        masteredShare: active ? m.mastered / active : 0,
        averageRetrievability: m.recallCount ? m.recallSum / m.recallCount : null,
      };
    }),
  };
}

/** Month ends from the first review to `day` (and `day` itself). */
function allTimeMastery(
  ctx: StatsContext,
  deckId: number,
  sectionIds: number[],
  firstDay: number,
  day: number,
  endOf: (day: number) => number,
): MasteryPoint[] {
  const days: number[] = [];
  const first = new Date(firstDay * 86_400_000);
  for (let month = first.getUTCFullYear() * 12 + first.getUTCMonth(); ; month++) {
    const lastOfMonth = Date.UTC(Math.floor(month / 12), (month % 12) + 1, 0) / 86_400_000;
    if (lastOfMonth >= day) break;
    days.push(lastOfMonth);
  }
  days.push(day);
  const memory = memoryAt(ctx.db, { deckId, sectionIds, points: days.map(endOf), curve: ctx.scheduler.curve });
  return memory.map((sections, k) => masteryPoint(days[k], sections));
}

/** Cards due per study day from `day` on; overdue cards count on the first day. */
class Forecast {
  private readonly starts: number[];
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
    const due = Math.max(card.due, flags.buriedUntil ?? 0);
    if (due >= this.starts[FORECAST_DAYS]) return;
    let index = 0;
    while (index < FORECAST_DAYS - 1 && due >= this.starts[index + 1]) index++;
    (this.counts.get(sectionId) as number[])[index]++;
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

function calendar(db: Db, sectionIds: number[], rows: DayRow[], day: number): CalendarStats {
  const perDay = new Map<number, number>();
  for (const row of rows) perDay.set(row.study_day, (perDay.get(row.study_day) ?? 0) + row.reviews);
  const days = Array.from({ length: 365 }, (_, i) => {
    const d = day - 364 + i;
    return { date: dayToIsoDate(d), reviews: perDay.get(d) ?? 0 };
  });
  const studied = db
    .prepare(
      `SELECT DISTINCT study_day FROM review_days
       WHERE section_id IN (SELECT value FROM json_each(?)) AND study_day <= ? ORDER BY study_day`,
    )
    .pluck()
    .all(JSON.stringify(sectionIds), day) as number[];
  return { days, ...streaks(studied, day), daysStudied: days.filter((d) => d.reviews > 0).length };
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

function answerButtons(rows: DayRow[], day: number): AnswerButtonStats[] {
  const counts = KINDS.map(() => [0, 0, 0, 0] as [number, number, number, number]);
  for (const row of rows) {
    if (row.study_day > day - 30) counts[row.kind][row.rating - 1] += row.reviews;
  }
  return KINDS.map((kind, i) => ({ kind, counts: counts[i], total: counts[i].reduce((a, b) => a + b, 0) }));
}

function hourly(db: Db, deckId: number, sectionIds: number[], day: number): HourStats[] {
  const rows = db
    .prepare(
      `SELECT r.hour, count(*) AS reviews,
         total(r.first_of_day AND r.kind IN (1, 2)) AS counted,
         total(r.first_of_day AND r.kind IN (1, 2) AND r.rating > 1) AS passed
       FROM reviews r JOIN cards c ON c.id = r.card_id
       WHERE r.study_day BETWEEN ? AND ? AND c.deck_id = ? AND c.section_id IN (SELECT value FROM json_each(?))
       GROUP BY r.hour`,
    )
    .all(day - 29, day, deckId, JSON.stringify(sectionIds)) as {
    hour: number;
    reviews: number;
    counted: number;
    passed: number;
  }[];
  const byHour = new Map(rows.map((row) => [row.hour, row]));
  return Array.from({ length: 24 }, (_, hour) => {
    const row = byHour.get(hour);
    const total = row?.counted ?? 0;
    const passed = row?.passed ?? 0;
    return { hour, reviews: row?.reviews ?? 0, retention: { passed, total, rate: total ? passed / total : null } };
  });
}
