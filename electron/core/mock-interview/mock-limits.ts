/**
 * How long a mock interview gives each question: the section's own limit when the person set one, else
 * its default. Defaults are found by the section's key in the bundled deck (core 2 min, dsa 3,
 * system-design 5, coding 4, behavioral 3), which an exported and re-imported copy keeps too; for any
 * other deck by words in the section's name (e.g. "System Design" 5 min, "Behavioural" 3); else 3 min.
 */

import { CueError } from '../../../shared/errors';
import type { MockSectionLimit } from '../../../shared/mock';
import type { Db } from '../database';
import { sectionMedians } from '../stats/answer-times';

const MINUTE = 60_000;

/** The bundled deck's sections, by key. */
const LIMITS_BY_KEY: Record<string, number> = {
  core: 2 * MINUTE,
  dsa: 3 * MINUTE,
  'system-design': 5 * MINUTE,
  coding: 4 * MINUTE,
  behavioral: 3 * MINUTE,
};

/** Other decks' sections by their name, first match wins. */
const LIMITS_BY_NAME: [RegExp, number][] = [
  [/system design|architecture/i, 5 * MINUTE],
  [/coding|debugging|programming/i, 4 * MINUTE],
  [/behaviou?r/i, 3 * MINUTE],
  [/data structure|algorithm/i, 3 * MINUTE],
  [/concept|fundamental/i, 2 * MINUTE],
];

export const FALLBACK_LIMIT_MS = 3 * MINUTE;

export function defaultLimitMs(section: { key: string; name: string }): number {
  const byKey = Object.hasOwn(LIMITS_BY_KEY, section.key) ? LIMITS_BY_KEY[section.key] : undefined;
  return byKey ?? LIMITS_BY_NAME.find(([words]) => words.test(section.name))?.[1] ?? FALLBACK_LIMIT_MS;
}

interface SectionRow {
  id: number;
  key: string;
  name: string;
  cards: number;
  limit_ms: number | null;
}

/** The deck's sections in order, with their limits and the cards a session can draw from each. */
export function sectionLimits(db: Db, deckId: number, now: number): MockSectionLimit[] {
  const rows = db
    .prepare(
      `SELECT s.id, s.key, s.name, l.limit_ms,
         (SELECT count(*) FROM cards c WHERE c.section_id = s.id AND c.suspended = 0
            AND (c.buried_until IS NULL OR c.buried_until <= ?)) AS cards
       FROM sections s LEFT JOIN mock_section_limits l ON l.section_id = s.id
       WHERE s.deck_id = ? ORDER BY s.position, s.id`,
    )
    .all(now, deckId) as SectionRow[];
  const medians = sectionMedians(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((row) => {
    const defaultMs = defaultLimitMs(row);
    return {
      sectionId: row.id,
      key: row.key,
      name: row.name,
      cards: row.cards,
      limitMs: row.limit_ms ?? defaultMs,
      defaultLimitMs: defaultMs,
      custom: row.limit_ms !== null,
      medianMs: medians.get(row.id) ?? null,
    };
  });
}

/** Sets a section's own limit, or (null) goes back to its default. */
export function setSectionLimit(db: Db, sectionId: number, seconds: number | null): number {
  const deckId = db.prepare('SELECT deck_id FROM sections WHERE id = ?').pluck().get(sectionId) as number | undefined;
  if (deckId === undefined) throw new CueError('not_found', `There is no section ${sectionId}.`, { sectionId });
  if (seconds === null) db.prepare('DELETE FROM mock_section_limits WHERE section_id = ?').run(sectionId);
  else
    db.prepare(
      'INSERT INTO mock_section_limits (section_id, limit_ms) VALUES (?, ?) ON CONFLICT DO UPDATE SET limit_ms = excluded.limit_ms',
    ).run(sectionId, seconds * 1000);
  return deckId;
}
