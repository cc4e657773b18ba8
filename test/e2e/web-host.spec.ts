/**
 * `cue serve` as a process taking files: a 390 MB file streams to disk while the host stays small, an
 * upload cut off midway leaves nothing behind, and CUE_BODY_TIMEOUT_MS drops a body that stops.
 * The host's temporary folder (TMPDIR) is the test's, so its uploads folder can be looked into.
 */
import { createHash, randomBytes } from 'node:crypto';
import {
  closeSync,
  createReadStream,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import type { UploadedFile } from '../../shared/io';
import { callHost, type RunningHost, runCue, startHost } from '../helpers/cue-process';
import { errorOf, openRequest } from '../helpers/raw-http';

const made: string[] = [];
test.afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** A data folder and a temporary folder for one host. */
function scratch(): { dir: string; dataDir: string; tmp: string } {
  const dir = mkdtempSync(join(tmpdir(), 'cue-web-host-'));
  made.push(dir);
  const tmp = join(dir, 'tmp');
  mkdirSync(tmp);
  return { dir, dataDir: join(dir, 'data'), tmp };
}

/** Files in the host's uploads folder with their sizes (none before the first upload). */
function uploadsIn(tmp: string): { id: string; size: number }[] {
  return readdirSync(tmp)
    .filter((folder) => folder.startsWith('cue-uploads-'))
    .flatMap((folder) =>
      readdirSync(join(tmp, folder)).map((id) => ({ id, size: statSync(join(tmp, folder, id)).size })),
    );
}

function uploadPath(tmp: string, id: string): string {
  const folder = readdirSync(tmp).find((name) => name.startsWith('cue-uploads-'));
  if (!folder) throw new Error('the host made no uploads folder');
  return join(tmp, folder, id);
}

/** Peak resident memory of a process so far, in kB (Linux). */
async function peakRssKb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const match = /^VmHWM:\s+(\d+) kB$/m.exec(status);
  if (!match) throw new Error(`no VmHWM in /proc/${pid}/status`);
  return Number(match[1]);
}

/**
 * Writes `size` bytes that differ in every mebibyte (random, then stamped with the block's number), so
 * a lost, repeated or reordered block changes the digest; returns the SHA-256.
 */
function writeLargeFile(path: string, size: number): string {
  const block = randomBytes(1024 * 1024);
  const hash = createHash('sha256');
  const fd = openSync(path, 'w');
  try {
    for (let written = 0, index = 0; written < size; index++) {
      block.writeUInt32BE(index, 0);
      const piece = block.subarray(0, Math.min(block.length, size - written));
      writeSync(fd, piece);
      hash.update(piece);
      written += piece.length;
    }
  } finally {
    closeSync(fd);
  }
  return hash.digest('hex');
}

async function sha256Of(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

function streamedUpload(host: RunningHost, name: string, length: number) {
  return openRequest(Number(new URL(host.origin).port), '/api/files.upload', {
    'content-type': 'application/octet-stream',
    'x-cue-token': host.token,
    'x-cue-file-name': encodeURIComponent(name),
    'content-length': length,
  });
}

test('a 390 MB file streams to disk whole, and the host stays under 300 MB', async () => {
  test.setTimeout(120_000);
  const { dir, dataDir, tmp } = scratch();
  const size = 390 * 1024 * 1024;
  const source = join(dir, 'large deck.apkg');
  const digest = writeLargeFile(source, size);
  const host = await startHost(dataDir, { TMPDIR: tmp });
  try {
    const upload = streamedUpload(host, 'large deck.apkg', size);
    createReadStream(source).pipe(upload.request);
    const answer = await upload.answer;
    expect(answer.status, answer.text).toBe(200);
    const { result } = JSON.parse(answer.text) as { result: UploadedFile };
    expect(result).toEqual({ upload: expect.any(String), name: 'large deck.apkg', size });

    const peakKb = await peakRssKb(host.process.pid as number);
    test.info().annotations.push({ type: 'host peak RSS', description: `${Math.round(peakKb / 1024)} MB` });
    expect(peakKb).toBeLessThan(300 * 1024);

    expect(uploadsIn(tmp)).toEqual([{ id: result.upload, size }]);
    expect(await sha256Of(uploadPath(tmp, result.upload))).toBe(digest);
  } finally {
    await host.stop();
  }
  // closing Cue removes its uploads
  expect(uploadsIn(tmp)).toEqual([]);
});

test('an upload cut off midway leaves no file behind, and the host goes on', async () => {
  const { dataDir, tmp } = scratch();
  const host = await startHost(dataDir, { TMPDIR: tmp });
  try {
    const upload = streamedUpload(host, 'big.apkg', 50 * 1024 * 1024);
    upload.request.on('error', () => {});
    upload.request.write(randomBytes(2 * 1024 * 1024));
    // the first bytes are on disk, under a new id
    await expect.poll(() => uploadsIn(tmp).filter((file) => file.size > 0)).toHaveLength(1);
    upload.request.destroy();
    await upload.closed;
    await expect.poll(() => uploadsIn(tmp)).toEqual([]);
    expect(await callHost<unknown[]>(host, 'decks.list')).toHaveLength(1);
  } finally {
    await host.stop();
  }
});

test('with CUE_BODY_TIMEOUT_MS, cue serve drops a body that stops arriving', async () => {
  const { dataDir, tmp } = scratch();
  const host = await startHost(dataDir, { TMPDIR: tmp, CUE_BODY_TIMEOUT_MS: '500' });
  try {
    // declares 300 MB, sends 10 bytes (500 MB would be refused at once as too large)
    const upload = streamedUpload(host, 'stalled.apkg', 300 * 1024 * 1024);
    upload.request.write('0123456789');
    const answer = await upload.answer;
    expect(answer.status).toBe(408);
    expect(errorOf(answer).message).toBe(
      'The request body stopped arriving: after 10 bytes, less than 16 KB came in 0.5 s.',
    );
    await upload.closed;
    expect(uploadsIn(tmp)).toEqual([]);
  } finally {
    await host.stop();
  }
});

test('cue serve refuses a CUE_BODY_TIMEOUT_MS that is not a number of milliseconds', () => {
  const { dataDir } = scratch();
  const { code, stderr } = runCue(['serve', '--port', '0', '--data-dir', dataDir], { CUE_BODY_TIMEOUT_MS: '30s' });
  expect(code).toBe(1);
  expect(stderr).toBe('cue: CUE_BODY_TIMEOUT_MS must be a number of milliseconds, not "30s".\n');
});
