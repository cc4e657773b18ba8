/**
 * The collection's settings, kept in the collection file (so a backup carries them): a key and a
 * JSON value each. Only what the person can change lives here; everything else is Cue's default.
 */
import type { CollectionSettings } from '../../shared/domain';
import type { Db } from './database';
import { DEFAULT_DESIRED_RETENTION } from './scheduler';

export const DEFAULT_SETTINGS: CollectionSettings = { desiredRetention: DEFAULT_DESIRED_RETENTION };

export function readSettings(db: Db): CollectionSettings {
  const rows = db.prepare('SELECT key, value FROM settings').all() as { key: string; value: string }[];
  const stored = Object.fromEntries(rows.map((row) => [row.key, JSON.parse(row.value) as unknown]));
  const retention = stored.desiredRetention;
  return {
    desiredRetention: typeof retention === 'number' ? retention : DEFAULT_SETTINGS.desiredRetention,
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
