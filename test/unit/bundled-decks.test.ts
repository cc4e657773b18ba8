import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findCard } from '../../electron/core/review-log';
import { BUNDLED_DECK_DIR, openTestCollection, TestClock, tempDir } from '../helpers/collections';

const START = Date.UTC(2026, 2, 2, 10, 0);
const bundled = readFileSync(join(BUNDLED_DECK_DIR, 'lead-ml-engineer.md'), 'utf8');

function deckDir(text: string): string {
  const dir = tempDir('cue-decks-');
  writeFileSync(join(dir, 'lead-ml-engineer.md'), text);
  return dir;
}

describe('bundled decks', () => {
  it('are loaded into a new collection on first run', () => {
    const collection = openTestCollection(new TestClock(START));
    const [deck] = collection.handlers['decks.list']({});
    expect(deck.cards).toBe(50);
    expect(deck.sections.map((s) => s.cards)).toEqual([10, 10, 10, 10, 10]);
    expect(collection.warnings).toEqual([]);
  });

  it('update card content by id in a later version, keeping review history', () => {
    const clock = new TestClock(START);
    const dataDir = tempDir();
    const v1 = openTestCollection(clock, { dataDir, bundledDeckDir: deckDir(bundled) });
    v1.handlers['study.answer']({ deckId: 1, cardId: 1, rating: 4, durationMs: 1000 });
    const stateBefore = findCard(v1.db, 1);
    v1.close();

    const v2Text = bundled
      .replace('version: 1', 'version: 2')
      .replace(
        'How would you design and implement a large-scale recommendation system? {#core-01}',
        'How would you design a recommender at scale? {#core-01}',
      )
      .replace(
        '## Explain your approach to debugging and optimizing deep learning models. {#core-10}',
        '## What is a learning-rate warmup? {#core-11}\n\nA short ramp.\n\n## Explain your approach to debugging and optimizing deep learning models. {#core-10}',
      );
    const v2 = openTestCollection(clock, { dataDir, bundledDeckDir: deckDir(v2Text) });
    const card = findCard(v2.db, 1);
    expect(card.question).toBe('How would you design a recommender at scale?');
    expect({ ...card, question: stateBefore.question }).toEqual(stateBefore);
    expect(v2.db.prepare('SELECT count(*) FROM reviews WHERE card_id = 1').pluck().get()).toBe(1);
    const [deck] = v2.handlers['decks.list']({});
    expect(deck.cards).toBe(51);
    expect(deck.sections[0].cards).toBe(11);
    // the new card takes its place in deck order, before core-10
    const order = v2.db
      .prepare("SELECT key FROM cards WHERE key IN ('core-09', 'core-10', 'core-11') ORDER BY position")
      .pluck()
      .all();
    expect(order).toEqual(['core-09', 'core-11', 'core-10']);
  });

  it('do not overwrite a newer loaded version, or a card a person edited', () => {
    const clock = new TestClock(START);
    const dataDir = tempDir();
    const v2 = openTestCollection(clock, {
      dataDir,
      bundledDeckDir: deckDir(bundled.replace('version: 1', 'version: 2')),
    });
    v2.db.prepare("UPDATE cards SET answer = 'my own words', user_edited_at = 1 WHERE key = 'core-02'").run();
    v2.close();
    const older = openTestCollection(clock, {
      dataDir,
      bundledDeckDir: deckDir(bundled.replace('Key Components', 'Old text')),
    });
    expect(findCard(older.db, 1).answer).toContain('Key Components');
    older.close();
    const v3 = openTestCollection(clock, {
      dataDir,
      bundledDeckDir: deckDir(
        bundled.replace('version: 1', 'version: 3').replace('Catastrophic Forgetting Solutions', 'New text'),
      ),
    });
    expect(findCard(v3.db, 2).answer).toBe('my own words');
  });

  it('report a broken deck file by name and line, and still load the others', () => {
    const dir = tempDir('cue-decks-');
    copyFileSync(join(BUNDLED_DECK_DIR, 'lead-ml-engineer.md'), join(dir, 'lead-ml-engineer.md'));
    writeFileSync(
      join(dir, 'broken.md'),
      '---\ncue-deck: 1\nid: broken\nname: Broken\nversion: 1\n---\n# Section {#s}\n## A card without an id\n',
    );
    const collection = openTestCollection(new TestClock(START), { bundledDeckDir: dir });
    expect(collection.warnings).toHaveLength(1);
    expect(collection.warnings[0]).toContain(`${join(dir, 'broken.md')}:8: a card heading needs a stable id`);
    expect(collection.handlers['decks.list']({}).map((d) => d.cards)).toEqual([50]);
    expect(collection.handlers['collection.info']({}).warnings).toEqual(collection.warnings);
  });
});
