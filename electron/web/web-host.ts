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
import { api } from '../../shared/api';
import { CueError, type CueErrorCode } from '../../shared/errors';
import { MAX_UPLOAD_BYTES, UPLOAD_NAME_HEADER } from '../../shared/io';
import type { Collection } from '../core/collection';
import { checkInput, dispatch, toCueError } from '../core/dispatch';
import {
  appContentType,
  CONTENT_SECURITY_POLICY,
  MEDIA_CONTENT_SECURITY_POLICY,
  mediaContentType,
} from '../served-content';
import { HttpError } from './http-error';
import { mediaTypeOf, meteredBody, readText } from './request-body';
import { decodeStrict, parseTarget, type RequestTarget } from './request-target';

export interface WebHostOptions {
  collection: Collection;
  staticDir: string;
  port?: number;
  token?: string;
  /**
   * How long a request's headers may take, and its body may go without progress, before the host
   * answers 408 and closes the connection. Default 30 s (`cue serve` reads CUE_BODY_TIMEOUT_MS).
   */
  bodyTimeoutMs?: number;
}

export interface WebHost {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

export const DEFAULT_BODY_TIMEOUT_MS = 30_000;
const MAX_BODY_BYTES = 1 << 20;
/**
 * media.add carries one image for a card, base64-encoded, and files.upload as JSON a small file; larger
 * files come as the raw body of files.upload, streamed to disk (up to MAX_UPLOAD_BYTES).
 */
const MAX_FILE_JSON_BODY_BYTES = 32 * 1024 * 1024;
/** The name of a streamed upload passes the same check as files.upload's. */
const UPLOAD_NAME = api['files.upload'].input.pick({ name: true });

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

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const timeoutMs = options.bodyTimeoutMs ?? DEFAULT_BODY_TIMEOUT_MS;
  if (!Number.isInteger(timeoutMs) || timeoutMs <= 0) {
    throw new CueError('invalid_input', `The body timeout must be a whole number of milliseconds, not ${timeoutMs}.`);
  }
  let port = 0;
  const serverOptions = {
    headersTimeout: timeoutMs,
    // Bodies are timed by their progress (request-body.ts), so a large upload is never cut off while it moves.
    requestTimeout: 0,
    // Node checks the headers timeout on this beat (30 s by default, which would double a 30 s timeout).
    connectionsCheckingInterval: Math.max(10, Math.min(1000, Math.floor(timeoutMs / 4))),
  };
  const server: Server = createServer(serverOptions, (request, response) => {
    handle(request, response, { ...options, token, port, timeoutMs }).catch((error: unknown) => {
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

type Context = WebHostOptions & { token: string; port: number; timeoutMs: number };

async function handle(request: IncomingMessage, response: ServerResponse, context: Context): Promise<void> {
  if (!isLoopbackRequest(request, context.port)) {
    sendError(response, new CueError('unauthorized', 'Requests must come from this computer.'), 403);
    return;
  }
  const target = parseTarget(request.url ?? '/');
  if (target.pathname.startsWith('/media/')) {
    await serveMedia(response, context, target);
    return;
  }
  if (target.pathname.startsWith('/api/')) {
    await handleApi(request, response, context, decodeStrict(target.pathname.slice(5), 'The method name'));
    return;
  }
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    sendError(response, new CueError('invalid_input', `${request.method} is not allowed here.`), 405);
    return;
  }
  await serveStatic(response, context.staticDir, target.pathname);
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
  const contentType = mediaTypeOf(request.headers['content-type']);
  if (method === 'files.upload' && contentType.type === 'application/octet-stream') {
    await receiveFile(request, response, context);
    return;
  }
  checkJsonType(method, request.headers['content-type']);
  const maxBytes = method === 'files.upload' || method === 'media.add' ? MAX_FILE_JSON_BODY_BYTES : MAX_BODY_BYTES;
  const input = parseJson(await readText(request, { maxBytes, timeoutMs: context.timeoutMs }));
  const result = await dispatch(context.collection, method, input);
  sendJson(response, 200, { result: result ?? null });
}

/** `application/json` exactly (any case), parameters allowed, but only in UTF-8, which is all JSON is. */
function checkJsonType(method: string, header: string | undefined): void {
  const { type, params } = mediaTypeOf(header);
  const given = header === undefined ? 'no content-type' : `content-type ${JSON.stringify(header.slice(0, 100))}`;
  if (type !== 'application/json') {
    const alternative = method === 'files.upload' ? ', or a file as application/octet-stream' : '';
    throw new HttpError(415, 'invalid_input', `API calls send JSON (application/json${alternative}), not ${given}.`);
  }
  const charset = params.get('charset')?.toLowerCase();
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
    throw new HttpError(415, 'invalid_input', `API calls send JSON in UTF-8, not in ${JSON.stringify(charset)}.`);
  }
}

/**
 * files.upload with the file itself as the body: streamed into the uploads folder as it arrives, so a
 * large package never sits in memory; the name comes URI-encoded in a header.
 */
async function receiveFile(request: IncomingMessage, response: ServerResponse, context: Context): Promise<void> {
  const { name } = checkInput('files.upload', UPLOAD_NAME, { name: uploadName(request) });
  const body = meteredBody(request, { maxBytes: MAX_UPLOAD_BYTES, timeoutMs: context.timeoutMs });
  const result = await context.collection.receiveUpload(name, body);
  sendJson(response, 200, { result });
}

function uploadName(request: IncomingMessage): string {
  const header = request.headers[UPLOAD_NAME_HEADER];
  if (typeof header !== 'string') {
    throw new HttpError(
      400,
      'invalid_input',
      `A file sent as application/octet-stream is named in the ${UPLOAD_NAME_HEADER} header (URI-encoded).`,
    );
  }
  if (/[^ -~]/.test(header)) {
    throw new HttpError(400, 'invalid_input', `The ${UPLOAD_NAME_HEADER} header must be URI-encoded ASCII.`);
  }
  return decodeStrict(header, `The ${UPLOAD_NAME_HEADER} header`);
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
  const relative = pathname === '/' ? 'index.html' : decodeStrict(pathname, 'The path').replace(/^\/+/, '');
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
    'content-type': appContentType(path),
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
async function serveMedia(response: ServerResponse, context: Context, target: RequestTarget): Promise<void> {
  const given = Buffer.from(target.query.get('token') ?? '');
  const expected = Buffer.from(context.token);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    sendError(response, new CueError('unauthorized', 'Missing or wrong Cue token.'));
    return;
  }
  const name = decodeStrict(target.pathname.slice('/media/'.length), 'The media file name');
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
    'content-type': mediaContentType(name),
    // an imported SVG is shown as an image; if opened directly it still runs nothing
    'content-security-policy': MEDIA_CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'cache-control': 'private, max-age=3600',
  });
  response.end(body);
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  if (response.headersSent || response.destroyed) return;
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    // Answered before its body was read (refused, too large, stalled): Node would otherwise keep the
    // connection to skip the rest of the body, for as long as the sender cares to dribble it.
    ...(response.req.complete ? {} : { connection: 'close' }),
  });
  response.end(JSON.stringify(body));
}

function sendError(
  response: ServerResponse,
  error: CueError,
  status = error instanceof HttpError ? error.status : STATUS[error.code],
): void {
  sendJson(response, status, { error: error.toJSON() });
}
