/**
 * What the collection is and how it is set: where it lives, what loading it said, its settings, and this
 * computer's preferences.
 */
import { latestSchemaVersion } from '../migrations';
import { writeSettings } from '../settings';
import { CUE_VERSION } from '../version';
import { feature, type HandlerContext } from './context';

export type SettingsContext = Pick<
  HandlerContext,
  | 'db'
  | 'boundary'
  | 'settingsChanged'
  | 'dataDir'
  | 'databasePath'
  | 'warnings'
  | 'notices'
  | 'recoveries'
  | 'preferences'
  | 'setPreferences'
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
    'settings.get': () => ({ rolloverHour: core.boundary.rolloverHour }),
    'settings.set': (changes) => {
      writeSettings(core.db, changes);
      // answers from now on fall on study days that start at the new hour
      core.settingsChanged();
      return { rolloverHour: core.boundary.rolloverHour };
    },
    'preferences.get': () => core.preferences,
    'preferences.set': (change) => core.setPreferences(change),
  });
}
