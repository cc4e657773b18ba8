/**
 * Benchmark: sync through a folder, on a private copy of the generated collection of 100,000 cards
 * with a year of history (7 reviews a card). The figures: the first write of the whole collection
 * to the folder (and the folder's size per 10,000 reviews), a new device's catch-up from the folder
 * (events merged per second), an everyday merge of one day of another device's answers, and compaction:
 * writing a snapshot and a new device's catch-up from it.
 *
 * The floor of the catch-up is the least work that takes the same events in durably: every segment
 * read, checked and parsed, and each event's JSON inserted into one table of a fresh SQLite file in
 * one transaction. It leaves out what Cue also does: ids, clocks and conflicts, the rows themselves,
 * per-day counts, and replaying each card's log through FSRS.
 */
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Collection } from '../electron/core/collection';
import { MS_PER_DAY } from '../electron/core/days';
import { decodeSegment } from '../electron/core/sync/segment-file';
import { benchCollection } from './generate-collection';
import { type BenchOptions, type BenchRow, interleaved, peakRssMb, row } from './measure';
import { removeDir } from './temp-dirs';

const SIZE = { cards: 100_000, reviews: 7, daily: 500 };

export function run(options: BenchOptions = {}): { rows: BenchRow[] } {
  const size = options.smoke ? { cards: 200, reviews: 3, daily: 10 } : SIZE;
  const root = mkdtempSync(join(tmpdir(), 'cue-bench-sync-'));
  try {
    return { rows: measure(root, size) };
  } finally {
    removeDir(root);
  }
}

function measure(root: string, size: typeof SIZE): BenchRow[] {
  const generated = benchCollection(size.cards, size.reviews, join(root, 'a'));
  let now = generated.now;
  const open = (dir: string) =>
    new Collection({
      dataDir: join(root, dir),
      clock: () => now,
      timeZone: 'UTC',
      bundledDeckDir: null,
      backgroundCheck: false,
    });
  const folder = join(root, 'folder');
  const a = open('a');
  try {
    const reviews = a.db.prepare('SELECT count(*) FROM review_log').pluck().get() as number;
    const label = `${size.cards.toLocaleString('en')} cards / ${reviews.toLocaleString('en')} reviews`;
    let start = performance.now();
    a.sync.setFolder(folder);
    const firstWriteMs = performance.now() - start;
    const bytes = folderBytes(folder);
    const events = countEvents(folder);
    let device = 0;
    let merged = 0;
    const catchUp = interleaved(
      1,
      () => {
        const b = open(`b${device++}`);
        try {
          b.sync.setFolder(folder);
          merged = b.sync.status().eventsMerged;
        } finally {
          b.close();
        }
      },
      () => floorCatchUp(folder, join(root, `floor-${device}.sqlite`)),
      0,
    );
    // a day of answers on A, then the everyday merge of them on a device that is up to date
    const b = open('daily');
    try {
      b.sync.setFolder(folder);
      now += MS_PER_DAY;
      const due = a.db.prepare('SELECT id FROM cards ORDER BY due LIMIT ?').pluck().all(size.daily) as number[];
      for (const cardId of due) a.handlers['study.answer']({ deckId: 1, cardId, rating: 3, durationMs: 4000 });
      a.sync.flush();
      start = performance.now();
      b.sync.mergeNow();
      const dailyMs = performance.now() - start;
      // compaction: a snapshot of everything, and a new device that starts from it
      start = performance.now();
      const snapshot = a.sync.snapshot();
      const snapshotMs = performance.now() - start;
      const c = open('from-snapshot');
      let fromSnapshotMs: number;
      try {
        start = performance.now();
        c.sync.setFolder(folder);
        fromSnapshotMs = performance.now() - start;
      } finally {
        c.close();
      }
      const perTenThousand = Math.round((bytes / reviews) * 10_000);
      const eventsPerSecond = Math.round(merged / (catchUp.cue.median / 1000));
      const rss = peakRssMb();
      return [
        {
          operation: `first write of the collection to the folder (${events.toLocaleString('en')} events, ${(bytes / 2 ** 20).toFixed(1)} MB: ${(perTenThousand / 1024).toFixed(0)} KB per 10,000 reviews)`,
          size: label,
          cue: { median: Math.round(firstWriteMs), p95: Math.round(firstWriteMs) },
          peakRssMb: rss,
        },
        {
          ...row(
            `a new device catches up from the folder (${merged.toLocaleString('en')} events, ${eventsPerSecond.toLocaleString('en')} events/s)`,
            label,
            catchUp,
          ),
          peakRssMb: rss,
        },
        {
          operation: `write a snapshot (${snapshot.events.toLocaleString('en')} events, ${(snapshot.bytes / 2 ** 20).toFixed(1)} MB)`,
          size: label,
          cue: { median: Math.round(snapshotMs), p95: Math.round(snapshotMs) },
          peakRssMb: rss,
        },
        {
          operation: 'a new device catches up from the snapshot (and the segments after it)',
          size: label,
          cue: { median: Math.round(fromSnapshotMs), p95: Math.round(fromSnapshotMs) },
          peakRssMb: rss,
        },
        {
          operation: `merge a day of another device's answers (${size.daily} reviews)`,
          size: label,
          cue: { median: Math.round(dailyMs), p95: Math.round(dailyMs) },
          peakRssMb: rss,
          target: '< 1 s',
        },
      ];
    } finally {
      b.close();
    }
  } finally {
    a.close();
  }
}

function segmentFiles(folder: string): { device: string; seq: number; path: string }[] {
  const files: { device: string; seq: number; path: string }[] = [];
  for (const device of readdirSync(join(folder, 'devices'))) {
    const dir = join(folder, 'devices', device, 'segments');
    for (const name of readdirSync(dir).sort())
      files.push({ device, seq: Number(name.slice(0, 9)), path: join(dir, name) });
  }
  return files;
}

function folderBytes(folder: string): number {
  return segmentFiles(folder).reduce((sum, file) => sum + statSync(file.path).size, 0);
}

function countEvents(folder: string): number {
  return segmentFiles(folder).reduce(
    (sum, file) => sum + decodeSegment(readFileSync(file.path), file.device, file.seq).events.length,
    0,
  );
}

/** Every segment read, checked and parsed, and its events stored as JSON in one transaction. */
function floorCatchUp(folder: string, path: string): void {
  const db = new Database(path);
  try {
    db.exec('CREATE TABLE events (id TEXT PRIMARY KEY, event TEXT NOT NULL) WITHOUT ROWID');
    const insert = db.prepare('INSERT OR IGNORE INTO events (id, event) VALUES (?, ?)');
    db.transaction(() => {
      for (const file of segmentFiles(folder)) {
        for (const event of decodeSegment(readFileSync(file.path), file.device, file.seq).events) {
          insert.run(event.id, JSON.stringify(event));
        }
      }
    })();
  } finally {
    db.close();
  }
}
