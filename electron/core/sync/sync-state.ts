/** What sync keeps in the collection between runs: the clock, the log marks, counts (sync_state), and the clock's use. */
import { cachedStatement, type Db } from '../database';
import { formatHlc, type Hlc, parseHlc, tick, ZERO_HLC } from './hlc';

export type StateKey =
  | 'clock'
  | 'reviewMark'
  | 'eventMark'
  | 'lastMerge'
  | 'eventsMerged'
  | 'problem'
  /** The files the last merge could not read, as JSON. */
  | 'unreadable'
  /** The newest clock merged from each device, as JSON. */
  | 'seen';

export function readState(db: Db, key: StateKey): string | null {
  return (
    (cachedStatement(db, 'SELECT value FROM sync_state WHERE key = ?').pluck().get(key) as string | undefined) ?? null
  );
}

export function writeState(db: Db, key: StateKey, value: string | number | null): void {
  if (value === null) cachedStatement(db, 'DELETE FROM sync_state WHERE key = ?').run(key);
  else {
    cachedStatement(
      db,
      'INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT DO UPDATE SET value = excluded.value',
    ).run(key, String(value));
  }
}

export function readNumber(db: Db, key: StateKey): number {
  return Number(readState(db, key) ?? 0);
}

/**
 * The device's clock within one transaction: each `next()` is later than every event made or merged
 * here before; `saw()` moves it past a merged event's clock. Kept when the transaction commits.
 */
export class SyncClock {
  private last: Hlc;

  constructor(
    private readonly db: Db,
    private readonly device: string,
    private readonly now: number,
  ) {
    this.last = parseHlc(readState(db, 'clock') ?? ZERO_HLC) ?? { ms: 0, counter: 0, device };
  }

  next(): string {
    this.last = tick(this.last, this.now, this.device);
    return formatHlc(this.last);
  }

  saw(clock: string): void {
    const seen = parseHlc(clock);
    if (seen && (seen.ms > this.last.ms || (seen.ms === this.last.ms && seen.counter > this.last.counter))) {
      this.last = { ...seen, device: this.device };
    }
  }

  keep(): void {
    writeState(this.db, 'clock', formatHlc(this.last));
  }
}

/** The newest segment of `device` merged here (or, for this device, written), 0 before any. */
export function cursorOf(db: Db, device: string): number {
  return (cachedStatement(db, 'SELECT seq FROM sync_cursors WHERE device = ?').pluck().get(device) as number) ?? 0;
}

export function setCursor(db: Db, device: string, seq: number): void {
  cachedStatement(
    db,
    'INSERT INTO sync_cursors (device, seq) VALUES (?, ?) ON CONFLICT DO UPDATE SET seq = max(seq, excluded.seq)',
  ).run(device, seq);
}
