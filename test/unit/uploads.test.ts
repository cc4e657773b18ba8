/** The uploads folder taking a file as a stream: whole on disk once complete, nothing left when it fails. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Uploads } from '../../electron/core/io/uploads';
import { CueError } from '../../shared/errors';
import { tempDir } from '../helpers/collections';

async function* pieces(parts: Uint8Array[], failAfter?: Error) {
  for (const part of parts) yield part;
  if (failAfter) throw failAfter;
}

/** Every file in the uploads folder under `root`. */
function filesUnder(root: string): string[] {
  return readdirSync(root).flatMap((folder) => readdirSync(join(root, folder)));
}

describe('a streamed upload', () => {
  it('is written piece by piece and kept under a new id, like an upload in one piece', async () => {
    const root = tempDir();
    const uploads = new Uploads(root);
    const parts = [Buffer.from('What is 2+2?,4\n'), Buffer.alloc(100_000, 65), Buffer.from('\nlast,piece\n')];
    const file = await uploads.receive('C:\\Users\\me\\quiz.csv', pieces(parts));
    expect(file).toEqual({ upload: expect.stringMatching(/^[\w-]{24}$/), name: 'quiz.csv', size: 100_027 });
    expect(readFileSync(uploads.get(file.upload).path)).toEqual(Buffer.concat(parts));
    expect(filesUnder(root)).toEqual([file.upload]);
  });

  it('removes the partial file when the source fails, and passes the error on', async () => {
    const root = tempDir();
    const uploads = new Uploads(root);
    const cutOff = new CueError('invalid_input', 'The request was cut off.');
    await expect(uploads.receive('big.apkg', pieces([Buffer.alloc(70_000, 1)], cutOff))).rejects.toBe(cutOff);
    expect(readdirSync(root)).toHaveLength(1);
    expect(filesUnder(root)).toEqual([]);
  });

  it('refuses a file larger than the cap, naming it, and keeps nothing', async () => {
    const root = tempDir();
    const uploads = new Uploads(root);
    const twoMegabytes = [Buffer.alloc(1024 * 1024), Buffer.alloc(1024 * 1024), Buffer.alloc(1)];
    const error = await uploads.receive('deck.apkg', pieces(twoMegabytes), 2 * 1024 * 1024).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CueError);
    expect((error as CueError).code).toBe('invalid_input');
    expect((error as CueError).message).toBe('deck.apkg: is larger than 2 MB.');
    expect(filesUnder(root)).toEqual([]);
    // the cap is the size itself: a file of exactly 2 MB is taken
    const exact = await uploads.receive('deck.apkg', pieces(twoMegabytes.slice(0, 2)), 2 * 1024 * 1024);
    expect(exact.size).toBe(2 * 1024 * 1024);
  });
});
