/** What the collection is and how it is set: where it lives, what loading it said, and its settings. */
import { latestSchemaVersion } from '../migrations';
import { readSettings, writeSettings } from '../settings';
import { CUE_VERSION } from '../version';
import { feature, type HandlerContext } from './context';

export type SettingsContext = Pick<
  HandlerContext,
  'db' | 'scheduler' | 'dataDir' | 'databasePath' | 'warnings' | 'notices' | 'recoveries'
>;

export function settingsHandlers(core: SettingsContext) {
  return feature({
    'collection.info': () => ({
      dataDir: core.dataDir,
      databasePath: core.databasePath,
      schemaVersion: latestSchemaVersion,
      cueVersion: CUE_VERSION,
      warnings: [...core.warnings],
      notices: [...core.notices],
      recoveries: [...core.recoveries],
    }),
    'settings.get': () => readSettings(core.db),
    'settings.set': (changes) => {
      writeSettings(core.db, changes);
      const settings = readSettings(core.db);
      // answers from now on are scheduled for the new retention
      core.scheduler.setDesiredRetention(settings.desiredRetention);
      return settings;
    },
  });
}
