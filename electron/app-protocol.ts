/**
 * The `cue-app:` and `cue-media:` protocol handlers as plain Request -> Response functions over the
 * file system (no Electron here, so they are tested as they run). main.ts registers them with
 * protocol.handle. Which file a URL may reach and which headers it gets is decided in shell-policy.ts.
 */
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { appFilePath, appHeaders, mediaFilePath, mediaHeaders } from './shell-policy';

const READ_METHODS = new Set(['GET', 'HEAD']);

function refuse(status: number, text: string, headers: Record<string, string>): Response {
  return new Response(text, { status, headers });
}

/** A file of the built renderer folder `root`, with the app's CSP; everything else is a 404. */
export async function serveAppFile(request: Request, root: string): Promise<Response> {
  if (!READ_METHODS.has(request.method)) return refuse(405, 'Method not allowed', appHeaders(null));
  const path = appFilePath(request.url, root);
  if (!path) return refuse(404, 'Not found', appHeaders(null));
  let body: Buffer;
  try {
    body = await readFile(path);
  } catch {
    return refuse(404, 'Not found', appHeaders(null));
  }
  return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), { headers: appHeaders(path) });
}

/** A file of the collection's media folder, streamed (sounds and videos can be large). */
export async function serveMediaFile(request: Request, mediaDir: string): Promise<Response> {
  if (!READ_METHODS.has(request.method)) return refuse(405, 'Method not allowed', mediaHeaders(null));
  const path = mediaFilePath(request.url, mediaDir);
  const info = path ? await stat(path).catch(() => null) : null;
  if (!path || !info?.isFile()) return refuse(404, 'Not found', mediaHeaders(null));
  const headers = { ...mediaHeaders(path), 'content-length': String(info.size) };
  if (request.method === 'HEAD') return new Response(null, { headers });
  const stream = Readable.toWeb(createReadStream(path)) as ReadableStream<Uint8Array>;
  return new Response(stream, { headers });
}
