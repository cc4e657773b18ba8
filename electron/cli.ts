/**
 * The `cue` command line: the same collection core and API table as the desktop app.
 *   cue serve [--port N] [--data-dir DIR]      the UI in your browser, on 127.0.0.1 only
 *   cue decks [--json] [--data-dir DIR]        decks with their sections and card counts
 *   cue stats [--deck ID] [--section ID] [--at YYYY-MM-DD] [--json]   per-section statistics
 *   cue card ID [--json]                       one card, its state and its review log
 *   cue import FILE [--deck NAME] [--dry-run] [--json]
 *   cue export FILE --format cue|csv|apkg|revlog [--deck ID] [--section ID] [--with-history] [--with-recordings]
 *   cue optimize [--deck ID] [--apply] [--json]   fit FSRS to the history of a deck's preset
 *   cue check [--json]                         every page and index checked; a damaged file restored
 *   cue presets [--json]                       deck option presets, their values and decks
 *   cue backup FILE / cue restore FILE         whole-collection backups
 *   cue simulate [--deck ID] [--days N] [--retention 0.8,0.9] [--json]   workload at each desired retention
 *   cue readiness [--deck ID] [--date YYYY-MM-DD] [--json]   predicted recall on the target date
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { type ApiInput, type ApiOutput, api, type MethodName } from '../shared/api';
import { truncate } from '../shared/card-preview';
import type { DeckSummary } from '../shared/domain';
import { CueError } from '../shared/errors';
import { bundledDeckDir, clockFromEnv, rendererDir } from './app-paths';
import { Collection, DATABASE_FILE } from './core/collection';
import { CollectionLock } from './core/collection-lock';
import { resolveDataDir } from './core/data-dir';
import { checkInput, dispatch } from './core/dispatch';
import { nodeFileSystem } from './core/file-system';
import { readBackup, restoreBackup } from './core/io/backup';
import { EXPORT_FORMATS, type ExportFormat } from './core/io/file-formats';
import { CUE_VERSION } from './core/version';
import { formatPresetsTable, presetListing } from './presets-table';
import { formatReadinessTable, readinessJson } from './readiness-table';
import { formatStatsTable } from './stats-table';
import { startWebHost } from './web/web-host';

const USAGE = `Usage: cue <command> [options]

Commands:
  serve [--port N] [--sync-dir DIR]
                       Serve Cue on http://127.0.0.1 (prints the URL to open); with --sync-dir,
                       sync through DIR while it runs (as cue sync --folder DIR)
  decks [--json]       List decks with their sections and card counts
  stats [--deck ID] [--section ID] [--at YYYY-MM-DD] [--json]
                       Statistics per section: mastery, recall, retention, reviews, due
  card ID [--json]     A card: content, its note (type and fields), current state and review log
  search QUERY [--limit N] [--offset N] [--sort COLUMN[:desc]] [--json]
                       Cards matching a query: words, "phrases", deck:, section:, tag:,
                       is:new|learning|review|suspended|buried|mastered|due, due<DATE, lapses>N;
                       sorted by relevance, or by question, deck, section, state, due, stability,
                       difficulty, retrievability, lapses, reviews, tags or modified
  import FILE [--deck NAME] [--dry-run] [--reschedule-from-history] [--json]
                       Import a Cue deck (.md), CSV/TSV, an Anki package (.apkg, .colpkg) or a
                       review history (FSRS optimizer CSV); --dry-run says what it would do.
                       Anki cards keep the due dates and intervals Anki gave them, unless
                       --reschedule-from-history replays their reviews through Cue's scheduler
  export FILE --format cue|csv|apkg|revlog [--deck ID] [--section ID] [--with-history]
         [--with-recordings]
                       Export a deck or one section; recorded answers go along only with
                       --with-recordings (Anki packages only)
  optimize [--deck ID] [--apply] [--json]
                       Fit FSRS-6's parameters to the review history of the decks that share the
                       deck's preset (at least 400 reviews); show log loss and RMSE before and after;
                       --apply writes them into the preset
  presets [--json]     Deck option presets with their values and the decks that use them
  notetypes [--json]   Note types with their fields, card templates and how many notes use each
  check                Read every page and index of the collection; if it is damaged, restore the
                       newest good backup (the damaged file is kept aside)
  simulate [--deck ID] [--days N] [--retention 0.8,0.9,0.95] [--json]
                       Simulate the deck's preset over the next N days (365) at each desired
                       retention (0.70 to 0.99): reviews and minutes a day, cards remembered
  readiness [--deck ID] [--date YYYY-MM-DD] [--json]
                       Predicted recall on the date (the deck's target date unless --date) per
                       section: if you stop studying now, if you keep to the schedule, cards at risk
  sync [--folder DIR] [--status] [--json]
                       Sync through a folder a file-sync tool keeps in step (Syncthing, Dropbox,
                       iCloud Drive...): --folder chooses it (and merges), no option writes this
                       computer's changes there and merges the other devices', --status only shows
                       the devices, the last merge, what is pending and any file it could not read
  backup FILE          Copy the collection and its media into FILE (safe while Cue runs)
  restore FILE         Replace the collection with a backup (the replaced one is kept beside it)

Options (every command):
  --data-dir DIR       Collection folder (default: $CUE_DATA_DIR, else the desktop app's folder)
  -h, --help           Show this help
  -v, --version        Show Cue's version
`;

const OPTIONS = {
  'data-dir': { type: 'string' },
  port: { type: 'string' },
  deck: { type: 'string' },
  section: { type: 'string' },
  at: { type: 'string' },
  json: { type: 'boolean', default: false },
  'dry-run': { type: 'boolean', default: false },
  'reschedule-from-history': { type: 'boolean', default: false },
  'with-history': { type: 'boolean', default: false },
  'with-recordings': { type: 'boolean', default: false },
  apply: { type: 'boolean', default: false },
  format: { type: 'string' },
  folder: { type: 'string' },
  'sync-dir': { type: 'string' },
  status: { type: 'boolean', default: false },
  limit: { type: 'string' },
  offset: { type: 'string' },
  sort: { type: 'string' },
  days: { type: 'string' },
  retention: { type: 'string' },
  date: { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
  version: { type: 'boolean', short: 'v', default: false },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>['values'];

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true });
  if (values.version) {
    process.stdout.write(`${CUE_VERSION}\n`);
    return 0;
  }
  const [command, ...rest] = positionals;
  if (values.help || !command) {
    process.stdout.write(USAGE);
    return command || values.help ? 0 : 1;
  }
  if (command === 'card') return printCard(values, onlyArgument(rest, 'card ID'));
  if (command === 'search') return search(values, rest.join(' '));
  if (command === 'backup') return backup(values, onlyArgument(rest, 'FILE'));
  if (command === 'import') return importFile(values, onlyArgument(rest, 'FILE'));
  if (command === 'export') return exportFile(values, onlyArgument(rest, 'FILE'));
  if (command === 'restore') return restore(values, onlyArgument(rest, 'FILE'));
  if (rest.length) throw new CueError('invalid_input', `Unexpected argument "${rest[0]}".`);
  if (command === 'serve') return serve(values);
  if (command === 'decks') return listDecks(values);
  if (command === 'check') return checkCollection(values);
  if (command === 'presets') return listPresets(values);
  if (command === 'notetypes') return listNoteTypes(values);
  if (command === 'stats') return printStats(values);
  if (command === 'optimize') return optimize(values);
  if (command === 'simulate') return printSimulation(values);
  if (command === 'readiness') return printReadiness(values);
  if (command === 'sync') return sync(values);
  throw new CueError('invalid_input', `Unknown command "${command}". Run "cue --help".`);
}

function onlyArgument(rest: string[], what: string): string {
  if (rest.length !== 1) throw new CueError('invalid_input', `Give one ${what}.`);
  return rest[0];
}

/**
 * One method of the API table, validated and run as every transport runs it. The CLI reaches the
 * collection only this way, apart from what the table does not carry (see importFile and backup).
 */
function call<M extends MethodName>(collection: Collection, name: M, input: ApiInput<M>): ApiOutput<M> {
  return dispatch(collection, name, input) as ApiOutput<M>;
}

function printCard(values: Values, idText: string): number {
  const cardId = parseId('card', idText) as number;
  const collection = openCollection(values, 'read');
  try {
    const { card, reviews } = call(collection, 'stats.card', { cardId });
    const { answer, format, tags } = call(collection, 'cards.get', { cardId });
    const note = call(collection, 'notes.ofCard', { cardId });
    const fields = Object.fromEntries(note.noteType.fields.map((name, i) => [name, note.fields[i] ?? '']));
    const noteType = { id: note.noteType.id, name: note.noteType.name, kind: note.noteType.kind };
    const result = { card: { ...card, answer, format, tags, noteId: note.id, noteType, fields }, reviews };
    if (values.json) {
      process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    } else {
      const due = new Date(card.due).toISOString().slice(0, 16).replace('T', ' ');
      process.stdout.write(
        `${card.question}\n${card.sectionName} · ${card.state} · due ${due} · stability ${card.stability.toFixed(1)} d · ${reviews.length} reviews, ${card.lapses} lapses\n`,
      );
    }
    return 0;
  } finally {
    collection.close();
  }
}

/**
 * Through the core's importFile, not import.apply: the API imports uploads (files a window hands over,
 * copied into a private folder, 400 MB at most) and has no way to report progress, while a local file
 * is read where it is, of any size, with a running count on a terminal and its full path in messages.
 * The deck name is checked as the API table checks it.
 */
function importFile(values: Values, file: string): number {
  const { deckName } = checkInput('import.apply', api['import.apply'].input.pick({ deckName: true }), {
    deckName: values.deck,
  });
  const path = resolve(file);
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw new CueError('invalid_input', `Cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? error}`);
  }
  const collection = openCollection(values, 'cue import');
  try {
    const dryRun = values['dry-run'];
    // on a terminal, a running count for long imports; pipes and --json get only the result
    const onProgress = process.stderr.isTTY
      ? (done: number, total: number) =>
          process.stderr.write(`\rImporting cards: ${done} of ${total}${done === total ? '\n' : ''}`)
      : undefined;
    const rescheduleFromHistory = values['reschedule-from-history'];
    const summary = collection.importFile(path, bytes, { dryRun, deckName, rescheduleFromHistory, onProgress });
    if (values.json) {
      process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
    } else {
      const { decks, sections, notes, cards, reviews, media, updated, skipped } = summary;
      process.stdout.write(
        `${dryRun ? 'Would import' : 'Imported'}: ${decks} decks, ${sections} sections, ${notes} notes, ${cards} cards, ` +
          `${reviews} reviews, ${media} media files; updated ${updated.cards} cards; skipped ${skipped.length}.\n`,
      );
      for (const item of skipped) process.stdout.write(`  skipped ${item.item}: ${item.reason}\n`);
    }
    return 0;
  } finally {
    collection.close();
  }
}

function exportFile(values: Values, file: string): number {
  const format = values.format;
  if (!format || !(EXPORT_FORMATS as readonly string[]).includes(format)) {
    throw new CueError('invalid_input', `--format must be one of ${EXPORT_FORMATS.join(', ')}.`);
  }
  const collection = openCollection(values, 'read');
  try {
    const deckId = parseId('deck', values.deck) ?? firstDeckId(collection);
    const { dataBase64, size } = call(collection, 'export.deck', {
      deckId,
      sectionId: parseId('section', values.section),
      format: format as ExportFormat,
      withHistory: values['with-history'],
      includeRecordings: values['with-recordings'],
    });
    const path = resolve(file);
    writeFileSync(path, Buffer.from(dataBase64, 'base64'));
    process.stdout.write(`Exported to ${path} (${size} bytes)\n`);
    return 0;
  } finally {
    collection.close();
  }
}

function search(values: Values, query: string): number {
  const limit = parseId('limit', values.limit) ?? 50;
  // a script pages through more than one call's limit: --offset 0, then 50, 100, … until fewer come back
  const offset = parseId('offset', values.offset) ?? 0;
  const collection = openCollection(values, 'read');
  try {
    const [column, direction] = (values.sort ?? 'relevance').split(':');
    if (direction !== undefined && direction !== 'desc' && direction !== 'asc') {
      throw new CueError('invalid_input', `--sort takes COLUMN, COLUMN:asc or COLUMN:desc, not "${values.sort}".`);
    }
    const sort = { column, descending: direction === 'desc' };
    const { cards, total } = call(collection, 'cards.search', {
      query,
      limit,
      offset,
      sort: sort as ApiInput<'cards.search'>['sort'],
    });
    if (values.json) {
      const shaped = cards.map((c) => ({
        id: c.id,
        deck: c.deck,
        section: c.section,
        question: c.question,
        preview: c.preview,
        tags: c.tags,
        state: c.state,
        due: c.due,
        stability: c.stability,
        difficulty: c.difficulty,
        retrievability: c.retrievability,
        lapses: c.lapses,
        reviews: c.reviews,
      }));
      process.stdout.write(`${JSON.stringify(shaped, null, 2)}\n`);
    } else {
      for (const c of cards)
        process.stdout.write(`${String(c.id).padStart(6)}  ${c.section}: ${truncate(c.preview, 90)}\n`);
      const shown =
        offset === 0 ? `${cards.length}` : cards.length === 0 ? 'none' : `${offset + 1}-${offset + cards.length}`;
      process.stdout.write(`${shown} of ${total} cards\n`);
    }
    return 0;
  } finally {
    collection.close();
  }
}

/**
 * Through the core's backup, not backups.create: that one writes into the collection's backups folder
 * under a name Cue picks, and the API takes no paths; `cue backup FILE` writes where it is told.
 */
function backup(values: Values, file: string): number {
  const collection = openCollection(values, 'read');
  try {
    const manifest = collection.backup(resolve(file));
    process.stdout.write(`Backed up the collection and ${manifest.media} media files to ${resolve(file)}\n`);
    return 0;
  } finally {
    collection.close();
  }
}

/** Checks the backup before anything is touched; the replaced collection is kept, not deleted. */
function restore(values: Values, file: string): number {
  const checked = readBackup(resolve(file));
  const dataDir = resolveDataDir(values['data-dir']);
  nodeFileSystem.mkdir(dataDir);
  // no one else may have the collection open while its files are swapped
  const lock = CollectionLock.acquire(dataDir, 'cue restore', nodeFileSystem, Date.now());
  let kept: string | null;
  try {
    kept = restoreBackup(checked, dataDir, DATABASE_FILE, Date.now());
  } finally {
    lock.release();
  }
  const collection = openCollection(values, 'cue restore');
  collection.close();
  const replaced = kept ? `\nThe collection it replaced is in ${kept}` : '';
  process.stdout.write(`Restored ${resolve(file)} into ${dataDir}.${replaced}\n`);
  return 0;
}

/**
 * Opens the collection for a command. A command that changes it holds the collection's lock, named by
 * `mode`; a command that only reads takes the lock when it is free and otherwise reads beside its
 * holder (the desktop app or `cue serve`).
 */
function openCollection(values: Values, mode: 'read' | string): Collection {
  const options = { dataDir: resolveDataDir(values['data-dir']), clock: clockFromEnv(), bundledDeckDir };
  let collection: Collection;
  try {
    collection = new Collection({ ...options, holder: mode === 'read' ? 'cue (a read command)' : mode });
  } catch (error) {
    if (mode !== 'read' || !(error instanceof CueError) || error.code !== 'conflict') throw error;
    collection = new Collection({ ...options, readOnly: true });
  }
  const { warnings, recoveries, notices } = call(collection, 'collection.info', {});
  for (const warning of warnings) process.stderr.write(`warning: ${warning}\n`);
  for (const notice of [...recoveries, ...notices]) process.stderr.write(`notice: ${notice}\n`);
  return collection;
}

/**
 * Like Anki, a backup a day, made shortly after start so it never delays the first screen, and only
 * once the background check has found the collection sound. CUE_DAILY_BACKUP_AFTER_MS moves it
 * (tests that need an empty backups folder).
 */
function scheduleMaintenance(collection: Collection): void {
  const after = Number(process.env.CUE_DAILY_BACKUP_AFTER_MS ?? 10_000);
  const timer = setTimeout(() => {
    collection.maintenance().then(
      (made) => {
        if (made) process.stdout.write(`Daily backup: ${made}\n`);
      },
      (error: unknown) => process.stderr.write(`warning: the daily backup failed: ${(error as Error).message}\n`),
    );
  }, after);
  timer.unref();
}

function parsePort(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new CueError('invalid_input', `--port must be a number from 0 to 65535, not "${text}".`);
  }
  return port;
}

/** CUE_BODY_TIMEOUT_MS: how long a request may stall before the host drops it (tests use a short one). */
function bodyTimeoutFromEnv(): number | undefined {
  const text = process.env.CUE_BODY_TIMEOUT_MS;
  if (text === undefined || text === '') return undefined;
  if (!/^[1-9]\d*$/.test(text)) {
    throw new CueError('invalid_input', `CUE_BODY_TIMEOUT_MS must be a number of milliseconds, not "${text}".`);
  }
  return Number(text);
}

async function serve(values: Values): Promise<number> {
  const port = parsePort(values.port);
  const bodyTimeoutMs = bodyTimeoutFromEnv();
  const collection = openCollection(values, 'cue serve (the web host)');
  if (values['sync-dir'] !== undefined) call(collection, 'sync.setFolder', { folder: resolve(values['sync-dir']) });
  collection.sync.start();
  const host = await startWebHost({ collection, staticDir: rendererDir, port, bodyTimeoutMs });
  scheduleMaintenance(collection);
  const { databasePath } = call(collection, 'collection.info', {});
  process.stdout.write(`Cue is running at ${host.url}\nCollection: ${databasePath}\nPress Ctrl+C to stop.\n`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await host.close();
  collection.close();
  return 0;
}

/**
 * `cue sync`: chooses the folder (--folder), merges (the default), or only reads the state (--status).
 * The JSON is the status as scripts read it; a file that could not be read is listed with its reason.
 */
function sync(values: Values): number {
  const collection = openCollection(values, values.status ? 'read' : 'cue sync');
  try {
    const status =
      values.folder !== undefined
        ? call(collection, 'sync.setFolder', { folder: resolve(values.folder) })
        : values.status
          ? call(collection, 'sync.status', {})
          : call(collection, 'sync.mergeNow', {});
    const { device, devices, lastMerge, eventsMerged, pending, unreadable } = status;
    if (values.json) {
      const json = { device, devices, lastMerge, eventsMerged, pending, unreadable };
      process.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
      return 0;
    }
    const when = (at: number | null) =>
      at === null ? 'never' : new Date(at).toISOString().slice(0, 16).replace('T', ' ');
    const lines = [
      status.folder === null
        ? 'Sync: off (choose a folder with cue sync --folder DIR)'
        : `Sync folder: ${status.folder}`,
      `This computer: ${device}`,
      `Last merge: ${when(lastMerge)} · ${eventsMerged} changes merged in all · ${pending} pending`,
      ...devices
        .filter((d) => !d.self)
        .map((d) => `  ${d.device} (${d.name}): ${d.segments} files, last change ${when(d.lastChange)}`),
      ...unreadable.map((u) => `Could not read ${u.file}: ${u.reason}`),
      ...(status.conflicts > 0
        ? [`${status.conflicts} edits lost to later ones on another device are kept (see each card's history)`]
        : []),
      ...(status.problem ? [status.problem] : []),
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
    return 0;
  } finally {
    collection.close();
  }
}

/** Exit 0 when sound; 3 when it was damaged (and what Cue did about it is printed). */
async function checkCollection(values: Values): Promise<number> {
  const collection = openCollection(values, 'cue check');
  try {
    const check = await call(collection, 'collection.check', {});
    const { databasePath } = call(collection, 'collection.info', {});
    if (values.json) process.stdout.write(`${JSON.stringify(check, null, 2)}\n`);
    else if (check.sound) process.stdout.write(`${databasePath} is sound: every page and index checked.\n`);
    else process.stdout.write(`${check.notice ?? check.problem}\n`);
    return check.sound ? 0 : 3;
  } finally {
    collection.close();
  }
}

/** `[{id, name, cards, sections: [{id, name, cards}]}]`, or a readable table. */
function listDecks(values: Values): number {
  const collection = openCollection(values, 'read');
  try {
    const decks = call(collection, 'decks.list', {});
    if (values.json) {
      const shaped = decks.map((d) => ({
        id: d.id,
        name: d.name,
        cards: d.cards,
        sections: d.sections.map((s) => ({ id: s.id, name: s.name, cards: s.cards })),
      }));
      process.stdout.write(`${JSON.stringify(shaped, null, 2)}\n`);
      return 0;
    }
    for (const deck of decks) {
      process.stdout.write(`${deck.id}  ${deck.name}  (${deck.cards} cards; due: ${formatDue(deck.due)})\n`);
      for (const s of deck.sections) {
        process.stdout.write(
          `    ${String(s.id).padStart(3)}  ${s.name.padEnd(36)} ${String(s.cards).padStart(5)} cards  ${formatDue(s.due)}\n`,
        );
      }
    }
    return 0;
  } finally {
    collection.close();
  }
}

/** `cue presets`: the API's presets with their decks' names (JSON), or a list per preset. */
function listPresets(values: Values): number {
  const collection = openCollection(values, 'read');
  try {
    const listing = presetListing(call(collection, 'presets.list', {}), call(collection, 'decks.list', {}));
    process.stdout.write(values.json ? `${JSON.stringify(listing, null, 2)}\n` : formatPresetsTable(listing));
    return 0;
  } finally {
    collection.close();
  }
}

function listNoteTypes(values: Values): number {
  const collection = openCollection(values, 'read');
  try {
    const types = call(collection, 'notetypes.list', {});
    if (values.json) {
      process.stdout.write(`${JSON.stringify(types, null, 2)}\n`);
      return 0;
    }
    for (const type of types) {
      const notes = `${type.notes} ${type.notes === 1 ? 'note' : 'notes'}`;
      const kind = type.kind === 'normal' ? '' : ` · ${type.kind === 'cloze' ? 'cloze' : 'image occlusion'}`;
      process.stdout.write(`${type.id}  ${type.name} (${type.format}${kind}) · ${notes}\n`);
      process.stdout.write(`    fields: ${type.fields.join(', ')}\n`);
      process.stdout.write(`    cards: ${type.templates.map((t) => t.name).join(', ')}\n`);
    }
    return 0;
  } finally {
    collection.close();
  }
}

function parseId(flag: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text)) throw new CueError('invalid_input', `--${flag} takes a number, not "${text}".`);
  return Number(text);
}

function printStats(values: Values): number {
  const collection = openCollection(values, 'read');
  try {
    const deckId = parseId('deck', values.deck) ?? firstDeckId(collection);
    const stats = call(collection, 'stats', { deckId, sectionId: parseId('section', values.section), at: values.at });
    process.stdout.write(values.json ? `${JSON.stringify(stats, null, 2)}\n` : formatStatsTable(stats));
    return 0;
  } finally {
    collection.close();
  }
}

/**
 * Fits the preset of a deck (the first deck unless --deck) through the API, as the optimisation
 * screen does, waiting for the worker; a history under the minimum is refused with both counts.
 */
async function optimize(values: Values): Promise<number> {
  const collection = openCollection(values, values.apply ? 'cue optimize --apply' : 'read');
  try {
    const deckId = parseId('deck', values.deck) ?? firstDeckId(collection);
    const preset = call(collection, 'presets.list', {}).find((p) => p.deckIds.includes(deckId));
    if (!preset) throw new CueError('not_found', `There is no deck ${deckId}.`, { deckId });
    const { jobId } = call(collection, 'optimize.start', { presetId: preset.id });
    const progress = await optimizeSettled(collection, jobId);
    if (progress.state !== 'done')
      throw new CueError('internal', `The optimisation ${progress.state}: ${progress.error}`);
    const { reviews, cards, params, before, after } = call(collection, 'optimize.result', { jobId });
    if (values.apply) call(collection, 'optimize.accept', { jobId });
    const applied = values.apply;
    if (values.json) {
      process.stdout.write(`${JSON.stringify({ reviews, cards, params, before, after, applied })}\n`);
      return 0;
    }
    const figures = (e: typeof before) =>
      `log loss ${e.logLoss.toFixed(4)}, RMSE (bins) ${(e.rmseBins * 100).toFixed(2)}%`;
    process.stdout.write(
      `Preset "${preset.name}": ${reviews} reviews of ${cards} cards\n` +
        `  current parameters: ${figures(before)}\n  fitted parameters:  ${figures(after)}\n` +
        `  ${params.map((w) => w.toFixed(4)).join(', ')}\n` +
        (applied ? 'The preset now uses them (from the next answer).\n' : 'Run with --apply to use them.\n'),
    );
    return 0;
  } finally {
    collection.close();
  }
}

/** "0.8,0.9,0.95" as numbers; the API table checks their range and says which is out of it. */
function parseRetentions(text: string | undefined): number[] | undefined {
  if (text === undefined) return undefined;
  const parts = text.split(',').map((part) => part.trim());
  const bad = parts.find((part) => part === '' || !Number.isFinite(Number(part)));
  if (bad !== undefined) {
    throw new CueError(
      'invalid_input',
      `--retention takes retentions from 0.70 to 0.99 separated by commas (as 0.8,0.9), not "${bad || text}".`,
    );
  }
  return parts.map(Number);
}

const rounded = (value: number) => Math.round(value * 100) / 100;

/** One row per retention, `{retention, reviewsPerDay, minutesPerDay, remembered}`, or a table. */
async function printSimulation(values: Values): Promise<number> {
  const days = parseId('days', values.days);
  const retentions = parseRetentions(values.retention);
  const collection = openCollection(values, 'read');
  try {
    const deckId = parseId('deck', values.deck) ?? firstDeckId(collection);
    const simulation = await call(collection, 'simulate', { deckId, days, retentions });
    const rows = simulation.rows.map((row) => ({
      retention: row.retention,
      reviewsPerDay: rounded(row.reviewsPerDay),
      minutesPerDay: rounded(row.minutesPerDay),
      remembered: rounded(row.remembered),
    }));
    if (values.json) {
      process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
      return 0;
    }
    const { name } = call(collection, 'presets.get', { presetId: simulation.presetId });
    process.stdout.write(`Preset "${name}", the next ${simulation.days} days\n`);
    process.stdout.write('retention  reviews/day  minutes/day  remembered\n');
    for (const row of rows) {
      const marks = [
        row.retention === simulation.current ? 'current' : '',
        row.retention === simulation.best ? 'most remembered per minute' : '',
      ].filter(Boolean);
      process.stdout.write(
        `${row.retention.toFixed(2).padStart(9)}  ${row.reviewsPerDay.toFixed(1).padStart(11)}  ` +
          `${row.minutesPerDay.toFixed(1).padStart(11)}  ${row.remembered.toFixed(1).padStart(10)}` +
          `${marks.length ? `  ← ${marks.join(', ')}` : ''}\n`,
      );
    }
    return 0;
  } finally {
    collection.close();
  }
}

/** `{date, sections, deck}` with --json, else a table; the deck's target date unless --date. */
function printReadiness(values: Values): number {
  const collection = openCollection(values, 'read');
  try {
    const deckId = parseId('deck', values.deck) ?? firstDeckId(collection);
    const readiness = call(collection, 'readiness.get', { deckId, date: values.date });
    process.stdout.write(
      values.json ? `${JSON.stringify(readinessJson(readiness), null, 2)}\n` : formatReadinessTable(readiness),
    );
    return 0;
  } finally {
    collection.close();
  }
}

/** The job's progress once it stops running; on a terminal, a running count meanwhile. */
async function optimizeSettled(collection: Collection, jobId: number) {
  for (;;) {
    const progress = call(collection, 'optimize.progress', { jobId });
    if (progress.state !== 'running') {
      if (process.stderr.isTTY) process.stderr.write('\n');
      return progress;
    }
    if (process.stderr.isTTY) {
      process.stderr.write(`\rOptimising: ${Math.round((100 * progress.current) / Math.max(1, progress.total))}%`);
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** The deck a command means when it names none: the first. */
function firstDeckId(collection: Collection): number {
  const [first] = call(collection, 'decks.list', {});
  if (!first) throw new CueError('not_found', 'The collection has no decks.');
  return first.id;
}

function formatDue(due: DeckSummary['due']): string {
  return `${due.new} new, ${due.learning} learning, ${due.review} review`;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`cue: ${message}\n`);
    process.exitCode = error instanceof CueError && error.code === 'invalid_input' ? 1 : 2;
  },
);
