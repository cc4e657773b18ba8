/**
 * Anki's deck options come in with a package: each new deck gets a preset named as its Anki options
 * preset (col.dconf JSON in schema 11, deck_config protobuf rows in schema 18), reused when one of that
 * name already holds the very same options, else made ("Name (2)" when the name is taken). Values out of
 * Cue's bounds are clamped with a note and never fail the import; the history replays with the options.
 */
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { Collection } from '../../electron/core/collection';
import { DEFAULT_PRESET_OPTIONS, type PresetOptions } from '../../shared/presets';
import {
  ankiDefaultConfig,
  ankiFixture,
  buildPackage,
  buildSchema11,
  CollectionBuilder,
  type DeckConfigSpec,
  type PackageLayout,
  STOCK,
} from '../helpers/anki-packages';
import { openTestCollection, TestClock } from '../helpers/collections';

const NOW = Date.UTC(2026, 5, 1, 10, 0);
const DAY = 86_400_000;

/** A person's own FSRS-6 parameters (21 numbers, four decimals: exact through a 32-bit float). */
const FITTED = [
  0.2172, 1.1771, 3.2602, 16.1507, 7.0114, 0.57, 2.0966, 0.0069, 1.5261, 0.112, 1.0178, 1.849, 0.1133, 0.3127, 2.2934,
  0.2191, 3.0004, 0.7536, 0.3332, 0.1437, 0.2,
];

function examConfig(extra: Partial<DeckConfigSpec> = {}): DeckConfigSpec {
  return {
    id: 1_700_000_000_000,
    name: 'Exam cram',
    new: { perDay: 35, delays: [0.5, 5, 60, 1440], order: 0, bury: true },
    rev: { perDay: 500, maxIvl: 180, bury: false },
    lapse: { delays: [10, 1440], leechFails: 150, leechAction: 1 },
    desiredRetention: 0.85,
    fsrsWeights: [],
    fsrsParams5: [],
    fsrsParams6: FITTED,
    reviewOrder: 7,
    ...extra,
  };
}

/** A deck "Biology" studied with `config`, with a card answered twice. */
function biologyPackage(layout: PackageLayout, config: DeckConfigSpec): Uint8Array {
  const b = new CollectionBuilder();
  b.spec.deckConfigs = [ankiDefaultConfig(), config];
  const deck = b.deck('Biology');
  const { cardIds } = b.note(STOCK.basic(), ['mitochondria', 'the powerhouse'], { deck });
  b.note(STOCK.basic(), ['ribosome', 'makes proteins'], { deck: b.deck('Biology::Cells') });
  for (const spec of b.spec.decks) if (spec.name.startsWith('Biology')) spec.configId = config.id;
  b.review(cardIds[0], NOW - 10 * DAY, 3);
  b.review(cardIds[0], NOW - 7 * DAY, 3);
  return buildPackage({ layout, collection: b.spec });
}

function importBytes(collection: Collection, name: string, bytes: Uint8Array, dryRun = false) {
  return collection.importFile(name, bytes, { dryRun });
}

function presetNamed(collection: Collection, name: string) {
  return collection.handlers['presets.list']({}).find((p) => p.name === name);
}

const EXAM_OPTIONS: PresetOptions = {
  ...DEFAULT_PRESET_OPTIONS,
  newPerDay: 35,
  reviewsPerDay: 500,
  learningSteps: '30s 5m 1h 1d',
  relearningSteps: '10m 1d',
  maximumInterval: 180,
  desiredRetention: 0.85,
  fsrsParameters: FITTED,
  newCardOrder: 'random',
  reviewOrder: 'retrievability',
  buryNewSiblings: true,
  buryReviewSiblings: false,
  leechThreshold: 99,
  leechAction: 'tag',
};

describe('deck options from real Anki packages', () => {
  it('an old Default (100 reviews a day, leeches suspended, siblings buried) becomes "Default (2)"', () => {
    const collection = openTestCollection(new TestClock(NOW));
    const summary = importBytes(collection, 'deck.apkg', ankiFixture('anki-apkg-export-output.apkg'));
    expect(summary.presets).toHaveLength(1);
    const [imported] = summary.presets;
    expect(imported).toMatchObject({
      deck: 'deck-name',
      name: 'Default (2)',
      created: true,
      notes: ['“Default” in your collection holds other options, so this one is “Default (2)”'],
    });
    const preset = collection.handlers['presets.get']({ presetId: imported.presetId });
    expect(preset.options).toEqual({
      ...DEFAULT_PRESET_OPTIONS,
      reviewsPerDay: 100,
      leechAction: 'suspend',
      buryNewSiblings: true,
      buryReviewSiblings: true,
    });
    expect(preset.deckIds).toEqual([imported.deckId]);
    // Cue's own Default is untouched
    expect(collection.handlers['presets.get']({ presetId: 1 }).options).toEqual(DEFAULT_PRESET_OPTIONS);

    // another package with the same options joins the same preset
    const again = importBytes(collection, 'korean.apkg', ankiFixture('korean_adjectives_100.apkg'));
    expect(again.presets).toEqual([
      expect.objectContaining({ name: 'Default (2)', presetId: imported.presetId, created: false }),
    ]);
    expect(collection.handlers['presets.list']({}).map((p) => [p.name, p.deckIds.length])).toEqual([
      ['Default', 1],
      ['Default (2)', 2],
    ]);
  });

  it('the options of Anki 23.10 and later, left as they came, are Cue’s Default', () => {
    const collection = openTestCollection(new TestClock(NOW));
    for (const layout of ['legacy2', 'latest'] as const) {
      const b = new CollectionBuilder();
      b.note(STOCK.basic(), [`q ${layout}`, 'a'], { deck: b.deck(`Deck ${layout}`) });
      const summary = importBytes(collection, `${layout}.apkg`, buildPackage({ layout, collection: b.spec }));
      expect(summary.presets).toEqual([expect.objectContaining({ presetId: 1, name: 'Default', created: false })]);
    }
    expect(collection.handlers['presets.list']({})).toHaveLength(1);
  });
});

describe.each(['legacy1', 'latest'] as const)('a non-default Anki preset (%s)', (layout) => {
  it('comes in whole under its name, the deck studies with it, and its history replays with it', () => {
    const collection = openTestCollection(new TestClock(NOW));
    const summary = importBytes(collection, 'bio.apkg', biologyPackage(layout, examConfig()));
    expect(summary.presets).toEqual([
      {
        deckId: 2,
        deck: 'Biology',
        presetId: 2,
        name: 'Exam cram',
        created: true,
        notes: ["Leech threshold 150 is outside Cue's 1 to 99: 99 instead"],
      },
    ]);
    const preset = presetNamed(collection, 'Exam cram');
    expect(preset?.options).toEqual(EXAM_OPTIONS);
    expect(preset?.deckIds).toEqual([2]);
    expect(collection.handlers['decks.list']({}).find((d) => d.id === 2)).toMatchObject({ presetId: 2, newPerDay: 35 });
    const retentions = collection.db
      .prepare('SELECT DISTINCT desired_retention FROM reviews r JOIN cards c ON c.id = r.card_id WHERE c.deck_id = 2')
      .pluck()
      .all();
    expect(retentions).toEqual([0.85]);
  });

  it('“Don’t play audio automatically” comes in as Cue’s autoplay off; Anki’s default keeps it on', () => {
    const collection = openTestCollection(new TestClock(NOW));
    importBytes(collection, 'bio.apkg', biologyPackage(layout, examConfig({ name: 'Quiet', autoplay: false })));
    expect(presetNamed(collection, 'Quiet')?.options).toEqual({ ...EXAM_OPTIONS, autoplayAudio: false });
    const other = openTestCollection(new TestClock(NOW));
    importBytes(other, 'loud.apkg', biologyPackage(layout, examConfig({ autoplay: true })));
    expect(presetNamed(other, 'Exam cram')?.options.autoplayAudio).toBe(true);
  });

  it('a preview shows the preset and makes none; a name taken by other options gets "(2)"', () => {
    const collection = openTestCollection(new TestClock(NOW));
    const mine = collection.handlers['presets.create']({ name: 'exam cram' });
    const preview = importBytes(collection, 'bio.apkg', biologyPackage(layout, examConfig()), true);
    expect(preview.presets).toEqual([expect.objectContaining({ name: 'Exam cram (2)', created: true })]);
    expect(collection.handlers['presets.list']({}).map((p) => p.name)).toEqual(['Default', 'exam cram']);

    const summary = importBytes(collection, 'bio.apkg', biologyPackage(layout, examConfig()));
    expect(summary.presets[0]).toMatchObject({ name: 'Exam cram (2)', presetId: preview.presets[0].presetId });
    expect(collection.handlers['presets.get']({ presetId: mine.id }).options).toEqual(DEFAULT_PRESET_OPTIONS);
    expect(presetNamed(collection, 'Exam cram (2)')?.options).toEqual(EXAM_OPTIONS);
  });

  it('values outside Cue’s bounds are clamped or left out, with a note each, and the import goes through', () => {
    const collection = openTestCollection(new TestClock(NOW));
    const wild = examConfig({
      name: 'Wild',
      new: { perDay: 35, delays: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], order: 1 },
      rev: { perDay: 500, maxIvl: 36500 },
      lapse: { delays: [10], leechFails: 8, leechAction: 0 },
      desiredRetention: 0.5,
      fsrsParams6: [],
      fsrsParams5: FITTED.slice(0, 19),
    });
    const summary = importBytes(collection, 'wild.apkg', biologyPackage(layout, wild));
    expect(summary.cards).toBe(2);
    expect(summary.presets[0].notes).toEqual([
      'Learning steps: a step of 0 minutes is not between a second and a year, so it was left out',
      'Learning steps: Cue keeps at most 10 steps; the rest were left out',
      "Desired retention 0.5 is outside Cue's 0.70 to 0.99: 0.7 instead",
      "FSRS parameters: the package has 19 from an older FSRS, which Cue's FSRS-6 cannot use; FSRS's defaults instead (optimise them in Cue)",
    ]);
    expect(presetNamed(collection, 'Wild')?.options).toMatchObject({
      learningSteps: '1m 2m 3m 4m 5m 6m 7m 8m 9m 10m',
      desiredRetention: 0.7,
      fsrsParameters: null,
      leechAction: 'suspend',
      newCardOrder: 'deck',
    });
  });
});

describe.each(['legacy2', 'latest'] as const)('a deck’s own limits in Anki (%s)', (layout) => {
  it('come in as the deck’s own limits over its preset’s, with a note', () => {
    const collection = openTestCollection(new TestClock(NOW));
    const b = new CollectionBuilder();
    const deck = b.deck('Biology');
    for (const spec of b.spec.decks) if (spec.id === deck) Object.assign(spec, { newLimit: 5, reviewLimit: 120_000 });
    b.note(STOCK.basic(), ['heart', 'pumps blood'], { deck });
    const summary = importBytes(collection, 'bio.apkg', buildPackage({ layout, collection: b.spec }));
    expect(summary.presets[0].notes).toEqual([
      "This deck's maximum reviews a day 120000 is over Cue's 99999: 99999 instead",
      "this deck's own limits in Anki came too: 5 new cards and 99999 reviews a day",
    ]);
    const deckId = summary.presets[0].deckId;
    expect(collection.handlers['decks.limits']({ deckId })).toEqual({ deckId, newLimit: 5, reviewLimit: 99_999 });
    expect(collection.handlers['decks.list']({}).find((d) => d.id === deckId)?.newPerDay).toBe(5);
  });
});

describe('a deck whose Anki subdecks used different options', () => {
  it('takes the options most of its cards were studied with, and names the others', () => {
    const collection = openTestCollection(new TestClock(NOW));
    const b = new CollectionBuilder();
    b.spec.deckConfigs = [ankiDefaultConfig(), examConfig()];
    const top = b.deck('Biology');
    const cells = b.deck('Biology::Cells');
    for (const spec of b.spec.decks) if (spec.id === cells) spec.configId = examConfig().id;
    b.note(STOCK.basic(), ['heart', 'pumps blood'], { deck: top });
    b.note(STOCK.basic(), ['ribosome', 'makes proteins'], { deck: cells });
    b.note(STOCK.basic(), ['nucleus', 'holds the DNA'], { deck: cells });
    const summary = importBytes(collection, 'bio.apkg', buildPackage({ layout: 'latest', collection: b.spec }));
    expect(summary.presets).toHaveLength(1);
    expect(summary.presets[0]).toMatchObject({ deck: 'Biology', name: 'Exam cram' });
    expect(summary.presets[0].notes).toContain(
      'its Anki subdecks also used “Default”; Cue took “Exam cram”, which most of its cards were studied with',
    );
  });
});

describe('deck options that cannot be read', () => {
  it('a col.dconf that is not JSON leaves the deck on Default, says so, and imports the cards', () => {
    const collection = openTestCollection(new TestClock(NOW));
    const b = new CollectionBuilder();
    b.note(STOCK.basic(), ['q', 'a'], { deck: b.deck('Broken') });
    const broken = buildPackage({
      layout: 'legacy1',
      collection: b.spec,
      entries: { 'collection.anki2': withDconf(buildSchema11(b.spec), '{"1": {"name": "Default",') },
    });
    const summary = importBytes(collection, 'broken.apkg', broken);
    expect(summary.cards).toBe(1);
    expect(summary.presets).toEqual([]);
    expect(summary.skipped).toContainEqual({
      item: 'deck options',
      reason: 'col.dconf is not valid JSON, so no deck options came with the package',
    });
    expect(collection.handlers['decks.list']({}).find((d) => d.name === 'Broken')?.presetId).toBe(1);
  });

  it('a re-import keeps the preset the person gave the deck', () => {
    const collection = openTestCollection(new TestClock(NOW));
    const first = importBytes(collection, 'bio.apkg', biologyPackage('legacy1', examConfig()));
    const deckId = first.presets[0].deckId;
    collection.handlers['presets.assign']({ deckId, presetId: 1 });
    const again = importBytes(collection, 'bio.apkg', biologyPackage('legacy1', examConfig({ name: 'Renamed' })));
    expect(again.presets).toEqual([]);
    expect(collection.handlers['decks.list']({}).find((d) => d.id === deckId)?.presetId).toBe(1);
  });
});

/** A schema-11 collection with its col.dconf replaced. */
function withDconf(collection: Uint8Array, dconf: string): Uint8Array {
  const db = new Database(Buffer.from(collection));
  try {
    db.prepare('UPDATE col SET dconf = ?').run(dconf);
    return new Uint8Array(db.serialize());
  } finally {
    db.close();
  }
}
