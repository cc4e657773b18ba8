/**
 * The loopback web host (electron/web/web-host.ts): whom it answers (127.0.0.1, the per-launch token, its own
 * Origin and Host) and what it serves (API calls, media, the renderer under a strict CSP); then senders that
 * get things wrong or mean harm: wrong content types, malformed escapes, control characters, bodies that stop
 * arriving or never end, and files streamed as raw bodies. A real host on a real temporary collection;
 * connections are watched until the host closes them.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Collection } from '../../electron/core/collection';
import { startWebHost, type WebHost } from '../../electron/web/web-host';
import { type CueError, type CueErrorData, isCueErrorData } from '../../shared/errors';
import type { ImportPreview, UploadedFile } from '../../shared/io';
import { contentChecksum, openTestCollection, TestClock, tempDir } from '../helpers/collections';
import { errorOf, openRequest } from '../helpers/raw-http';

const START = Date.UTC(2026, 2, 2, 10, 0);
/** Short, so a stalled request is dropped within the test; the default is 30 s. */
const TIMEOUT_MS = 300;

let host: WebHost;
let collection: Collection;
/** Where this test's collection keeps its uploads folder (made on the first upload). */
let uploadsRoot: string;
afterEach(() => host?.close());

async function start(): Promise<void> {
  // The renderer's folder, with a file beside it that must never be served.
  const site = tempDir('cue-static-');
  const staticDir = join(site, 'renderer');
  mkdirSync(staticDir);
  writeFileSync(join(site, 'secret.txt'), 'not for the web');
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Cue</title>');
  mkdirSync(join(staticDir, 'assets'));
  writeFileSync(join(staticDir, 'assets', 'app.js'), 'console.log(1)');
  uploadsRoot = tempDir('cue-tmp-');
  const dataDir = tempDir();
  // The uploads folder goes into the system's temporary folder, read when the collection opens.
  const systemTemp = process.env.TMPDIR;
  process.env.TMPDIR = uploadsRoot;
  try {
    collection = openTestCollection(new TestClock(START), { dataDir });
  } finally {
    if (systemTemp === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = systemTemp;
  }
  host = await startWebHost({ collection, staticDir, bodyTimeoutMs: TIMEOUT_MS });
}

/** The files in the uploads folder, by upload id. */
function uploadedFiles(): Map<string, Buffer> {
  const [folder] = readdirSync(uploadsRoot);
  const files = new Map<string, Buffer>();
  if (folder === undefined) return files;
  for (const id of readdirSync(join(uploadsRoot, folder))) files.set(id, readFileSync(join(uploadsRoot, folder, id)));
  return files;
}

const url = (path: string) => `http://127.0.0.1:${host.port}${path}`;

function post(method: string, body: BodyInit, headers: Record<string, string> = {}) {
  return fetch(url(`/api/${method}`), {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-cue-token': host.token, ...headers },
    body,
  });
}

async function failure(response: Response): Promise<{ status: number; error: CueErrorData }> {
  const body = (await response.json()) as { error?: unknown };
  if (!isCueErrorData(body.error)) throw new Error(`no error in the answer: ${JSON.stringify(body)}`);
  return { status: response.status, error: body.error };
}

function upload(body: BodyInit, name: string | null, headers: Record<string, string> = {}) {
  return post('files.upload', body, {
    'content-type': 'application/octet-stream',
    ...(name === null ? {} : { 'x-cue-file-name': name }),
    ...headers,
  });
}

describe('whom it answers', () => {
  const api = (method: string, body: unknown, headers: Record<string, string> = {}) =>
    post(method, typeof body === 'string' ? body : JSON.stringify(body), headers);

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
    // the token with its last character changed (to another one whatever it was)
    const last = host.token.at(-1) === 'x' ? 'y' : 'x';
    const wrong = await api('decks.list', {}, { 'x-cue-token': `${host.token.slice(0, -1)}${last}` });
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
});

describe('what it serves', () => {
  const api = (method: string, body: unknown) => post(method, typeof body === 'string' ? body : JSON.stringify(body));

  it('answers bad input with 400 and the typed error, and keeps serving', async () => {
    await start();
    const notJson = await api('study.next', '{deckId: 1');
    expect(notJson.status).toBe(400);
    expect(((await notJson.json()) as { error: CueError }).error.message).toMatch(/not valid JSON/);
    const wrongType = await api('study.answer', { cardId: 'one', rating: 3, durationMs: 1 });
    expect(wrongType.status).toBe(400);
    expect((await api('no.such.method', {})).status).toBe(404);
    expect((await api('study.answer', { deckId: 1, cardId: 9999, rating: 3, durationMs: 1 })).status).toBe(404);
    expect((await api('study.next', 'x'.repeat(2 << 20))).status).toBe(413);
    expect(collection.db.prepare('SELECT count(*) FROM reviews').pluck().get()).toBe(0);
    expect((await api('decks.list', {})).status).toBe(200);
  });

  it('serves the collection’s media to holders of the token, by plain file name only', async () => {
    await start();
    mkdirSync(collection.mediaDir, { recursive: true });
    writeFileSync(join(collection.mediaDir, 'cat.png'), Buffer.from([137, 80, 78, 71]));
    const media = (path: string) => fetch(url(`/media/${path}`));
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
    const index = await fetch(url('/'));
    expect(index.status).toBe(200);
    expect(index.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect((await fetch(url('/assets/app.js'))).status).toBe(200);
    expect((await fetch(url('/..%2fsecret.txt'))).status).toBe(404);
    expect((await fetch(url('/assets/missing.js'))).status).toBe(404);
  });
});

describe('content types', () => {
  it('takes application/json in any case, with parameters', async () => {
    await start();
    for (const type of ['application/json', 'Application/JSON; charset=UTF-8', 'application/json;charset="utf-8"']) {
      expect((await post('decks.list', '{}', { 'content-type': type })).status, type).toBe(200);
    }
  });

  it('refuses anything else with 415 and says what it takes', async () => {
    await start();
    const before = contentChecksum(collection);
    for (const type of ['application/json-evil', 'text/plain', 'application/jsonp', 'multipart/form-data', '']) {
      const { status, error } = await failure(await post('decks.bury', '{"cardId":1}', { 'content-type': type }));
      expect(status, type).toBe(415);
      expect(error.code).toBe('invalid_input');
      expect(error.message).toContain('API calls send JSON (application/json)');
    }
    const evil = await failure(await post('cards.bury', '{"cardId":1}', { 'content-type': 'application/json-evil' }));
    expect(evil.error.message).toContain('not content-type "application/json-evil"');
    const latin1 = await failure(
      await post('decks.list', '{}', { 'content-type': 'application/json; charset=latin1' }),
    );
    expect([latin1.status, latin1.error.message]).toEqual([415, 'API calls send JSON in UTF-8, not in "latin1".']);
    // a raw file is taken by files.upload only, and only as application/octet-stream exactly
    expect((await post('decks.list', 'x', { 'content-type': 'application/octet-stream' })).status).toBe(415);
    const stream = await failure(await upload('a,b\n', 'x.csv', { 'content-type': 'application/octet-stream-evil' }));
    expect(stream.status).toBe(415);
    expect(stream.error.message).toContain('or a file as application/octet-stream');
    expect(contentChecksum(collection)).toBe(before);
  });
});

describe('percent escapes', () => {
  const malformed: [string, string][] = [
    ['/api/decks.%E0%A4%A', 'The method name has a malformed percent escape "%A" at character 13'],
    ['/api/%', 'The method name has a malformed percent escape "%" at character 1'],
    ['/api/decks%2Elist%FF', 'The method name has percent escapes that are not UTF-8, "%FF" at character 13'],
    ['/%E0%A4%A', 'The path has a malformed percent escape "%A" at character 8'],
    ['/assets/%zzapp.js', 'The path has a malformed percent escape "%zz" at character 9'],
    ['/%C3%28', 'The path has percent escapes that are not UTF-8, "%C3%28" at character 2'],
    ['/media/cat%.png?token=TOKEN', 'The media file name has a malformed percent escape "%.p" at character 4'],
    ['/media/%ED%A0%80.png?token=TOKEN', 'The media file name has percent escapes that are not UTF-8, "%ED%A0%80"'],
  ];
  for (const [path, message] of malformed) {
    it(`answers ${path} with 400 naming the escape`, async () => {
      await start();
      const response = await fetch(url(path.replace('TOKEN', host.token)), {
        method: path.startsWith('/api/') ? 'POST' : 'GET',
        headers: { 'content-type': 'application/json', 'x-cue-token': host.token },
        body: path.startsWith('/api/') ? '{}' : undefined,
      });
      const { status, error } = await failure(response);
      expect(status).toBe(400);
      expect(error.code).toBe('invalid_input');
      expect(error.message).toContain(message);
    });
  }

  it('still decodes good escapes, and keeps serving after bad ones', async () => {
    await start();
    expect((await fetch(url('/%E0%A4%A'))).status).toBe(400);
    expect((await fetch(url('/assets/%61pp.js'))).status).toBe(200);
    expect((await post('decks%2Elist', '{}')).status).toBe(200);
  });

  it('takes only paths, not addresses of other hosts', async () => {
    await start();
    const answer = openRequest(host.port, '//example.com/x', {}, 'GET');
    answer.request.end();
    const { status, text } = await answer.answer;
    expect(status).toBe(400);
    expect(JSON.parse(text).error.message).toBe('The request asks for "//example.com/x", not a path on Cue.');
  });
});

describe('searches over HTTP', () => {
  it('answers control characters with 400 naming the character, not a database error', async () => {
    await start();
    const { status, error } = await failure(
      await post('cards.search', JSON.stringify({ query: '\u0000\u0001\u0002' })),
    );
    expect(status).toBe(400);
    expect(error.code).toBe('invalid_input');
    expect(error.message).toContain('control character U+0000 at character 1');
    // FTS5's own syntax is plain words to Cue; an unclosed parenthesis is Cue's grammar, and said so
    expect((await post('cards.search', JSON.stringify({ query: 'NEAR * ^ - "a"b' }))).status).toBe(200);
    const unclosed = await failure(await post('cards.search', JSON.stringify({ query: 'NEAR( * ^' })));
    expect(unclosed.status).toBe(400);
    expect(unclosed.error.message).toContain('at character 5: a "(" is never closed');
  });
});

describe('bodies that stop arriving', () => {
  const json = () => ({ 'content-type': 'application/json', 'x-cue-token': host.token });

  it('answers a body shorter than it declared with 408 and closes the connection', async () => {
    await start();
    const open = openRequest(host.port, '/api/decks.list', { ...json(), 'content-length': 1000 });
    open.request.write('{"a":1}   ');
    const answer = await open.answer;
    expect(answer.status).toBe(408);
    expect(answer.headers.connection).toBe('close');
    expect(errorOf(answer).message).toMatch(/^The request body stopped arriving: after 10 bytes/);
    await open.closed;
  });

  it('answers a trickle with 408 too, though bytes keep coming', async () => {
    await start();
    const open = openRequest(host.port, '/api/decks.list', { ...json(), 'content-length': 1_000_000 });
    // Sending, not waiting: a byte every few milliseconds never leaves the connection idle.
    const trickle = setInterval(() => open.request.write(' '), 5);
    try {
      const answer = await open.answer;
      expect(answer.status).toBe(408);
      expect(errorOf(answer).code).toBe('invalid_input');
      await open.closed;
    } finally {
      clearInterval(trickle);
    }
  });

  it('drops a streamed upload that stops, leaving no file behind', async () => {
    await start();
    const open = openRequest(host.port, '/api/files.upload', {
      'content-type': 'application/octet-stream',
      'x-cue-token': host.token,
      'x-cue-file-name': 'big.apkg',
      'content-length': 100 * 1024 * 1024,
    });
    open.request.write(Buffer.alloc(64 * 1024, 1));
    const answer = await open.answer;
    expect(answer.status).toBe(408);
    expect(errorOf(answer).message).toContain('after 65536 bytes');
    await open.closed;
    // the partial file was written into the uploads folder, and is gone
    expect(readdirSync(uploadsRoot)).toHaveLength(1);
    expect(uploadedFiles().size).toBe(0);
  });

  it('answers headers that never end with 408 and closes the connection', async () => {
    await start();
    const socket = connect(host.port, '127.0.0.1');
    let received = '';
    socket.on('data', (chunk) => {
      received += chunk.toString();
    });
    socket.write(`POST /api/decks.list HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nX-Cue-Tok`);
    await new Promise((resolve) => socket.once('close', resolve));
    expect(received).toMatch(/^HTTP\/1\.1 408 /);
  });

  it('closes the connection of a call it refuses before reading its body', async () => {
    await start();
    const wrongToken = openRequest(host.port, '/api/files.upload', {
      'content-type': 'application/octet-stream',
      'x-cue-token': 'wrong',
      'x-cue-file-name': 'x.csv',
      'content-length': 500 * 1024 * 1024,
    });
    wrongToken.request.write('0123456789');
    const answer = await wrongToken.answer;
    expect([answer.status, answer.headers.connection]).toEqual([401, 'close']);
    await wrongToken.closed;
    const declaredTooLarge = openRequest(host.port, '/api/files.upload', {
      'content-type': 'application/octet-stream',
      'x-cue-token': host.token,
      'x-cue-file-name': 'x.csv',
      'content-length': 401 * 1024 * 1024,
    });
    const tooLarge = await declaredTooLarge.answer;
    expect(tooLarge.status).toBe(413);
    expect(errorOf(tooLarge).message).toBe('The request body is larger than 400 MB.');
    await declaredTooLarge.closed;
  });

  it('stops reading a body of no declared length once it passes the limit', async () => {
    await start();
    const open = openRequest(host.port, '/api/decks.list', { ...json(), 'transfer-encoding': 'chunked' });
    const chunk = Buffer.alloc(256 * 1024, 32);
    const pump = () => {
      while (!open.request.destroyed && open.request.write(chunk)) {}
    };
    open.request.on('drain', pump);
    open.request.on('error', () => {});
    pump();
    const answer = await open.answer;
    expect(answer.status).toBe(413);
    expect(errorOf(answer).message).toBe('The request body is larger than 1 MB.');
    open.request.destroy();
  });
});

describe('files streamed as the body of files.upload', () => {
  const CSV = 'What is 2+2?,4\nCapital of France?,Paris\n';

  it('keeps the file under a new upload id that import.preview reads', async () => {
    await start();
    const response = await upload(CSV, encodeURIComponent('café quiz.csv'));
    expect(response.status).toBe(200);
    const { result } = (await response.json()) as { result: UploadedFile };
    expect(result).toEqual({ upload: expect.stringMatching(/^[\w-]{24}$/), name: 'café quiz.csv', size: CSV.length });
    const preview = (await (await post('import.preview', JSON.stringify({ upload: result.upload }))).json()) as {
      result: ImportPreview;
    };
    expect(preview.result.fileName).toBe('café quiz.csv');
    expect(preview.result.format).toBe('csv');
    expect(preview.result.summary.cards).toBe(2);
    expect(uploadedFiles().get(result.upload)?.toString()).toBe(CSV);
  });

  it('gives the same result as files.upload with base64, for the same bytes', async () => {
    await start();
    const bytes = Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 7) % 256));
    const streamed = ((await (await upload(bytes, 'data.bin')).json()) as { result: UploadedFile }).result;
    const dataBase64 = bytes.toString('base64');
    const json = await post('files.upload', JSON.stringify({ name: 'data.bin', dataBase64 }));
    const encoded = ((await json.json()) as { result: UploadedFile }).result;
    expect({ ...streamed, upload: '' }).toEqual({ ...encoded, upload: '' });
    const files = uploadedFiles();
    expect([...files.keys()].sort()).toEqual([streamed.upload, encoded.upload].sort());
    expect(files.get(streamed.upload)).toEqual(bytes);
    expect(files.get(encoded.upload)).toEqual(bytes);
  });

  it('checks the name as files.upload does, and says what is wrong with it', async () => {
    await start();
    const missing = await failure(await upload(CSV, null));
    expect([missing.status, missing.error.message]).toEqual([
      400,
      'A file sent as application/octet-stream is named in the x-cue-file-name header (URI-encoded).',
    ]);
    const empty = await failure(await upload(CSV, ''));
    expect(empty.status).toBe(400);
    expect(empty.error.message).toContain('Invalid input for files.upload');
    expect(empty.error.details).toMatchObject({ issues: [{ path: 'name' }] });
    const long = await failure(await upload(CSV, `${'n'.repeat(256)}.csv`));
    expect(long.error.details).toMatchObject({ issues: [{ path: 'name' }] });
    const notUtf8 = await failure(await upload(CSV, 'quiz%E9.csv'));
    expect(notUtf8.error.message).toBe(
      'The x-cue-file-name header has percent escapes that are not UTF-8, "%E9" at character 5.',
    );
    expect(existsSync(uploadsRoot) && uploadedFiles().size).toBe(0);
  });
});
