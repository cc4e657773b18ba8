import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../electron/core/dispatch';
import { startWebHost, type WebHost } from '../../electron/web/web-host';
import { CueError } from '../../shared/errors';
import { openTestCollection, TestClock, tempDir } from '../helpers/collections';

const START = Date.UTC(2026, 2, 2, 10, 0);

function dispatchError(name: unknown, input: unknown): CueError {
  const collection = openTestCollection(new TestClock(START));
  try {
    dispatch(collection, name, input);
  } catch (error) {
    expect(error).toBeInstanceOf(CueError);
    expect(collection.db.prepare('SELECT count(*) FROM reviews').pluck().get()).toBe(0);
    return error as CueError;
  }
  throw new Error('the call succeeded');
}

describe('input validation at the API boundary', () => {
  const bad: [string, unknown, unknown, string][] = [
    ['a string card id', 'study.answer', { cardId: '1', rating: 3, durationMs: 10 }, 'cardId'],
    ['a rating of 5', 'study.answer', { cardId: 1, rating: 5, durationMs: 10 }, 'rating'],
    ['a negative duration', 'study.answer', { cardId: 1, rating: 3, durationMs: -1 }, 'durationMs'],
    ['a fractional deck id', 'study.next', { deckId: 1.5 }, 'deckId'],
    ['an unknown field', 'study.next', { deckId: 1, extra: true }, ''],
    ['an array instead of an object', 'cards.bury', [1], ''],
  ];
  for (const [what, method, input, path] of bad) {
    it(`rejects ${what} with a typed error naming the field`, () => {
      const error = dispatchError(method, input);
      expect(error.code).toBe('invalid_input');
      expect(error.message).toContain(`Invalid input for ${method}`);
      const issues = (error.details as { issues: { path: string }[] }).issues;
      expect(issues.map((i) => i.path)).toContain(path);
    });
  }

  it('rejects an unknown method, including names from Object.prototype', () => {
    expect(dispatchError('cards.explode', {}).code).toBe('unknown_method');
    expect(dispatchError('toString', {}).code).toBe('unknown_method');
    expect(dispatchError(42, {}).code).toBe('unknown_method');
  });

  it('passes valid input through', () => {
    const collection = openTestCollection(new TestClock(START));
    const result = dispatch(collection, 'study.answer', { cardId: 1, rating: 3, durationMs: 10 });
    expect(result).toMatchObject({ cardId: 1, state: 'learning' });
  });
});

describe('the loopback web host', () => {
  let host: WebHost;
  afterEach(() => host?.close());

  async function start() {
    const staticDir = tempDir('cue-static-');
    mkdirSync(join(staticDir, 'assets'));
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Cue</title>');
    writeFileSync(join(staticDir, 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(join(staticDir, '..', 'secret.txt'), 'not for the web');
    const collection = openTestCollection(new TestClock(START));
    host = await startWebHost({ collection, staticDir });
    return collection;
  }

  const api = (method: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`http://127.0.0.1:${host.port}/api/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-cue-token': host.token, ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  it('listens on 127.0.0.1 and puts its token in the URL', async () => {
    await start();
    expect(host.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${host.port}/\\?token=[\\w-]{32}$`));
  });

  it('answers API calls that carry the token', async () => {
    await start();
    const response = await api('decks.list', {});
    expect(response.status).toBe(200);
    const { result } = (await response.json()) as { result: { cards: number }[] };
    expect(result[0].cards).toBe(50);
  });

  it('refuses calls without the token, or with a wrong one', async () => {
    await start();
    expect((await api('decks.list', {}, { 'x-cue-token': '' })).status).toBe(401);
    const wrong = await api('decks.list', {}, { 'x-cue-token': `${host.token.slice(0, -1)}x` });
    expect(wrong.status).toBe(401);
    expect(((await wrong.json()) as { error: CueError }).error.code).toBe('unauthorized');
  });

  it('refuses a foreign Origin (another web page) even with the token', async () => {
    await start();
    expect((await api('decks.list', {}, { origin: 'https://example.com' })).status).toBe(403);
    expect((await api('decks.list', {}, { origin: `http://127.0.0.1:${host.port}` })).status).toBe(200);
  });

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    await start();
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port: host.port, path: '/', headers: { host: `attacker.example:${host.port}` } },
        (res) => resolve(res.statusCode ?? 0),
      );
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(403);
  });

  it('answers bad input with 400 and the typed error, and keeps serving', async () => {
    const collection = await start();
    const notJson = await api('study.next', '{deckId: 1');
    expect(notJson.status).toBe(400);
    expect(((await notJson.json()) as { error: CueError }).error.message).toMatch(/not valid JSON/);
    const wrongType = await api('study.answer', { cardId: 'one', rating: 3, durationMs: 1 });
    expect(wrongType.status).toBe(400);
    expect((await api('no.such.method', {})).status).toBe(404);
    expect((await api('study.answer', { cardId: 9999, rating: 3, durationMs: 1 })).status).toBe(404);
    expect((await api('study.next', 'x'.repeat(2 << 20))).status).toBe(413);
    expect(collection.db.prepare('SELECT count(*) FROM reviews').pluck().get()).toBe(0);
    expect((await api('decks.list', {})).status).toBe(200);
  });

  it('serves the collection’s media to holders of the token, by plain file name only', async () => {
    const collection = await start();
    mkdirSync(collection.mediaDir, { recursive: true });
    writeFileSync(join(collection.mediaDir, 'cat.png'), Buffer.from([137, 80, 78, 71]));
    const media = (path: string) => fetch(`http://127.0.0.1:${host.port}/media/${path}`);
    const ok = await media(`cat.png?token=${host.token}`);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await ok.arrayBuffer())).toEqual(Buffer.from([137, 80, 78, 71]));
    expect((await media('cat.png')).status).toBe(401);
    expect((await media(`..%2Fcollection.sqlite?token=${host.token}`)).status).toBe(404);
    expect((await media(`missing.png?token=${host.token}`)).status).toBe(404);
  });

  it('serves the renderer with a strict CSP and nothing outside its folder', async () => {
    await start();
    const index = await fetch(`http://127.0.0.1:${host.port}/`);
    expect(index.status).toBe(200);
    expect(index.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect((await fetch(`http://127.0.0.1:${host.port}/assets/app.js`)).status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${host.port}/..%2fsecret.txt`)).status).toBe(404);
    expect((await fetch(`http://127.0.0.1:${host.port}/assets/missing.js`)).status).toBe(404);
  });
});
