/**
 * The parts of sync below the merge: the hybrid logical clock, the events as a segment carries them
 * (each checked when read), the segment file's checks (cut short, damaged, from a newer Cue), and
 * merges that meet a folder in any state a sync tool leaves it: segments arriving out of order, one
 * device's events before those of the device they depend on.
 */
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { Collection } from '../../electron/core/collection';
import { MS_PER_MINUTE } from '../../electron/core/days';
import { dispatch } from '../../electron/core/dispatch';
import { formatHlc, hlcTime, isHlc, parseHlc, tick } from '../../electron/core/sync/hlc';
import { decodeSegment, encodeSegment, SegmentProblem } from '../../electron/core/sync/segment-file';
import { type SyncEvent, syncEvent } from '../../electron/core/sync/sync-event';
import type { SyncStatus } from '../../shared/sync';
import { openTestCollection, TestClock, tempDir } from '../helpers/collections';
import { syncedState } from '../helpers/sync-state';
import { thrown } from '../helpers/thrown';

const START = Date.UTC(2026, 5, 1, 9, 0);
const call = (c: Collection, method: string, input: unknown = {}) => dispatch(c, method as never, input);

describe('the hybrid logical clock', () => {
  it('orders as its text sorts, and never goes back when the wall clock does', () => {
    const first = tick({ ms: 0, counter: 0, device: 'aaaa' }, 1_000, 'aaaa');
    const second = tick(first, 1_000, 'aaaa');
    const wallSetBack = tick(second, 500, 'aaaa');
    expect([first, second, wallSetBack].map((c) => [c.ms, c.counter])).toEqual([
      [1_000, 0],
      [1_000, 1],
      [1_000, 2],
    ]);
    const texts = [wallSetBack, first, second].map(formatHlc);
    expect([...texts].sort()).toEqual([first, second, wallSetBack].map(formatHlc));
    expect(parseHlc(formatHlc(second))).toEqual(second);
    expect(hlcTime(formatHlc(second))).toBe(1_000);
    // two devices at the same moment never tie
    expect(formatHlc({ ...first, device: 'bbbb' }) > formatHlc(first)).toBe(true);
    expect(isHlc('1000.0.aaaa')).toBe(false);
    expect(parseHlc('000000000001000.000000.AAAA')).toBeNull();
  });
});

describe('events and segment files', () => {
  const hlc = formatHlc({ ms: START, counter: 0, device: 'aaaa1111' });
  const put: SyncEvent = {
    type: 'put',
    id: 'aaaa1111.1.0',
    hlc,
    entity: 'card',
    gid: 'deck/card-1',
    fields: { question: 'What is $O(1)$?', flag: 2 },
    bases: { question: hlc },
  };

  it('reads back what it wrote, every event checked', () => {
    const bytes = encodeSegment({ device: 'aaaa1111', seq: 1, kind: 'segment', created: START }, [put]);
    const segment = decodeSegment(bytes, 'aaaa1111', 1);
    expect(segment.events).toEqual([put]);
    expect(segment.header).toMatchObject({ device: 'aaaa1111', seq: 1, count: 1, format: 1 });
  });

  it('refuses hostile or malformed events by what is wrong, and a segment holding one as damaged', () => {
    const bad = [
      { ...put, entity: 'sqlite_master' },
      { ...put, id: '../../etc.1.0' },
      { ...put, hlc: 'yesterday' },
      { ...put, fields: { question: { nested: true } } },
      { ...put, extra: 1 },
      {
        type: 'review',
        id: 'aaaa1111.1.1',
        hlc,
        card: 'x',
        row: { rating: 'DROP TABLE' },
        config: null,
        deadline: null,
        answer: null,
      },
    ];
    for (const event of bad) expect(syncEvent.safeParse(event).success, JSON.stringify(event)).toBe(false);
    const body = [
      JSON.stringify({
        cue: 'sync-segment',
        format: 1,
        device: 'aaaa1111',
        seq: 1,
        kind: 'segment',
        count: 1,
        created: 0,
      }),
      JSON.stringify(bad[0]),
    ].join('\n');
    const text = `${body}\n${JSON.stringify({ sha256: createHash('sha256').update(`${body}\n`).digest('hex') })}\n`;
    const problem = thrown(SegmentProblem, () => decodeSegment(gzipSync(text), 'aaaa1111', 1));
    expect(problem.kind).toBe('damaged');
    expect(problem.message).toMatch(/line 2 is not a valid event \(entity/);
  });

  it('tells a file cut short from a damaged one, a renamed one, and one from a newer Cue', () => {
    const bytes = encodeSegment({ device: 'aaaa1111', seq: 1, kind: 'segment', created: START }, [put, put]);
    const cut = thrown(SegmentProblem, () => decodeSegment(bytes.subarray(0, bytes.length - 9), 'aaaa1111', 1));
    expect(cut.kind).toBe('incomplete');
    const flipped = Buffer.from(bytes);
    flipped[30] ^= 0xff;
    expect(['damaged', 'incomplete']).toContain(
      thrown(SegmentProblem, () => decodeSegment(flipped, 'aaaa1111', 1)).kind,
    );
    expect(thrown(SegmentProblem, () => decodeSegment(bytes, 'aaaa1111', 2)).message).toMatch(
      /not the file's own name/,
    );
    expect(thrown(SegmentProblem, () => decodeSegment(Buffer.from('not gzip'), 'aaaa1111', 1)).kind).toBe('damaged');
    const newer = gzipSync(
      `${JSON.stringify({ cue: 'sync-segment', format: 7, device: 'aaaa1111', seq: 1 })}\n{"sha256":""}\n`,
    );
    const refused = thrown(SegmentProblem, () => decodeSegment(newer, 'aaaa1111', 1));
    expect(refused.kind).toBe('newer');
    expect(refused.message).toMatch(/newer Cue \(sync format 7; this Cue reads up to 1\)/);
  });
});

describe('merging a folder as a sync tool leaves it', () => {
  function devices() {
    const clock = new TestClock(START);
    const folder = tempDir('cue-sync-folder-');
    const make = () => openTestCollection(clock, { dataDir: tempDir() });
    return { clock, folder, make };
  }
  const deviceOf = (c: Collection) => (call(c, 'sync.status') as SyncStatus).device;
  const answerFirst = (c: Collection, rating: number) => {
    const next = call(c, 'study.next', { deckId: 1 }) as { card: { id: number } };
    call(c, 'study.answer', { deckId: 1, cardId: next.card.id, rating, durationMs: 2000 });
  };

  it('waits for a segment that has not arrived, then merges it and those after it in order', () => {
    const { clock, folder, make } = devices();
    const a = make();
    const staging = tempDir('cue-sync-staging-');
    call(a, 'sync.setFolder', { folder: staging });
    for (const rating of [3, 1, 4]) {
      answerFirst(a, rating);
      clock.advance(MS_PER_MINUTE);
      call(a, 'sync.mergeNow');
    }
    const device = deviceOf(a);
    const from = join(staging, 'devices', device);
    const to = join(folder, 'devices', device);
    mkdirSync(join(to, 'segments'), { recursive: true });
    cpSync(join(from, 'device.json'), join(to, 'device.json'));
    const segments = readdirSync(join(from, 'segments')).sort();
    expect(segments.length).toBe(4);
    // the newest arrives first, as a sync tool may bring them
    for (const name of segments.slice(1).reverse()) cpSync(join(from, 'segments', name), join(to, 'segments', name));
    const b = make();
    let status = call(b, 'sync.setFolder', { folder }) as SyncStatus;
    expect(status.unreadable).toEqual([
      { file: `devices/${device}/segments/000000001.cueseg`, reason: expect.stringMatching(/not in the folder yet/) },
    ]);
    expect(b.db.prepare('SELECT count(*) FROM reviews').pluck().get()).toBe(0);
    cpSync(join(from, 'segments', segments[0]), join(to, 'segments', segments[0]));
    status = call(b, 'sync.mergeNow') as SyncStatus;
    expect(status.unreadable).toEqual([]);
    expect(b.db.prepare('SELECT count(*) FROM reviews').pluck().get()).toBe(3);
    expect(syncedState(b).cards).toEqual(syncedState(a).cards);
  });

  it('holds a device’s answers to a card it has from a third device until that device’s segments arrive', () => {
    const { clock, folder, make } = devices();
    const a = make();
    const c = make();
    const shared = tempDir('cue-sync-ac-');
    call(a, 'sync.setFolder', { folder: shared });
    const added = call(a, 'cards.create', { sectionId: 1, question: 'Made on A', answer: 'a' }) as {
      cardId: number;
    };
    call(a, 'sync.mergeNow');
    call(c, 'sync.setFolder', { folder: shared });
    const onC = c.db.prepare("SELECT id FROM cards WHERE question = 'Made on A'").pluck().get() as number;
    clock.advance(MS_PER_MINUTE);
    call(c, 'study.answer', { deckId: 1, cardId: onC, rating: 3, durationMs: 1000 });
    call(c, 'sync.mergeNow');
    // B's folder gets C's subfolder first, A's later
    const copyDevice = (from: Collection) => {
      const id = deviceOf(from);
      cpSync(join(shared, 'devices', id), join(folder, 'devices', id), { recursive: true });
    };
    copyDevice(c);
    const b = make();
    let status = call(b, 'sync.setFolder', { folder }) as SyncStatus;
    expect(status.pending).toBeGreaterThan(0);
    expect(b.db.prepare("SELECT count(*) FROM cards WHERE question = 'Made on A'").pluck().get()).toBe(0);
    copyDevice(a);
    status = call(b, 'sync.mergeNow') as SyncStatus;
    expect(b.db.prepare("SELECT count(*) FROM cards WHERE question = 'Made on A'").pluck().get()).toBe(1);
    expect(b.db.prepare('SELECT count(*) FROM reviews').pluck().get()).toBe(1);
    expect(status.pending).toBe(0);
    expect(added.cardId).toBeGreaterThan(0);
    expect(syncedState(b).cards).toEqual(syncedState(c).cards);
  });

  it('a snapshot that cannot be read is named, and the segments are read instead', () => {
    const { clock, folder, make } = devices();
    const a = make();
    call(a, 'sync.setFolder', { folder });
    answerFirst(a, 3);
    clock.advance(MS_PER_MINUTE);
    const snapshot = call(a, 'sync.snapshot') as { file: string };
    const path = join(folder, snapshot.file);
    // cut the snapshot short
    writeFileSync(path, readFileSync(path).subarray(0, 40));
    const b = openTestCollection(clock, { dataDir: tempDir(), bundledDeckDir: null });
    const status = call(b, 'sync.setFolder', { folder }) as SyncStatus;
    expect(status.unreadable).toEqual([
      { file: snapshot.file, reason: expect.stringMatching(/segments are read instead/) },
    ]);
    expect(syncedState(b)).toEqual(syncedState(a));
  });
});
