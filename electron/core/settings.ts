/**
 * The collection's own settings, kept in the collection file (so a backup carries them): a key and a
 * JSON value each. Only what belongs to the whole collection lives here, as in Anki: the hour a new
 * study day starts. Everything a deck is studied with is in its preset (presets.ts).
 */
import type { CollectionSettings } from '../../shared/domain';
import type { Db } from './database';

export const DEFAULT_ROLLOVER_HOUR = 4;

/** The settings stored, each falling back to `defaults` where the person never set it. */
export function readSettings(
  db: Db,
  defaults: CollectionSettings = { rolloverHour: DEFAULT_ROLLOVER_HOUR },
): CollectionSettings {
  const rows = db.prepare('SELECT key, value FROM settings').all() as { key: string; value: string }[];
  const stored = Object.fromEntries(rows.map((row) => [row.key, JSON.parse(row.value) as unknown]));
  const hour = stored.rolloverHour;
  return {
    rolloverHour:
      typeof hour === 'number' && Number.isInteger(hour) && hour >= 0 && hour <= 23 ? hour : defaults.rolloverHour,
  };
}

export function writeSettings(db: Db, changes: Partial<CollectionSettings>): void {
  db.transaction(() => {
    const upsert = db.prepare(
      'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT DO UPDATE SET value = excluded.value',
    );
    for (const [key, value] of Object.entries(changes)) {
      if (value !== undefined) upsert.run(key, JSON.stringify(value));
    }
  })();
}
