/**
 * Each section's memory now (one SQL pass over the cards) and at past moments (snapshots computed
 * once and kept in memory_snapshots, see the schema).
 */

import { MASTERED_STABILITY } from '../card-rows';
import { cachedStatement, type Db } from '../database';
import { STATE } from '../scheduler';
import { emptySectionMemory, type SectionMemory } from './memory-states';
import { memorySums } from './memory-sums';

export interface Curve {
  decay: number;
  factor: number;
}

export interface CurrentMemory {
  memory: Map<number, SectionMemory>;
  /** [sectionId, day index, cards]: cards falling due on each day that starts at `dayStarts[i]`. */
  due: [number, number, number][];
}

/**
 * Card counts, mastery and recall per section at `now`, and when the cards fall due, from the
 * cards' current state: one pass over the deck's cards in the narrow index cards_memory, in its
 * order, and one over the range of it due before the forecast's end. `dayStarts` are the starts of the
 * forecast's days and of the day after the last; overdue cards count on the first day.
 */
export function currentMemory(
  db: Db,
  deckId: number,
  sectionIds: number[],
  now: number,
  curve: Curve,
  dayStarts: number[],
): CurrentMemory {
  const memory = new Map(sectionIds.map((id) => [id, emptySectionMemory()]));
  if (sectionIds.length === 0) return { memory, due: [] };
  const ids = idList(sectionIds);
  // grouped as the index is ordered: few sums per card, and no sort
  const groups = cachedStatement(
    db,
    `SELECT section_id, state, suspended, count(*), total(buried_until > @now),
       total(stability >= ${MASTERED_STABILITY}),
       total(CASE WHEN stability > 0 AND last_review IS NOT NULL
         THEN pow(1 + @factor * max(0, @now - last_review) / 86400000.0 / stability, @decay) END),
       total(stability > 0 AND last_review IS NOT NULL)
     FROM cards INDEXED BY cards_memory
     WHERE deck_id = @deckId AND section_id IN (${ids}) AND created_at <= @now
     GROUP BY section_id, state, suspended`,
  )
    .raw()
    .all({ deckId, now, ...curve }) as CardGroup[];
  for (const group of groups) {
    const section = memory.get(group[0]);
    if (section) addGroup(section, group);
  }
  return { memory, due: dueByDay(db, deckId, ids, now, dayStarts) };
}

/** [sectionId, state, suspended, cards, buried, stability ≥ mastered, recall sum, recall count] */
type CardGroup = [number, number, number, number, number, number, number, number];

/** Adds a group of cards of one state, suspended or not, to its section's counts (as memoryAt counts). */
function addGroup(section: SectionMemory, group: CardGroup): void {
  const [, state, suspended, cards, buried, stable, recallSum, recallCount] = group;
  section.cards += cards;
  if (suspended) section.suspended += cards;
  else if (state === STATE.new) section.new += cards;
  else if (state === STATE.review) section.review += cards;
  else section.learning += cards;
  if (!suspended) section.buried += buried;
  if (state === STATE.review) section.mastered += stable;
  if (state !== STATE.new) {
    section.recallSum += recallSum;
    section.recallCount += recallCount;
  }
}

/**
 * [sectionId, day index, cards] for the cards falling due (or coming out of burial) before the
 * last of `dayStarts`: the index finds them by section, state and due moment.
 */
function dueByDay(db: Db, deckId: number, ids: string, now: number, dayStarts: number[]): [number, number, number][] {
  const last = dayStarts.length - 1;
  const starts = Object.fromEntries(dayStarts.map((start, i) => [`s${i}`, start]));
  return cachedStatement(
    db,
    `SELECT section_id, ${dayIndex(1, last, last - 1)} AS day, count(*)
     FROM (SELECT section_id, max(due, coalesce(buried_until, 0)) AS d FROM cards INDEXED BY cards_memory
           WHERE deck_id = @deckId AND section_id IN (${ids}) AND state IN (1, 2, 3) AND suspended = 0
             AND due < @s${last} AND created_at <= @now)
     WHERE d < @s${last}
     GROUP BY section_id, day`,
  )
    .raw()
    .all({ deckId, now, ...starts }) as [number, number, number][];
}

/**
 * The day index of moment d among the day starts @s1 … @s(to-1), halving the range at each step
 * (a few comparisons per card rather than one per day): d < @s1 is day 0, d >= @s(to-1) is day `to` - 1.
 */
function dayIndex(from: number, to: number, otherwise: number): string {
  // starts @s{from} … @s{to-1} decide among days from-1 … to-1
  if (to - from <= 0) return String(otherwise);
  const middle = (from + to) >> 1;
  return `CASE WHEN d < @s${middle} THEN ${dayIndex(from, middle, middle - 1)} ELSE ${dayIndex(middle + 1, to, otherwise)} END`;
}

/** Section ids are integers from the database; written into the SQL, SQLite can seek the index by each. */
function idList(ids: number[]): string {
  if (!ids.every(Number.isInteger)) throw new Error('section ids must be integers');
  return ids.join(', ');
}

/** Memory at past moments; computes and stores the moments not yet in memory_snapshots. */
export function pastMemory(
  db: Db,
  deckId: number,
  sectionIds: number[],
  points: number[],
  curve: Curve,
): Map<number, SectionMemory>[] {
  const stored = db.prepare(
    `SELECT section_id, cards, mastered, recall_sum AS recallSum, recall_count AS recallCount
     FROM memory_snapshots WHERE at = ? AND section_id IN (SELECT value FROM json_each(?))`,
  );
  const ids = JSON.stringify(sectionIds);
  const found = points.map((at) => {
    const rows = stored.all(at, ids) as (Pick<SectionMemory, 'cards' | 'mastered' | 'recallSum' | 'recallCount'> & {
      section_id: number;
    })[];
    if (rows.length !== sectionIds.length) return undefined;
    return new Map(rows.map(({ section_id, ...m }) => [section_id, { ...emptySectionMemory(), ...m }]));
  });
  const missing = points.filter((_, k) => !found[k]);
  if (missing.length) {
    const computed = memorySums(db, { deckId, sectionIds, points: missing, curve });
    const save = db.prepare(
      `INSERT OR REPLACE INTO memory_snapshots (section_id, at, cards, mastered, recall_sum, recall_count)
       VALUES (?, ?, ?, ?, ?, ?)`,
    );
    db.transaction(() => {
      computed.forEach((sections, i) => {
        for (const [id, m] of sections) save.run(id, missing[i], m.cards, m.mastered, m.recallSum, m.recallCount);
      });
    })();
    let next = 0;
    for (let k = 0; k < points.length; k++) if (!found[k]) found[k] = computed[next++];
  }
  return found as Map<number, SectionMemory>[];
}
