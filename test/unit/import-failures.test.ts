/**
 * Every broken input goes through the real import path (Collection.importFile) and must leave the
 * collection byte-for-byte as it was, with a message that names the file and the problem.
 */
import { describe, expect, it } from 'vitest';
import { CueError } from '../../shared/errors';
import { buildPackage, buildSchema11, CollectionBuilder, STOCK, withDeclaredSize, zip } from '../helpers/anki-packages';
import { contentChecksum, openTestCollection, TestClock } from '../helpers/collections';

const NOW = Date.UTC(2026, 5, 1, 10, 0);
const text = (s: string) => new TextEncoder().encode(s);

function smallCollection() {
  const b = new CollectionBuilder();
  const deck = b.deck('Spanish');
  b.note(STOCK.basic(), ['hola', 'hello'], { deck });
  return b.spec;
}

function cases(): [string, string, Uint8Array, RegExp][] {
  const spec = smallCollection();
  const good = buildPackage({ layout: 'legacy1', collection: spec });
  return [
    ['not a zip', 'notes.apkg', text('plain text, not a zip'), /notes\.apkg.*not a zip/i],
    ['a zip without a collection', 'empty.apkg', zip({ readme: text('hi') }), /empty\.apkg: has no Anki collection/],
    [
      'a truncated collection',
      'cut.apkg',
      zip({ 'collection.anki2': buildSchema11(spec).subarray(0, 3000) }),
      /cut\.apkg \(collection\.anki2\).*(truncated|corrupt)/,
    ],
    [
      'a corrupt media map',
      'media.apkg',
      buildPackage({ layout: 'legacy1', collection: spec, entries: { media: text('{"0": "a.png",') } }),
      /media\.apkg \(media\).*media map is corrupt/,
    ],
    [
      'a media name with ../',
      'escape.apkg',
      buildPackage({ layout: 'legacy1', collection: spec, media: [{ name: '../../evil.sh', data: text('x') }] }),
      /escape\.apkg.*\.\./,
    ],
    [
      'an absolute media path',
      'absolute.apkg',
      buildPackage({ layout: 'legacy1', collection: spec, media: [{ name: '/etc/passwd', data: text('x') }] }),
      /absolute\.apkg/,
    ],
    [
      'entries that expand past the size limit',
      'bomb.apkg',
      withDeclaredSize(good, 'collection.anki2', 3 * 1024 ** 3),
      /bomb\.apkg.*(limit|too large|expand)/i,
    ],
    ['a CSV with ragged rows', 'ragged.csv', text('q1,a1\nq2,a2,extra\nq3,a3\n'), /ragged\.csv \(line 2\)/],
    [
      'a CSV that is not UTF-8',
      'latin1.csv',
      new Uint8Array([0x71, 0x2c, 0xe9, 0x74, 0xe9, 0x0a]),
      /latin1\.csv.*UTF-8/,
    ],
    [
      'a Cue deck with a syntax error',
      'broken.md',
      text('---\ncue-deck: 1\nid: b\nname: B\nversion: 1\n---\n# S {#s}\n## No id\n'),
      /broken\.md \(line 8\)/,
    ],
  ];
}

describe('a failed import', () => {
  for (const [what, name, bytes, message] of cases()) {
    it(`refuses ${what}, names it, and changes nothing`, () => {
      const collection = openTestCollection(new TestClock(NOW));
      collection.handlers['study.answer']({ cardId: 1, rating: 3, durationMs: 1000 });
      const before = contentChecksum(collection);
      let error: unknown;
      try {
        collection.importFile(name, bytes, { dryRun: false });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(CueError);
      expect((error as CueError).code).toBe('invalid_input');
      expect((error as CueError).message).toMatch(message);
      expect(contentChecksum(collection)).toBe(before);
    });
  }
});
