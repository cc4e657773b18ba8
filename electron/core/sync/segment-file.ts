/**
 * A segment file: gzip of JSON lines, a header, the events, and a last line with the SHA-256 of every
 * line before it. A file still being copied by the sync tool (cut short) or damaged fails the check
 * and is read again at the next merge; one from a newer Cue is refused, saying so. Snapshots are
 * segments too, whose header says which segments of each device they cover.
 */
import { createHash } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { z } from 'zod';
import { SYNC_FORMAT, type SyncEvent, syncEvent } from './sync-event';

export interface SegmentHeader {
  cue: 'sync-segment';
  format: number;
  device: string;
  seq: number;
  kind: 'segment' | 'snapshot';
  count: number;
  created: number;
  /** A snapshot's coverage: the newest segment of each device it holds. */
  covers?: Record<string, number>;
}

const header = z.looseObject({
  cue: z.literal('sync-segment'),
  format: z.number().int().min(1),
  device: z.string(),
  seq: z.number().int().min(1),
  kind: z.enum(['segment', 'snapshot']),
  count: z.number().int().min(0),
  created: z.number(),
  covers: z.record(z.string(), z.number().int().min(0)).optional(),
});

/** Why a segment cannot be read: `incomplete` and `damaged` files are tried again; `newer` until Cue is updated. */
export class SegmentProblem extends Error {
  constructor(
    readonly kind: 'incomplete' | 'damaged' | 'newer',
    message: string,
  ) {
    super(message);
  }
}

/**
 * The file's bytes. Built as buffers, line by line, never as one string: a snapshot of a large
 * collection is longer than a JavaScript string may be.
 */
export function encodeSegment(head: Omit<SegmentHeader, 'cue' | 'format' | 'count'>, events: SyncEvent[]): Buffer {
  const hash = createHash('sha256');
  const lines: Buffer[] = [];
  const add = (value: unknown) => {
    const line = Buffer.from(`${JSON.stringify(value)}\n`, 'utf8');
    hash.update(line);
    lines.push(line);
  };
  add({ cue: 'sync-segment', format: SYNC_FORMAT, ...head, count: events.length });
  for (const event of events) add(event);
  lines.push(Buffer.from(`${JSON.stringify({ sha256: hash.digest('hex') })}\n`, 'utf8'));
  return gzipSync(Buffer.concat(lines));
}

export interface Segment {
  header: SegmentHeader;
  events: SyncEvent[];
}

const NEWLINE = 0x0a;

/** The segment in `bytes`, checked whole: its checksum, its header (of `device`, number `seq`), every event. */
export function decodeSegment(bytes: Buffer, device: string, seq: number): Segment {
  let data: Buffer;
  try {
    data = gunzipSync(bytes);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'Z_BUF_ERROR' || /unexpected end/i.test(String(error))) {
      throw new SegmentProblem('incomplete', 'it is cut short (still being copied?)');
    }
    throw new SegmentProblem('damaged', `it is not a gzip file (${(error as Error).message})`);
  }
  const firstEnd = data.indexOf(NEWLINE);
  // a newer format is said as such before anything else is checked: it may check itself otherwise
  refuseNewer(data.subarray(0, firstEnd < 0 ? data.length : firstEnd).toString('utf8'));
  const last = data.lastIndexOf(NEWLINE, data.length - 2);
  const body = data.subarray(0, last + 1);
  let sum: unknown;
  try {
    sum = (JSON.parse(data.subarray(last + 1).toString('utf8')) as { sha256?: unknown }).sha256;
  } catch {
    throw new SegmentProblem('incomplete', 'it has no checksum line at its end (still being copied?)');
  }
  if (sum !== createHash('sha256').update(body).digest('hex')) {
    throw new SegmentProblem('damaged', 'its checksum does not match its contents');
  }
  const lines: string[] = [];
  for (let start = 0; start < body.length; ) {
    const end = body.indexOf(NEWLINE, start);
    lines.push(body.subarray(start, end).toString('utf8'));
    start = end + 1;
  }
  const head = readHeader(lines[0], device, seq);
  if (lines.length - 1 !== head.count) {
    throw new SegmentProblem('damaged', `its header says ${head.count} events but it holds ${lines.length - 1}`);
  }
  const events = lines.slice(1).map((line, index) => readEvent(line, index + 2));
  return { header: head, events };
}

function refuseNewer(line: string): void {
  let format: unknown;
  try {
    format = (JSON.parse(line) as { format?: unknown })?.format;
  } catch {
    return;
  }
  if (typeof format === 'number' && format > SYNC_FORMAT) {
    throw new SegmentProblem(
      'newer',
      `it was written by a newer Cue (sync format ${format}; this Cue reads up to ${SYNC_FORMAT}). Update Cue on this computer to merge it.`,
    );
  }
}

function readHeader(line: string | undefined, device: string, seq: number): SegmentHeader {
  let value: unknown;
  try {
    value = JSON.parse(line ?? '');
  } catch {
    throw new SegmentProblem('damaged', 'its first line is not a header');
  }
  const parsed = header.safeParse(value);
  if (!parsed.success)
    throw new SegmentProblem('damaged', `its header is not valid (${parsed.error.issues[0]?.message})`);
  if (parsed.data.device !== device || parsed.data.seq !== seq) {
    throw new SegmentProblem(
      'damaged',
      `its header names device ${parsed.data.device} segment ${parsed.data.seq}, not the file's own name`,
    );
  }
  return parsed.data as SegmentHeader;
}

function readEvent(line: string, lineNumber: number): SyncEvent {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    throw new SegmentProblem('damaged', `line ${lineNumber} is not JSON`);
  }
  const parsed = syncEvent.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new SegmentProblem(
      'damaged',
      `line ${lineNumber} is not a valid event (${issue?.path.join('.')}: ${issue?.message})`,
    );
  }
  return parsed.data;
}
