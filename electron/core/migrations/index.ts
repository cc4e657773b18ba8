import { initialSchema } from './001-initial';
import { cardFormat } from './002-card-format';
import { cardSearch } from './003-card-search';
import { cardEvents } from './004-card-events';
import { deletedCards } from './005-deleted-cards';
import { deckNamesAndDeletion } from './006-deck-names-and-deletion';
import { settings } from './007-settings';
import { appendOnlyLog } from './008-append-only-log';
import { presets } from './009-presets';
import { dailyLimits } from './010-daily-limits';
import { mockInterviews } from './011-mock-interviews';
import { reviewAnswers } from './012-review-answers';
import { recordings } from './013-recordings';
import { targetDates } from './014-target-dates';
import { notes } from './015-notes';
import { keptSchedules } from './016-kept-schedules';
import { countIndexes } from './017-count-indexes';
import { reviewLogByCard } from './018-review-log-by-card';
import { cardMemoryIndex } from './019-card-memory-index';
import { cardFlags } from './020-card-flags';
import { history } from './021-history';
import { sync } from './022-sync';

export interface Migration {
  /** The schema version this migration produces; versions are 1, 2, 3... with no gaps. */
  version: number;
  name: string;
  sql: string;
}

export const migrations: readonly Migration[] = [
  { version: 1, name: 'initial', sql: initialSchema },
  { version: 2, name: 'card format', sql: cardFormat },
  { version: 3, name: 'card search', sql: cardSearch },
  { version: 4, name: 'card events', sql: cardEvents },
  { version: 5, name: 'deleted cards', sql: deletedCards },
  { version: 6, name: 'deck names and deletion', sql: deckNamesAndDeletion },
  { version: 7, name: 'settings', sql: settings },
  { version: 8, name: 'append-only log', sql: appendOnlyLog },
  { version: 9, name: 'presets', sql: presets },
  { version: 10, name: 'daily limits', sql: dailyLimits },
  { version: 11, name: 'mock interviews', sql: mockInterviews },
  { version: 12, name: 'review answers', sql: reviewAnswers },
  { version: 13, name: 'recordings', sql: recordings },
  { version: 14, name: 'target dates', sql: targetDates },
  { version: 15, name: 'notes', sql: notes },
  { version: 16, name: 'kept schedules', sql: keptSchedules },
  { version: 17, name: 'count indexes', sql: countIndexes },
  { version: 18, name: 'review log by card', sql: reviewLogByCard },
  { version: 19, name: 'card memory index', sql: cardMemoryIndex },
  { version: 20, name: 'card flags', sql: cardFlags },
  { version: 21, name: 'history', sql: history },
  { version: 22, name: 'sync', sql: sync },
];

export const latestSchemaVersion = migrations.length;
