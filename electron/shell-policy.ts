/**
 * Every security decision of the desktop shell, as plain functions and data that import no Electron, so
 * unit tests can put hostile input to them: which origin is Cue's own, which file a `cue-app:` or
 * `cue-media:` URL may read, which headers go with it, where the window may navigate, which links leave
 * for the system browser, and which permissions a page gets (the microphone, while a recording is armed,
 * and nothing else). main.ts only wires these up.
 */
import { isAbsolute, join, relative, sep } from 'node:path';
import { unsafeMediaNameReason } from './core/io/anki/anki-media';
import {
  appContentType,
  CONTENT_SECURITY_POLICY,
  MEDIA_CONTENT_SECURITY_POLICY,
  mediaContentType,
} from './served-content';

/** The renderer is served from `cue-app://app/…`, never from file:// (which would reach every file on disk). */
export const APP_SCHEME = 'cue-app';
export const APP_HOST = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** Cards show the collection's media as `cue-media://media/<name>` (renderer/api-client.ts). */
export const MEDIA_SCHEME = 'cue-media';
export const MEDIA_HOST = 'media';

/**
 * The schemes as protocol.registerSchemesAsPrivileged takes them. `standard` gives the app a real origin
 * (relative URLs, storage), `secure` makes it a secure context, `supportFetchAPI` lets the page fetch its
 * own files. Deliberately absent: `bypassCSP`, `corsEnabled` (other origins stay unable to read Cue's
 * files) and `allowServiceWorkers`.
 */
export const PRIVILEGED_SCHEMES = [
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  { scheme: MEDIA_SCHEME, privileges: { standard: true, secure: true, stream: true } },
];

/**
 * The window's webPreferences besides the preload. Most are Electron's defaults; they are spelled out so
 * a change of default, or of this object, shows in a test.
 */
export const WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  webviewTag: false,
  navigateOnDragDrop: false,
  spellcheck: false,
  // a card's sounds play when its side is shown (the preset's autoplayAudio), as in Anki, even before
  // the first key press of the session (a reload, a mock interview resumed on start)
  autoplayPolicy: 'no-user-gesture-required',
} as const;

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/**
 * True only for a URL of exactly Cue's own origin: scheme and host compared whole (a prefix test would
 * let `cue-app://app.evil/` through), with no user, password or port. Decides which frames may call the
 * API and where the window may navigate.
 */
export function isAppUrl(url: string): boolean {
  const parsed = parse(url);
  return (
    parsed !== null &&
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.host === APP_HOST &&
    parsed.username === '' &&
    parsed.password === ''
  );
}

/** A navigation (will-navigate, will-redirect, will-frame-navigate) may only stay inside Cue. */
export function allowsNavigation(url: string): boolean {
  return isAppUrl(url);
}

const EXTERNAL_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);

/**
 * What setWindowOpenHandler hands to shell.openExternal: web and mail links only (the renderer has the
 * person confirm the full URL first), and nothing for any other scheme — file:, smb:, a custom app
 * handler or javascript: could run or open something on the machine.
 */
export function externalUrl(url: string): string | null {
  const parsed = parse(url);
  if (!parsed || !EXTERNAL_PROTOCOLS.has(parsed.protocol)) return null;
  if (parsed.protocol !== 'mailto:' && !parsed.hostname) return null;
  return parsed.href;
}

/** A permission a page asks for, as Electron's request and check handlers describe it. */
export interface PermissionAsk {
  permission: string;
  /** Every origin or URL the handler names for the asker (security origin, requesting URL). */
  origins: readonly string[];
  /** For 'media': what is asked for ('audio', 'video'; the check handler says 'unknown' when it cannot tell). */
  mediaTypes: readonly string[];
}

/**
 * Cue asks for one permission, and only for a moment: the microphone, to record a spoken answer. It is
 * granted only while the study screen has armed a recording (see microphone-arming.ts), only as
 * 'media' for audio alone (never the camera), and only to Cue's own origin. Everything else is refused:
 * camera, notifications, geolocation, clipboard reading, devices, fullscreen, opening external apps
 * through the page. Pasting an image into the editor is a paste event and needs none. Both the
 * request and the check handler answer with this.
 */
export function allowsPermission(ask: PermissionAsk, microphoneArmed: boolean): boolean {
  if (!microphoneArmed || ask.permission !== 'media') return false;
  if (ask.origins.length === 0 || !ask.origins.every(isAppUrl)) return false;
  return ask.mediaTypes.length > 0 && ask.mediaTypes.every((type) => type === 'audio');
}

/**
 * Whether the session lets a request through: only Cue's own page and media, Chromium's developer tools,
 * and what the page made itself (data: URLs, and blob: URLs of Cue's origin, such as a recording played
 * back). Everything else (http, https, ws, file, a look-alike origin, an unknown scheme) is cancelled:
 * Cue loads nothing from the network, whatever a deck's card or note type asks for.
 */
export function isOwnRequest(url: string): boolean {
  const parsed = parse(url);
  if (!parsed) return false;
  if (parsed.protocol === 'data:' || parsed.protocol === 'devtools:') return true;
  if (parsed.protocol === 'blob:') return isAppUrl(url.slice('blob:'.length));
  if (parsed.protocol === `${MEDIA_SCHEME}:`) return parsed.host === MEDIA_HOST && !parsed.username && !parsed.password;
  return isAppUrl(url);
}

/**
 * The path segments of a URL's pathname, each percent-decoded on its own, or null when one is unsafe:
 * a malformed escape, an encoded "/" or "\", NUL or another control character, ".", ".." or a
 * dot-file. The URL parser has already resolved literal and %2e dot segments; decoding after that is
 * where "%2e%2e%2f" or "%5c" would sneak a climb back in.
 */
function safeSegments(pathname: string): string[] | null {
  const segments: string[] = [];
  for (const raw of pathname.split('/').filter(Boolean)) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return null;
    }
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
    if (/[/\\\u0000-\u001f\u007f]/.test(segment) || segment.startsWith('.')) return null;
    segments.push(segment);
  }
  return segments;
}

/** True when `path` is `root` itself or lies below it. */
function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

/**
 * The file of the built renderer a `cue-app://app/…` URL names, or null when the URL is not Cue's or
 * would leave `root`. "/" is index.html; query and hash play no part.
 */
export function appFilePath(url: string, root: string): string | null {
  const parsed = parse(url);
  if (!parsed || !isAppUrl(url)) return null;
  const segments = safeSegments(parsed.pathname);
  // the renderer's files never hold a ":", which on Windows names a drive or a stream
  if (!segments || segments.some((segment) => segment.includes(':'))) return null;
  const path = join(root, ...(segments.length ? segments : ['index.html']));
  return isInside(root, path) && path !== root ? path : null;
}

/**
 * The media file a `cue-media://media/<name>` URL names, or null. Names are bare file names, checked
 * by the same rules as imported media names; dot-files (a half-written `.name.writing`) are not served.
 */
export function mediaFilePath(url: string, mediaDir: string): string | null {
  const parsed = parse(url);
  if (!parsed || parsed.protocol !== `${MEDIA_SCHEME}:` || parsed.host !== MEDIA_HOST) return null;
  if (parsed.username || parsed.password) return null;
  const segments = safeSegments(parsed.pathname);
  if (segments?.length !== 1) return null;
  const [name] = segments;
  if (unsafeMediaNameReason(name)) return null;
  const path = join(mediaDir, name);
  return isInside(mediaDir, path) && path !== mediaDir ? path : null;
}

/** Headers of every `cue-app:` response, found or not: the app's CSP travels with each one. */
export function appHeaders(path: string | null): Record<string, string> {
  return {
    'content-type': path ? appContentType(path) : 'text/plain; charset=utf-8',
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-store',
  };
}

/** Headers of every `cue-media:` response: an SVG opened on its own still runs nothing. */
export function mediaHeaders(path: string | null): Record<string, string> {
  return {
    'content-type': path ? mediaContentType(path) : 'text/plain; charset=utf-8',
    'content-security-policy': MEDIA_CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-store',
  };
}
