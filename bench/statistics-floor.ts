/**
 * The floor of the statistics bench: the statistics screen's figures for a whole deck, read straight
 * from the tables Cue keeps with the least work a hand-written reader would do. It knows what Cue must
 * work out: the bench's collections count days in UTC from 4 am, and have no other deck or setting.
 */
import type { Db } from '../electron/core/database';
import { MS_PER_DAY, MS_PER_HOUR } from '../electron/core/days';

export interface FloorQuery {
  deckId: number;
  now: number;
  curve: { decay: number; factor: number };
  /** The ends of the 11 weeks before this one. */
  weekEnds: number[];
  /** Read the weeks from memory_snapshots (a later open) rather than work them out (the first). */
  stored: boolean;
}

const recall = (curve: FloorQuery['curve'], at: number, last: number, stability: number) =>
  (1 + (curve.factor * Math.max(0, (at - last) / MS_PER_DAY)) / stability) ** curve.decay;

export function floorStatistics(db: Db, q: FloorQuery): unknown {
  const today = Math.floor((q.now - 4 * MS_PER_HOUR) / MS_PER_DAY);
  const firstDayStart = today * MS_PER_DAY + 4 * MS_PER_HOUR;
  const days = (from: number, sql: string) =>
    db
      .prepare(sql)
      .raw()
      .all(q.deckId, today - from, today);
  const inDeck = 'section_id IN (SELECT id FROM sections WHERE deck_id = ?) AND study_day BETWEEN ? AND ?';
  return {
    now: db
      .prepare(
        `SELECT section_id, state, suspended, count(*), total(buried_until > @now), total(stability >= 21),
           total(pow(1 + @factor * max(0, @now - last_review) / 86400000.0 / stability, @decay)
             * (stability > 0 AND last_review IS NOT NULL))
         FROM cards WHERE deck_id = @deckId GROUP BY section_id, state, suspended`,
      )
      .raw()
      .all({ ...q.curve, now: q.now, deckId: q.deckId }),
    due: db
      .prepare(
        `SELECT section_id, max(0, (max(due, coalesce(buried_until, 0)) - @start) / 86400000) AS day, count(*)
         FROM cards WHERE deck_id = @deckId AND state IN (1, 2, 3) AND suspended = 0 AND due < @end
           AND coalesce(buried_until, 0) < @end GROUP BY 1, 2`,
      )
      .raw()
      .all({ deckId: q.deckId, start: firstDayStart, end: firstDayStart + 30 * MS_PER_DAY }),
    weeks: q.stored ? storedWeeks(db, q) : weeks(db, q),
    totals: days(1e9, `SELECT section_id, sum(reviews), sum(duration_ms) FROM review_days WHERE ${inDeck} GROUP BY 1`),
    lastYear: days(
      364,
      `SELECT section_id, study_day > ${today - 30}, study_day > ${today - 7}, first_of_day AND kind IN (1, 2),
         rating > 1, sum(reviews), sum(duration_ms) FROM review_days WHERE ${inDeck} GROUP BY 1, 2, 3, 4, 5`,
    ),
    studied: days(1e9, `SELECT study_day, sum(reviews) FROM review_days WHERE ${inDeck} GROUP BY 1`),
    buttons: days(29, `SELECT kind, rating, sum(reviews) FROM review_days WHERE ${inDeck} GROUP BY 1, 2`),
    hours: days(
      29,
      `SELECT hour, sum(reviews), sum(counted), sum(passed) FROM review_hours WHERE ${inDeck} GROUP BY 1`,
    ),
  };
}

function storedWeeks(db: Db, q: FloorQuery): unknown[] {
  return db
    .prepare(
      `SELECT * FROM memory_snapshots WHERE at IN (SELECT value FROM json_each(?))
         AND section_id IN (SELECT id FROM sections WHERE deck_id = ?)`,
    )
    .all(JSON.stringify(q.weekEnds), q.deckId);
}

/**
 * Each card's state at each week's end: its current one unless reviewed since, else the one its first
 * review after that moment started from. Columns come as JSON arrays, the fastest way out of SQLite.
 */
function weeks(db: Db, q: FloorQuery): Map<number, number[]>[] {
  const sums = q.weekEnds.map(() => new Map<number, number[]>());
  const add = (k: number, section: number, state: number, stability: number, last: number | null) => {
    const s = sums[k].get(section) ?? [0, 0, 0, 0];
    sums[k].set(section, s);
    s[0]++;
    if (state === 2 && stability >= 21) s[1]++;
    if (state !== 0 && last !== null && stability > 0) {
      s[2] += recall(q.curve, q.weekEnds[k], last, stability);
      s[3]++;
    }
  };
  const parse = (row: unknown[]) => row.map((c) => JSON.parse(c as string));
  const [cardId, at, before, stabilityBefore, lastBefore] = parse(
    db
      .prepare(
        `SELECT json_group_array(card_id), json_group_array(reviewed_at), json_group_array(state_before),
           json_group_array(stability_before), json_group_array(last_review_before)
         FROM reviews WHERE reviewed_at > ?`,
      )
      .raw()
      .get(q.weekEnds[0]) as unknown[],
  );
  const [id, section, created, state, stability, last] = parse(
    db
      .prepare(
        `SELECT json_group_array(id), json_group_array(section_id), json_group_array(created_at),
           json_group_array(state), json_group_array(stability), json_group_array(last_review)
         FROM cards WHERE deck_id = ?`,
      )
      .raw()
      .get(q.deckId) as unknown[],
  );
  const reviewed = new Set(cardId);
  const card = new Map<number, number>();
  for (let i = 0; i < id.length; i++) {
    if (reviewed.has(id[i])) card.set(id[i], i);
    for (let k = 0; k < q.weekEnds.length; k++) {
      if (created[i] <= q.weekEnds[k] && (last[i] ?? 0) <= q.weekEnds[k])
        add(k, section[i], state[i], stability[i], last[i]);
    }
  }
  for (let j = 0; j < cardId.length; j++) {
    const i = card.get(cardId[j]);
    if (i === undefined) continue;
    for (let k = 0; k < q.weekEnds.length && q.weekEnds[k] < at[j]; k++) {
      if (created[i] <= q.weekEnds[k] && (lastBefore[j] ?? 0) <= q.weekEnds[k]) {
        add(k, section[i], before[j], stabilityBefore[j], lastBefore[j]);
      }
    }
  }
  return sums;
}
