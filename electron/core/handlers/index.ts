/**
 * The core's handlers, one file per feature, combined into the one table `dispatch` runs: exactly
 * one handler for each method of the API table (a missing one does not compile; a method handled
 * by two features fails test/unit/handler-table.test.ts).
 */
import { recordedHandlers } from '../history/recorded-handlers';
import { backupHandlers } from './backups';
import { cardHandlers } from './cards';
import type { HandlerContext, Handlers } from './context';
import { customHandlers } from './custom';
import { deckHandlers } from './decks';
import { historyHandlers } from './history';
import { ioHandlers } from './io';
import { mockHandlers } from './mock';
import { noteHandlers } from './notes';
import { optimizeHandlers } from './optimize';
import { presetHandlers } from './presets';
import { readinessHandlers } from './readiness';
import { recordingHandlers } from './recordings';
import { searchHandlers } from './searches';
import { settingsHandlers } from './settings';
import { simulateHandlers } from './simulate';
import { statsHandlers } from './stats';
import { studyHandlers } from './study';
import { syncHandlers } from './sync';

/** Each feature's part of the table, by feature. */
export function featureHandlers(core: HandlerContext) {
  return {
    study: studyHandlers(core),
    cards: cardHandlers(core),
    decks: deckHandlers(core),
    io: ioHandlers(core),
    backups: backupHandlers(core),
    stats: statsHandlers(core),
    settings: settingsHandlers(core),
    presets: presetHandlers(core),
    custom: customHandlers(core),
    optimize: optimizeHandlers(core),
    simulate: simulateHandlers(core),
    mock: mockHandlers(core),
    recordings: recordingHandlers(core),
    readiness: readinessHandlers(core),
    notes: noteHandlers(core),
    history: historyHandlers(core),
    searches: searchHandlers(core),
    sync: syncHandlers(core),
  };
}

export function buildHandlers(core: HandlerContext): Handlers {
  const {
    study,
    cards,
    decks,
    io,
    backups,
    stats,
    settings,
    presets,
    custom,
    optimize,
    simulate,
    mock,
    recordings,
    readiness,
    notes,
    history,
    searches,
    sync,
  } = featureHandlers(core);
  const table: Handlers = {
    ...study,
    ...cards,
    ...decks,
    ...io,
    ...backups,
    ...stats,
    ...settings,
    ...presets,
    ...custom,
    ...optimize,
    ...simulate,
    ...mock,
    ...recordings,
    ...readiness,
    ...notes,
    ...history,
    ...searches,
    ...sync,
  };
  return recordedHandlers(table, core);
}
