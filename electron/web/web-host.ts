/**
 * The loopback web host: the built renderer plus the API table over HTTP, on 127.0.0.1 only.
 * A random per-launch token guards the API, and Host/Origin checks keep other sites (DNS rebinding,
 * cross-origin pages) out.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { basename, extname, join, normalize, sep } from 'node:path';
import { CueError, type CueErrorCode } from '../../shared/errors';
import type { Collection } from '../core/collection';
import { dispatch, toCueError } from '../core/dispatch';

export interface WebHostOptions {
  collection: Collection;
  staticDir: string;
  port?: number;
  token?: string;
}

export interface WebHost {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 1 << 20;
/** files.upload carries a whole file, base64-encoded: an Anki package with its media. */
const MAX_UPLOAD_BODY_BYTES = 400 * 1024 * 1024;
/** media.add carries one image for a card, base64-encoded. */
const MAX_IMAGE_BODY_BYTES = 32 * 1024 * 1024;

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: cue-media:",
  "media-src 'self' cue-media:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const STATUS: Record<CueErrorCode, number> = {
  invalid_input: 400,
  unknown_method: 404,
  not_found: 404,
  nothing_to_undo: 409,
  conflict: 409,
  unauthorized: 401,
  database: 500,
  storage: 507,
  internal: 500,
};

const MEDIA_MIME: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.svg': 'image/svg+xml',
  '.mp3': 'audio/mpeg',
  '.wav': 'audio/wav',
  '.ogg': 'audio/ogg',
  '.m4a': 'audio/mp4',
  '.mp4': 'video/mp4',
  '.webm': 'video/webm',
};

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.json': 'application/json',
  '.ico': 'image/x-icon',
};

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  let port = 0;
  const server: Server = createServer((request, response) => {
    handle(request, response, { ...options, token, port }).catch((error: unknown) => {
      sendError(response, toCueError(error));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return {
    port,
    token,
    url: `http://127.0.0.1:${port}/?token=${token}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

type Context = WebHostOptions & { token: string; port: number };

async function handle(request: IncomingMessage, response: ServerResponse, context: Context): Promise<void> {
  if (!isLoopbackRequest(request, context.port)) {
    sendError(response, new CueError('unauthorized', 'Requests must come from this computer.'), 403);
    return;
  }
  const url = new URL(request.url ?? '/', `http://127.0.0.1:${context.port}`);
  if (url.pathname.startsWith('/media/')) {
    await serveMedia(response, context, url);
    return;
  }
  if (url.pathname.startsWith('/api/')) {
    await handleApi(request, response, context, decodeURIComponent(url.pathname.slice(5)));
    return;
  }
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    sendError(response, new CueError('invalid_input', `${request.method} is not allowed here.`), 405);
    return;
  }
  await serveStatic(response, context.staticDir, url.pathname);
}

/** Host must name the loopback address we listen on; Origin, when a browser sends one, too. */
function isLoopbackRequest(request: IncomingMessage, port: number): boolean {
  const allowedHosts = [`127.0.0.1:${port}`, `localhost:${port}`];
  if (!allowedHosts.includes(request.headers.host ?? '')) return false;
  const origin = request.headers.origin;
  return origin === undefined || allowedHosts.some((host) => origin === `http://${host}`);
}

function hasToken(request: IncomingMessage, token: string): boolean {
  const given = Buffer.from(String(request.headers['x-cue-token'] ?? ''));
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

async function handleApi(request: IncomingMessage, response: ServerResponse, context: Context, method: string) {
  if (!hasToken(request, context.token)) {
    sendError(response, new CueError('unauthorized', 'Missing or wrong Cue token; open the URL Cue printed.'));
    return;
  }
  if (request.method !== 'POST') {
    sendError(response, new CueError('invalid_input', 'API calls are POST requests.'), 405);
    return;
  }
  if (!String(request.headers['content-type'] ?? '').startsWith('application/json')) {
    sendError(response, new CueError('invalid_input', 'API calls send JSON (content-type: application/json).'), 415);
    return;
  }
  const limit =
    method === 'files.upload' ? MAX_UPLOAD_BODY_BYTES : method === 'media.add' ? MAX_IMAGE_BODY_BYTES : MAX_BODY_BYTES;
  const input = parseJson(await readBody(request, limit));
  const result = dispatch(context.collection, method, input);
  sendJson(response, 200, { result: result ?? null });
}

async function readBody(request: IncomingMessage, limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > limit) {
      throw new CueError('invalid_input', `The request body is larger than ${Math.round(limit / 1024 / 1024)} MB.`);
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function parseJson(text: string): unknown {
  if (!text) return {};
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new CueError('invalid_input', `The request body is not valid JSON: ${(error as Error).message}`);
  }
}

async function serveStatic(response: ServerResponse, root: string, pathname: string): Promise<void> {
  const relative = pathname === '/' ? 'index.html' : decodeURIComponent(pathname).replace(/^\/+/, '');
  const path = normalize(join(root, relative));
  if (!path.startsWith(normalize(root) + sep)) {
    sendError(response, new CueError('not_found', 'Not found.'), 404);
    return;
  }
  let body: Buffer;
  try {
    body = await readFile(path);
  } catch {
    sendError(response, new CueError('not_found', `Not found: ${pathname}`), 404);
    return;
  }
  response.writeHead(200, {
    'content-type': MIME[extname(path)] ?? 'application/octet-stream',
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': extname(path) === '.html' ? 'no-store' : 'max-age=3600',
  });
  response.end(body);
}

/**
 * A card's image or sound from the collection's media folder. An <img> cannot send headers, so the
 * token comes in the query; names are plain file names, never paths.
 */
async function serveMedia(response: ServerResponse, context: Context, url: URL): Promise<void> {
  const given = Buffer.from(url.searchParams.get('token') ?? '');
  const expected = Buffer.from(context.token);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    sendError(response, new CueError('unauthorized', 'Missing or wrong Cue token.'));
    return;
  }
  const name = decodeURIComponent(url.pathname.slice('/media/'.length));
  if (!name || name !== basename(name) || name.startsWith('.') || name.includes('\\')) {
    sendError(response, new CueError('not_found', 'Not found.'), 404);
    return;
  }
  let body: Buffer;
  try {
    body = await readFile(join(context.collection.mediaDir, name));
  } catch {
    sendError(response, new CueError('not_found', `No media file named ${name}.`), 404);
    return;
  }
  response.writeHead(200, {
    'content-type': MEDIA_MIME[extname(name).toLowerCase()] ?? 'application/octet-stream',
    // an imported SVG is shown as an image; if opened directly it still runs nothing
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
    'x-content-type-options': 'nosniff',
    'cache-control': 'private, max-age=3600',
  });
  response.end(body);
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  if (response.headersSent) return;
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  response.end(JSON.stringify(body));
}

function sendError(response: ServerResponse, error: CueError, status = STATUS[error.code]): void {
  sendJson(response, status, { error: error.toJSON() });
}
