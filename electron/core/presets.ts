/**
 * Deck option presets in the collection: read (always through the shared schema, so a stored value
 * out of bounds never reaches the scheduler), created, changed, deleted (its decks go back to
 * Default) and assigned to decks. Every write is one transaction and returns what it changed.
 */
import { CueError } from '../../shared/errors';
import {
  DEFAULT_PRESET_ID,
  DEFAULT_PRESET_OPTIONS,
  type Preset,
  type PresetOptions,
  parseSteps,
  presetOptionsIssues,
  presetOptionsSchema,
} from '../../shared/presets';
import { cachedStatement, type Db } from './database';
import type { DayBoundary } from './days';
import type { SchedulerSettings } from './scheduler';

interface PresetRow {
  id: number;
  name: string;
  options: string;
}

/** A stored options object, with defaults for fields it lacks (a preset written by an older Cue). */
/** Options already checked, by their stored text: every answer reads its deck's (parsing them took 0.3 ms). */
const parsedOptions = new Map<string, PresetOptions>();
const PARSED_KEPT = 64;

export function parseOptions(json: string, where: string): PresetOptions {
  const known = parsedOptions.get(json);
  if (known) return known;
  const parsed = presetOptionsSchema.safeParse({ ...DEFAULT_PRESET_OPTIONS, ...(JSON.parse(json) as object) });
  if (!parsed.success) {
    throw new CueError('database', `The options of ${where} are damaged: ${parsed.error.issues[0]?.message}.`);
  }
  // shared between callers, so frozen: a caller that changed them would change every deck's
  const options = deepFreeze(parsed.data);
  if (parsedOptions.size >= PARSED_KEPT) parsedOptions.delete(parsedOptions.keys().next().value as string);
  parsedOptions.set(json, options);
  return options;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

function toPreset(db: Db, row: PresetRow): Preset {
  const deckIds = cachedStatement(db, 'SELECT id FROM decks WHERE preset_id = ? ORDER BY id')
    .pluck()
    .all(row.id) as number[];
  return {
    id: row.id,
    name: row.name,
    isDefault: row.id === DEFAULT_PRESET_ID,
    options: parseOptions(row.options, `preset "${row.name}"`),
    deckIds,
  };
}

export function listPresets(db: Db): Preset[] {
  const rows = db.prepare('SELECT id, name, options FROM presets ORDER BY id = 1 DESC, name').all() as PresetRow[];
  return rows.map((row) => toPreset(db, row));
}

export function getPreset(db: Db, presetId: number): Preset {
  const row = cachedStatement(db, 'SELECT id, name, options FROM presets WHERE id = ?').get(presetId) as
    | PresetRow
    | undefined;
  if (!row) throw new CueError('not_found', `There is no preset ${presetId}.`, { presetId });
  return toPreset(db, row);
}

/** The options a deck's cards are scheduled with. */
export function deckOptions(db: Db, deckId: number): PresetOptions {
  const row = cachedStatement(
    db,
    'SELECT p.id, p.name, p.options FROM decks d JOIN presets p ON p.id = d.preset_id WHERE d.id = ?',
  ).get(deckId) as PresetRow | undefined;
  if (!row) throw new CueError('not_found', `There is no deck ${deckId}.`, { deckId });
  return parseOptions(row.options, `preset "${row.name}"`);
}

function assertNameFree(db: Db, name: string, except?: number): void {
  const taken = db.prepare('SELECT id FROM presets WHERE name = ? COLLATE NOCASE').pluck().get(name) as
    | number
    | undefined;
  if (taken !== undefined && taken !== except) {
    throw new CueError('conflict', `There is already a preset called "${name}".`, { name });
  }
}

/** A new preset: a copy of `from` (cloning), or Cue's defaults. */
export function createPreset(db: Db, name: string, now: number, from?: number): Preset {
  return db.transaction(() => {
    assertNameFree(db, name);
    const options = from === undefined ? DEFAULT_PRESET_OPTIONS : getPreset(db, from).options;
    const id = Number(
      db
        .prepare('INSERT INTO presets (name, options, created_at, updated_at) VALUES (?, ?, ?, ?)')
        .run(name, JSON.stringify(options), now, now).lastInsertRowid,
    );
    return getPreset(db, id);
  })();
}

/** Renames and/or changes some options; the result is checked whole before it is stored. */
export function updatePreset(
  db: Db,
  presetId: number,
  change: { name?: string; options?: Partial<PresetOptions> },
  now: number,
): Preset {
  return db.transaction(() => {
    const preset = getPreset(db, presetId);
    if (change.name !== undefined) assertNameFree(db, change.name, presetId);
    const parsed = presetOptionsSchema.safeParse({ ...preset.options, ...change.options });
    const issues = parsed.success
      ? presetOptionsIssues(parsed.data)
      : parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
    if (!parsed.success || issues.length > 0) {
      throw new CueError('invalid_input', issues.map((issue) => issue.message).join('; '), { issues });
    }
    db.prepare('UPDATE presets SET name = ?, options = ?, updated_at = ? WHERE id = ?').run(
      change.name ?? preset.name,
      JSON.stringify(parsed.data),
      now,
      presetId,
    );
    return getPreset(db, presetId);
  })();
}

/** Deletes a preset; the decks that used it go back to Default. Default itself stays. */
export function deletePreset(db: Db, presetId: number): { presetId: number; decksMoved: number[] } {
  return db.transaction(() => {
    const preset = getPreset(db, presetId);
    if (preset.isDefault) throw new CueError('conflict', 'The Default preset cannot be deleted.', { presetId });
    db.prepare('UPDATE decks SET preset_id = ? WHERE preset_id = ?').run(DEFAULT_PRESET_ID, presetId);
    db.prepare('DELETE FROM presets WHERE id = ?').run(presetId);
    return { presetId, decksMoved: preset.deckIds };
  })();
}

export function assignPreset(db: Db, deckId: number, presetId: number): { deckId: number; presetId: number } {
  return db.transaction(() => {
    getPreset(db, presetId);
    const changed = db.prepare('UPDATE decks SET preset_id = ? WHERE id = ?').run(presetId, deckId).changes;
    if (changed === 0) throw new CueError('not_found', `There is no deck ${deckId}.`, { deckId });
    return { deckId, presetId };
  })();
}

/** Settings a tester may force on every preset (the unit tests turn fuzz off). */
export type SchedulerOverrides = Partial<Omit<SchedulerSettings, 'boundary'>>;

/** What the scheduler needs of a preset's options, in the collection's day boundary. */
export function schedulerSettingsFor(
  options: PresetOptions,
  boundary: DayBoundary,
  overrides: SchedulerOverrides = {},
): SchedulerSettings {
  const steps = (text: string) => {
    const parsed = parseSteps(text);
    return ('steps' in parsed ? parsed.steps : []) as SchedulerSettings['learningSteps'];
  };
  return {
    boundary,
    desiredRetention: options.desiredRetention,
    learningSteps: steps(options.learningSteps),
    relearningSteps: steps(options.relearningSteps),
    maximumInterval: options.maximumInterval,
    fuzz: options.fuzz,
    ...(options.fsrsParameters ? { weights: options.fsrsParameters } : {}),
    ...overrides,
  };
}
