/**
 * The hash route: `#/stats/1`, `#/stats/1/3`, `#/stats/1/3/card/17`, each optionally `?at=YYYY-MM-DD`;
 * `#/import` for the import screen (`?upload=<id>&file=<name>&size=<bytes>` to preview a file already handed to Cue); `#/backups` for the backups; `#/sync` for sync through a folder; `#/browse` for the card browser;
 * `#/edit/17` and `#/add/3` for the card editor, `?from=study` when it was opened from a study session;
 * `#/options/1` for a deck's options (its preset), `#/options/1/optimize` and `#/options/1/simulate` for
 * fitting that preset's FSRS parameters and simulating its workload; `#/custom/1` and `#/custom/1/3` for
 * custom study of a deck or one section; `#/mock/1` for a mock interview of a deck and `#/mock/1/7` for its
 * session 7 (running, or its summary), so a reload resumes it;
 * `#/readiness/1` for a deck's readiness for its target date;
 * `#/notetypes` for the note types, `?from=edit/17` (or `add/3`) when opened from the editor, which it goes back to;
 * a card's statistics take `?from=browse` when opened from the browser, and go back there.
 * A hash (not a path) because Electron loads index.html from file://, and the main process accepts
 * `index.html#…` URLs; the browser's back button and reloads keep the statistics screen for free.
 * Here the hashes both ways, as text; screens link to each other with them. app/route.ts follows the
 * window's hash.
 */
import type { UploadedFile } from '../../shared/io';

export interface StatsScope {
  deckId: number;
  sectionId?: number;
  /** The study day shown, YYYY-MM-DD; absent for today. */
  at?: string;
}

export type Route =
  | { name: 'home' }
  /** `opened`: a file already handed to Cue (opened with Cue from the system), previewed at once. */
  | { name: 'import'; opened?: UploadedFile }
  | { name: 'backups' }
  | { name: 'sync' }
  | { name: 'browse' }
  | { name: 'edit'; cardId: number; from: EditorOrigin }
  | { name: 'add'; sectionId: number; from: EditorOrigin }
  | { name: 'options'; deckId: number }
  | { name: 'optimize'; deckId: number }
  | { name: 'simulate'; deckId: number }
  | { name: 'custom'; deckId: number; sectionId?: number }
  | { name: 'mock'; deckId: number; sessionId?: number }
  | { name: 'readiness'; deckId: number }
  | { name: 'notetypes'; from?: NoteTypesOrigin }
  | ({ name: 'stats' } & StatsScope)
  | ({ name: 'card'; cardId: number; from?: 'browse' } & StatsScope);

/** The editor the note types screen was opened from, which it goes back to. */
export type NoteTypesOrigin = { mode: 'edit'; cardId: number } | { mode: 'add'; sectionId: number };

function noteTypesOrigin(from: string | null): NoteTypesOrigin | undefined {
  const match = /^(edit|add)\/(\d+)$/.exec(from ?? '');
  const id = positive(match?.[2]);
  if (!match || id === undefined) return undefined;
  return match[1] === 'edit' ? { mode: 'edit', cardId: id } : { mode: 'add', sectionId: id };
}

/** Where the editor goes back to: the browser, or the study session it was opened from. */
export type EditorOrigin = 'browse' | 'study';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** An upload's id (electron/core/io/uploads.ts): base64url. */
const UPLOAD_ID = /^[\w-]{1,64}$/;

/** `?upload=<id>&file=<name>&size=<bytes>`: a file the desktop app was asked to open, already uploaded. */
function openedFile(params: URLSearchParams): UploadedFile | undefined {
  const upload = params.get('upload') ?? '';
  const name = params.get('file') ?? '';
  const size = Number(params.get('size'));
  if (!UPLOAD_ID.test(upload) || !name || name.length > 255 || !Number.isSafeInteger(size) || size < 0)
    return undefined;
  return { upload, name, size };
}

function positive(text: string | undefined): number | undefined {
  if (text === undefined || !/^\d+$/.test(text)) return undefined;
  const value = Number(text);
  return value > 0 ? value : undefined;
}

export function parseRoute(hash: string): Route {
  const [path, query = ''] = hash.replace(/^#\/?/, '').split('?');
  const parts = path.split('/').filter(Boolean);
  if (parts[0] === 'import' && parts.length === 1) {
    const opened = openedFile(new URLSearchParams(query));
    return opened ? { name: 'import', opened } : { name: 'import' };
  }
  if (parts[0] === 'backups' && parts.length === 1) return { name: 'backups' };
  if (parts[0] === 'sync' && parts.length === 1) return { name: 'sync' };
  if (parts[0] === 'browse' && parts.length === 1) return { name: 'browse' };
  if (parts[0] === 'notetypes' && parts.length === 1) {
    const from = noteTypesOrigin(new URLSearchParams(query).get('from'));
    return from ? { name: 'notetypes', from } : { name: 'notetypes' };
  }
  if ((parts[0] === 'edit' || parts[0] === 'add') && parts.length === 2) {
    const id = positive(parts[1]);
    const from: EditorOrigin = new URLSearchParams(query).get('from') === 'study' ? 'study' : 'browse';
    if (id !== undefined)
      return parts[0] === 'edit' ? { name: 'edit', cardId: id, from } : { name: 'add', sectionId: id, from };
  }
  const deckId = positive(parts[1]);
  if (parts[0] === 'options' && deckId !== undefined) {
    if (parts.length === 2) return { name: 'options', deckId };
    if (parts.length === 3 && (parts[2] === 'optimize' || parts[2] === 'simulate')) return { name: parts[2], deckId };
  }
  if (parts[0] === 'readiness' && deckId !== undefined && parts.length === 2) return { name: 'readiness', deckId };
  if (parts[0] === 'custom' && deckId !== undefined && parts.length <= 3) {
    const sectionId = positive(parts[2]);
    if (parts.length === 2) return { name: 'custom', deckId };
    if (sectionId !== undefined) return { name: 'custom', deckId, sectionId };
  }
  if (parts[0] === 'mock' && deckId !== undefined && parts.length <= 3) {
    const sessionId = positive(parts[2]);
    if (parts.length === 2) return { name: 'mock', deckId };
    if (sessionId !== undefined) return { name: 'mock', deckId, sessionId };
  }
  if (parts[0] !== 'stats' || deckId === undefined) return { name: 'home' };
  const at = new URLSearchParams(query).get('at') ?? undefined;
  const scope: StatsScope = { deckId, at: at && DATE.test(at) ? at : undefined };
  let rest = parts.slice(2);
  if (rest[0] !== 'card') {
    scope.sectionId = positive(rest[0]);
    rest = rest.slice(1);
  }
  const cardId = rest[0] === 'card' ? positive(rest[1]) : undefined;
  if (cardId === undefined) return { name: 'stats', ...scope };
  const fromBrowse = new URLSearchParams(query).get('from') === 'browse';
  return { name: 'card', cardId, ...scope, ...(fromBrowse ? { from: 'browse' as const } : {}) };
}

export function routeHash(route: Route): string {
  if (route.name === 'home') return '#/';
  if (route.name === 'import') {
    const { opened } = route;
    if (!opened) return '#/import';
    return `#/import?${new URLSearchParams({ upload: opened.upload, file: opened.name, size: String(opened.size) })}`;
  }
  if (route.name === 'backups') return '#/backups';
  if (route.name === 'sync') return '#/sync';
  if (route.name === 'browse') return '#/browse';
  if (route.name === 'notetypes') {
    const { from } = route;
    if (!from) return '#/notetypes';
    return `#/notetypes?from=${from.mode === 'edit' ? `edit/${from.cardId}` : `add/${from.sectionId}`}`;
  }
  if (route.name === 'edit' || route.name === 'add') {
    const id = route.name === 'edit' ? route.cardId : route.sectionId;
    return `#/${route.name}/${id}${route.from === 'study' ? '?from=study' : ''}`;
  }
  if (route.name === 'options') return `#/options/${route.deckId}`;
  if (route.name === 'optimize' || route.name === 'simulate') return `#/options/${route.deckId}/${route.name}`;
  if (route.name === 'mock')
    return `#/mock/${route.deckId}${route.sessionId === undefined ? '' : `/${route.sessionId}`}`;
  if (route.name === 'readiness') return `#/readiness/${route.deckId}`;
  const section = route.sectionId === undefined ? '' : `/${route.sectionId}`;
  if (route.name === 'custom') return `#/custom/${route.deckId}${section}`;
  const card = route.name === 'card' ? `/card/${route.cardId}` : '';
  const params = new URLSearchParams();
  if (route.at) params.set('at', route.at);
  if (route.name === 'card' && route.from) params.set('from', route.from);
  const query = params.toString() ? `?${params}` : '';
  return `#/stats/${route.deckId}${section}${card}${query}`;
}

export function statsHash(scope: StatsScope): string {
  return routeHash({ name: 'stats', ...scope });
}

export function cardHash(scope: StatsScope, cardId: number): string {
  return routeHash({ name: 'card', cardId, ...scope });
}
