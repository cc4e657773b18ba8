/**
 * The renderer's only way to reach the collection. In Electron the preload exposes the API table as
 * `window.cue`; in a browser the loopback web host serves the same table at /api/<method>.
 */
import type { ApiInput, ApiOutput, CueClient, MethodName } from '../../shared/api';
import { CueError, isCueErrorData } from '../../shared/errors';
import { UPLOAD_NAME_HEADER, type UploadedFile } from '../../shared/io';

/** What the preload exposes: one function per method, answering `{ok, result}` or `{ok: false, error}`. */
type Bridge = { [M in MethodName]: (input: ApiInput<M>) => Promise<unknown> };

declare global {
  interface Window {
    cue?: Bridge;
  }
}

const TOKEN_KEY = 'cue-token';

/** The web host puts a per-launch token in the URL; keep it for this tab and take it out of the address bar. */
function webToken(): string {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    url.searchParams.delete('token');
    window.history.replaceState(null, '', url.toString());
    return fromUrl;
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

/** The result in the web host's answer, or the CueError it carries. */
function resultOf(status: number, body: unknown): unknown {
  if (status < 200 || status > 299) {
    const error = (body as { error?: unknown } | null)?.error;
    throw isCueErrorData(error) ? CueError.from(error) : new CueError('internal', `The Cue host answered ${status}.`);
  }
  if (!body || typeof body !== 'object' || !('result' in body)) {
    throw new CueError('internal', `The Cue host sent an answer without a result (${status}).`);
  }
  return (body as { result: unknown }).result;
}

function webClient(token: string): CueClient {
  return async (name, input) => {
    const response = await fetch(`/api/${name}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-cue-token': token },
      body: JSON.stringify(input ?? {}),
    });
    const body: unknown = await response.json().catch(() => null);
    return resultOf(response.status, body) as ApiOutput<typeof name>;
  };
}

export type FileSender = (file: File, onProgress?: (fraction: number) => void) => Promise<UploadedFile>;

/**
 * files.upload with the file itself as the body: the browser reads it from disk as it sends, so neither
 * the tab nor the host holds it whole. XMLHttpRequest, since fetch() reports no upload progress.
 */
function webFileSender(token: string): FileSender {
  return (file, onProgress) =>
    new Promise((resolve, reject) => {
      const request = new XMLHttpRequest();
      request.open('POST', '/api/files.upload');
      request.setRequestHeader('content-type', 'application/octet-stream');
      request.setRequestHeader('x-cue-token', token);
      request.setRequestHeader(UPLOAD_NAME_HEADER, encodeURIComponent(file.name));
      request.upload.onprogress = (event) => {
        if (event.lengthComputable && event.total > 0) onProgress?.(event.loaded / event.total);
      };
      request.onload = () => {
        try {
          resolve(resultOf(request.status, parseJson(request.responseText)) as UploadedFile);
        } catch (error) {
          reject(error);
        }
      };
      request.onerror = () =>
        reject(new CueError('internal', `${file.name}: could not be sent to Cue; is it still running?`));
      request.send(file);
    });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function electronClient(bridge: Bridge): CueClient {
  return async (name, input) => {
    const call = bridge[name] as (input: unknown) => Promise<unknown>;
    // Electron flattens thrown errors into plain messages, so the main process returns them as data.
    const outcome = (await call(input)) as { ok: true; result: unknown } | { ok: false; error: unknown };
    if (outcome.ok) return outcome.result as ApiOutput<typeof name>;
    throw isCueErrorData(outcome.error) ? CueError.from(outcome.error) : new CueError('internal', 'Unknown error');
  };
}

/** Under Node (unit tests import the modules that import this one) there is no window, and no Cue to call. */
function windowlessClient(): CueClient {
  return async (name) => {
    throw new CueError('internal', `${name}: Cue is called from its window only.`);
  };
}

const inWindow = typeof window !== 'undefined';
const bridge = inWindow ? window.cue : undefined;
const token = !inWindow || bridge ? '' : webToken();

export const call: CueClient = bridge ? electronClient(bridge) : inWindow ? webClient(token) : windowlessClient();

/** How a browser hands Cue a file: streamed by the web host. The desktop app has none and uses files.upload. */
export const sendFile: FileSender | null = bridge || !inWindow ? null : webFileSender(token);

/**
 * Where a card's image or sound is served from: Cue's own `cue-media:` scheme in the desktop app, the
 * web host's /media/ path (with this tab's token, since an <img> cannot send headers) in a browser.
 */
export function mediaUrl(name: string): string {
  const encoded = encodeURIComponent(name);
  if (window.cue) return `cue-media://media/${encoded}`;
  return `media/${encoded}?token=${encodeURIComponent(sessionStorage.getItem(TOKEN_KEY) ?? '')}`;
}
