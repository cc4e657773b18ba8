/**
 * Each section's memory now (one SQL pass over the cards) and at past moments (snapshots computed
 * once and kept in memory_snapshots, see the schema).
 */

import { MASTERED_STABILITY } from '../card-rows';
import type { Db } from '../database';
import { addSectionMemory, emptySectionMemory, memoryAt, type SectionMemory } from './memory-states';

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
 * cards' current state in one pass. `dayStarts` are the starts of the forecast's days and of the day
 * after the last; overdue cards count on the first day.
 */
export function currentMemory(
  db: Db,
  deckId: number,
  sectionIds: number[],
  now: number,
  curve: Curve,
  dayStarts: number[],
): CurrentMemory {
  const last = dayStarts.length - 1;
  const bucket = dayStarts
    .slice(1, last)
    .map((start, i) => `WHEN d < ${start} THEN ${i}`)
    .join(' ');
  const rows = db
    .prepare(
      // NOT INDEXED: a statistic reads every card of the deck, so scanning the table beats the index
      `SELECT section_id AS id,
         CASE WHEN suspended OR state = 0 OR d >= ${dayStarts[last]} THEN -1 ${bucket} ELSE ${last - 1} END AS day,
         count(*) AS cards,
         total(suspended = 0 AND state = 0) AS new,
         total(suspended = 0 AND state IN (1, 3)) AS learning,
         total(suspended = 0 AND state = 2) AS review,
         total(suspended) AS suspended,
         total(suspended = 0 AND buried_until > @now) AS buried,
         total(state = 2 AND stability >= ${MASTERED_STABILITY}) AS mastered,
         total(CASE WHEN state != 0 AND stability > 0 AND last_review IS NOT NULL
           THEN pow(1 + @factor * max(0, @now - last_review) / 86400000.0 / stability, @decay) END) AS recallSum,
         total(state != 0 AND stability > 0 AND last_review IS NOT NULL) AS recallCount
       FROM (SELECT *, max(due, coalesce(buried_until, 0)) AS d FROM cards NOT INDEXED
             WHERE deck_id = @deckId AND created_at <= @now)
       GROUP BY section_id, day`,
    )
    .all({ deckId, now, ...curve }) as (SectionMemory & { id: number; day: number })[];
  const memory = new Map(sectionIds.map((id) => [id, emptySectionMemory()]));
  const due: [number, number, number][] = [];
  for (const { id, day, ...part } of rows) {
    const section = memory.get(id);
    if (!section) continue;
    addSectionMemory(section, part);
    if (day >= 0) due.push([id, day, part.cards]);
  }
  return { memory, due };
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
    const computed = memoryAt(db, { deckId, sectionIds, points: missing, curve });
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
