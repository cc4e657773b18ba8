/**
 * Deck option presets: every option's bounds and the step syntax, checked with a message that names
 * the field and says why (and a refused change leaves the preset as it was); presets added, cloned,
 * renamed, deleted (their decks fall back to Default) and assigned; the collection-wide desired
 * retention of schema 8 moved into the Default preset by migration 9.
 */
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../electron/core/database';
import { migrations } from '../../electron/core/migrations';
import { parseOptions } from '../../electron/core/presets';
import { CueError } from '../../shared/errors';
import { DEFAULT_PRESET_OPTIONS, type PresetOptions, parseSteps, presetOptionsSchema } from '../../shared/presets';
import { openTestCollection, TestClock } from '../helpers/collections';
import { thrown } from '../helpers/thrown';

const NOW = Date.UTC(2026, 2, 2, 10);

/** The messages a whole options object with one field changed is refused with; [] when accepted. */
function problems(change: Partial<Record<keyof PresetOptions, unknown>>): string[] {
  const parsed = presetOptionsSchema.safeParse({ ...DEFAULT_PRESET_OPTIONS, ...change });
  return parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

const WHOLE_NUMBERS: [keyof PresetOptions, string, number, number][] = [
  ['newPerDay', 'New cards a day', 0, 9999],
  ['reviewsPerDay', 'Maximum reviews a day', 0, 99_999],
  ['maximumInterval', 'Maximum interval', 1, 36_500],
  ['leechThreshold', 'Leech threshold', 1, 99],
];

describe('preset options are validated field by field', () => {
  it.each(WHOLE_NUMBERS)('%s keeps its bounds, whole numbers only', (field, label, min, max) => {
    expect(problems({ [field]: min })).toEqual([]);
    expect(problems({ [field]: max })).toEqual([]);
    expect(problems({ [field]: min - 1 })).toEqual([`${field}: ${label} must be at least ${min}`]);
    expect(problems({ [field]: max + 1 })).toEqual([`${field}: ${label} must be at most ${max}`]);
    expect(problems({ [field]: min + 0.5 })).toEqual([`${field}: ${label} must be a whole number`]);
    expect(problems({ [field]: '20' })).toEqual([`${field}: ${label} must be a number`]);
  });

  it('keeps desired retention from 0.70 to 0.99', () => {
    expect(problems({ desiredRetention: 0.7 })).toEqual([]);
    expect(problems({ desiredRetention: 0.99 })).toEqual([]);
    expect(problems({ desiredRetention: 0.69 })).toEqual(['desiredRetention: Desired retention must be at least 0.70']);
    expect(problems({ desiredRetention: 1 })).toEqual(['desiredRetention: Desired retention must be at most 0.99']);
    expect(problems({ desiredRetention: Number.NaN })).toHaveLength(1);
  });

  it('takes 21 finite FSRS parameters, or none for the defaults', () => {
    const fitted = Array.from({ length: 21 }, (_, i) => 0.1 + i / 10);
    expect(problems({ fsrsParameters: fitted })).toEqual([]);
    expect(problems({ fsrsParameters: null })).toEqual([]);
    expect(problems({ fsrsParameters: fitted.slice(0, 19) })).toEqual([
      'fsrsParameters: FSRS parameters must be 21 numbers',
    ]);
    expect(problems({ fsrsParameters: [...fitted.slice(0, 20), Number.POSITIVE_INFINITY] })).toEqual([
      'fsrsParameters.20: FSRS parameters must be finite numbers',
    ]);
  });

  it('takes only the orders and leech actions there are, and booleans for switches', () => {
    expect(problems({ newCardOrder: 'interleaved', reviewOrder: 'retrievability', leechAction: 'suspend' })).toEqual(
      [],
    );
    expect(problems({ newCardOrder: 'shuffled' })).toHaveLength(1);
    expect(problems({ reviewOrder: 'ease' })).toHaveLength(1);
    expect(problems({ leechAction: 'delete' })).toHaveLength(1);
    expect(problems({ fuzz: 'yes' })).toHaveLength(1);
    expect(problems({ buryNewSiblings: 1 })).toHaveLength(1);
  });

  it('refuses a field it does not know', () => {
    expect(problems({ easyBonus: 1.3 } as Partial<PresetOptions>)).toHaveLength(1);
  });
});

describe('learning and relearning steps', () => {
  it('reads steps as Anki writes them', () => {
    expect(parseSteps('1m 10m 1h 1d')).toEqual({ steps: ['1m', '10m', '1h', '1d'] });
    expect(parseSteps('  1m,  10m ')).toEqual({ steps: ['1m', '10m'] });
    expect(parseSteps('')).toEqual({ steps: [] });
    // ts-fsrs counts minutes at least: seconds and fractions become whole minutes
    expect(parseSteps('30s 90s 1.5m 0.5h')).toEqual({ steps: ['1m', '2m', '2m', '30m'] });
  });

  it.each([
    ['1m 10x', 'step 2 "10x" is not a number followed by s, m, h or d (as in 1m 10m 1h 1d)'],
    ['10', 'step 1 "10" is not a number followed by s, m, h or d (as in 1m 10m 1h 1d)'],
    ['m', 'step 1 "m" is not a number followed by s, m, h or d (as in 1m 10m 1h 1d)'],
    ['-1m', 'step 1 "-1m" is not a number followed by s, m, h or d (as in 1m 10m 1h 1d)'],
    ['1 m', 'step 1 "1" is not a number followed by s, m, h or d (as in 1m 10m 1h 1d)'],
    ['0m', 'step 1 "0m" must be longer than nothing'],
    ['1m 400d', 'step 2 "400d" is longer than a year'],
    ['1m 2m 3m 4m 5m 6m 7m 8m 9m 10m 11m', 'holds 11 steps; at most 10'],
  ])('refuses "%s": %s', (text, error) => {
    expect(parseSteps(text)).toEqual({ error });
    expect(problems({ learningSteps: text })).toEqual([`learningSteps: Learning steps: ${error}`]);
    expect(problems({ relearningSteps: text })).toEqual([`relearningSteps: Relearning steps: ${error}`]);
  });
});

describe('presets in a collection', () => {
  const open = () => openTestCollection(new TestClock(NOW));

  it('refuses a wrong change with every field named, and keeps the preset as it was', () => {
    const { handlers } = open();
    const before = handlers['presets.get']({ presetId: 1 });
    const error = thrown(CueError, () =>
      handlers['presets.update']({ presetId: 1, options: { newPerDay: -1, learningSteps: '1m 10x' } }),
    );
    expect(error.code).toBe('invalid_input');
    expect(error.details).toEqual({
      issues: [
        { path: 'newPerDay', message: 'New cards a day must be at least 0' },
        {
          path: 'learningSteps',
          message: 'Learning steps: step 2 "10x" is not a number followed by s, m, h or d (as in 1m 10m 1h 1d)',
        },
      ],
    });
    expect(handlers['presets.get']({ presetId: 1 })).toEqual(before);
  });

  it('refuses a share of key points for Hard above the one for Good, and keeps the preset as it was', () => {
    const { handlers } = open();
    const before = handlers['presets.get']({ presetId: 1 });
    for (const options of [
      { pointsGoodShare: 0.5, pointsHardShare: 0.9 },
      { pointsGoodShare: 0.75, pointsHardShare: 0.8 },
      { pointsGoodShare: 0.5, pointsHardShare: 0.6 },
    ]) {
      const error = thrown(CueError, () => handlers['presets.update']({ presetId: 1, options }));
      expect(error.details).toEqual({
        issues: [
          {
            path: 'pointsHardShare',
            message: 'The share of key points for Hard must not be more than the share for Good',
          },
        ],
      });
    }
    expect(handlers['presets.get']({ presetId: 1 })).toEqual(before);
    // equal shares are allowed: Hard is then never suggested between them
    expect(
      handlers['presets.update']({ presetId: 1, options: { pointsGoodShare: 0.6, pointsHardShare: 0.6 } }).options,
    ).toMatchObject({ pointsGoodShare: 0.6, pointsHardShare: 0.6 });
  });

  it('adds, clones, renames and assigns presets; a deleted one sends its decks back to Default', () => {
    const { handlers } = open();
    handlers['presets.update']({ presetId: 1, options: { desiredRetention: 0.85 } });
    const fresh = handlers['presets.create']({ name: 'Fresh' });
    expect(fresh.options).toEqual(DEFAULT_PRESET_OPTIONS);
    const clone = handlers['presets.create']({ name: 'Exam week', from: 1 });
    expect(clone.options.desiredRetention).toBe(0.85);
    expect(thrown(CueError, () => handlers['presets.create']({ name: 'exam WEEK' }))).toMatchObject({
      code: 'conflict',
    });
    expect(handlers['presets.update']({ presetId: clone.id, name: 'Interview week' }).name).toBe('Interview week');

    expect(handlers['presets.assign']({ deckId: 1, presetId: clone.id })).toEqual({ deckId: 1, presetId: clone.id });
    expect(handlers['decks.list']({})[0].presetId).toBe(clone.id);
    expect(handlers['presets.get']({ presetId: clone.id }).deckIds).toEqual([1]);
    expect(thrown(CueError, () => handlers['presets.assign']({ deckId: 1, presetId: 999 }))).toMatchObject({
      code: 'not_found',
    });

    expect(handlers['presets.delete']({ presetId: clone.id })).toEqual({ presetId: clone.id, decksMoved: [1] });
    expect(handlers['decks.list']({})[0].presetId).toBe(1);
    expect(handlers['presets.list']({}).map((p) => p.name)).toEqual(['Default', 'Fresh']);
    expect(thrown(CueError, () => handlers['presets.delete']({ presetId: 1 }))).toMatchObject({ code: 'conflict' });
  });

  it('schedules the next answer with the options saved just before it', () => {
    const collection = open();
    const { handlers } = collection;
    handlers['presets.update']({ presetId: 1, options: { desiredRetention: 0.75, learningSteps: '' } });
    const answer = handlers['study.answer']({ deckId: 1, cardId: 1, rating: 3, durationMs: 1000 });
    const row = collection.db
      .prepare(
        `SELECT r.desired_retention AS retention, c.config FROM reviews r
         JOIN schedule_configs c ON c.id = r.config_id WHERE r.id = ?`,
      )
      .get(answer.reviewId) as { retention: number; config: string };
    expect(row.retention).toBe(0.75);
    expect(JSON.parse(row.config)).toMatchObject({ desiredRetention: 0.75, learningSteps: [] });
    // no learning steps: Good on a new card makes it a review card at once
    expect(answer.state).toBe('review');
  });
});

describe('playing audio automatically', () => {
  it('is on unless the preset turns it off, for a preset stored before the option too; study cards say which', () => {
    const collection = openTestCollection(new TestClock(NOW));
    const { handlers } = collection;
    const { autoplayAudio: _, ...older } = DEFAULT_PRESET_OPTIONS;
    collection.db.prepare('UPDATE presets SET options = ? WHERE id = 1').run(JSON.stringify(older));
    expect(handlers['presets.get']({ presetId: 1 }).options.autoplayAudio).toBe(true);
    expect(handlers['study.next']({ deckId: 1 }).card?.autoplayAudio).toBe(true);
    expect(problems({ autoplayAudio: 'no' })).toEqual([
      'autoplayAudio: Invalid input: expected boolean, received string',
    ]);
    handlers['presets.update']({ presetId: 1, options: { autoplayAudio: false } });
    expect(handlers['study.next']({ deckId: 1 }).card?.autoplayAudio).toBe(false);
  });
});

describe('migration 9 (presets)', () => {
  it('moves the collection-wide desired retention into Default and keeps a deck’s own new-card limit', () => {
    const db = new Database(':memory:');
    expect(migrate(db, migrations.slice(0, 8))).toBe(8);
    db.exec(`INSERT INTO settings (key, value) VALUES ('desiredRetention', '0.83');
      INSERT INTO decks (key, name, created_at, updated_at, new_per_day) VALUES ('a', 'A', 0, 0, 20), ('b', 'B', 0, 0, 35);`);
    expect(migrate(db, migrations.slice(0, 9))).toBe(9);
    // read as Cue reads a stored preset: options added since (key points) take their defaults
    const options = parseOptions(db.prepare('SELECT options FROM presets WHERE id = 1').pluck().get() as string, 'D');
    expect(options).toEqual({ ...DEFAULT_PRESET_OPTIONS, desiredRetention: 0.83 });
    expect(db.prepare("SELECT count(*) FROM settings WHERE key = 'desiredRetention'").pluck().get()).toBe(0);
    expect(db.prepare('SELECT key, preset_id, new_limit FROM decks ORDER BY key').all()).toEqual([
      { key: 'a', preset_id: 1, new_limit: null },
      { key: 'b', preset_id: 1, new_limit: 35 },
    ]);
  });
});
