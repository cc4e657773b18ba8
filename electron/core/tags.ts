/**
 * The collection's tags as a whole: listed with their cards, renamed and deleted everywhere. Tags are
 * hierarchical as in Anki (`interview::ml` is a child of `interview`): renaming or deleting a tag takes
 * its children with it, and tags compare in any case. A tag belongs to its note (every card of a note
 * carries the note's tags), so each change is made on notes and copied to their cards, in one
 * transaction.
 */
import { CueError } from '../../shared/errors';
import { normalizeTags } from './card-editing';
import { cachedStatement, type Db } from './database';
import { setNoteTags } from './notes/notes';

export const TAG_SEPARATOR = '::';

export interface TagCount {
  tag: string;
  cards: number;
}

/** Every tag on a card, with how many cards carry it, in alphabetical order (any case). */
export function listTags(db: Db): TagCount[] {
  const counts = new Map<string, number>();
  const rows = cachedStatement(db, "SELECT tags FROM cards WHERE tags != ''").pluck().all() as string[];
  for (const tags of rows) for (const tag of tags.split(' ')) counts.set(tag, (counts.get(tag) ?? 0) + 1);
  return [...counts]
    .map(([tag, cards]) => ({ tag, cards }))
    .sort((a, b) => a.tag.localeCompare(b.tag, 'en', { sensitivity: 'base' }) || a.tag.localeCompare(b.tag));
}

/** Whether `tag` is `parent` or one of its children, in any case. */
function isWithin(tag: string, parent: string): boolean {
  const lower = tag.toLowerCase();
  const root = parent.toLowerCase();
  return lower === root || lower.startsWith(`${root}${TAG_SEPARATOR}`);
}

function checkedTag(tag: string, what: string): string {
  const trimmed = tag.trim();
  if (!trimmed) throw new CueError('invalid_input', `${what} is empty.`);
  if (/\s/.test(trimmed))
    throw new CueError('invalid_input', `${what} "${trimmed}" holds a space; tags are one word (use _ or ::).`, {
      tag,
    });
  if (
    trimmed.startsWith(TAG_SEPARATOR) ||
    trimmed.endsWith(TAG_SEPARATOR) ||
    trimmed.includes(`${TAG_SEPARATOR}${TAG_SEPARATOR}`)
  ) {
    throw new CueError('invalid_input', `${what} "${trimmed}" has an empty level between its "::".`, { tag });
  }
  return normalizeTags([trimmed]);
}

/**
 * Notes carrying `tag` or a child of it, in any case. Read whole and compared here: SQLite's own case
 * folding knows only ASCII, and a rename that missed "über" beside "Über::x" would be half done.
 */
function notesWithin(db: Db, tag: string): { id: number; tags: string[] }[] {
  const rows = cachedStatement(db, "SELECT id, tags FROM notes WHERE tags != ''").all() as {
    id: number;
    tags: string;
  }[];
  return rows
    .map((row) => ({ id: row.id, tags: row.tags.split(' ') }))
    .filter((row) => row.tags.some((t) => isWithin(t, tag)));
}

export interface TagChange {
  /** Notes whose tags changed, and the cards they carry. */
  notes: number;
  cards: number;
}

/** Renames `from` and its children (`from::x` becomes `to::x`) on every note. */
export function renameTag(db: Db, from: string, to: string, now: number): TagChange {
  const source = checkedTag(from, 'The tag to rename');
  const target = checkedTag(to, 'The new name');
  if (isWithin(target, source) && target.toLowerCase() !== source.toLowerCase()) {
    throw new CueError('invalid_input', `"${target}" is inside "${source}": a tag cannot become its own child.`);
  }
  return changeNotes(db, source, now, (tag) => `${target}${tag.slice(source.length)}`);
}

/** Takes `tag` and its children off every note. */
export function deleteTag(db: Db, tag: string, now: number): TagChange {
  return changeNotes(db, checkedTag(tag, 'The tag to delete'), now, () => null);
}

function changeNotes(db: Db, tag: string, now: number, replace: (tag: string) => string | null): TagChange {
  return db.transaction(() => {
    const notes = notesWithin(db, tag);
    if (notes.length === 0) throw new CueError('not_found', `No card has the tag "${tag}".`, { tag });
    let cards = 0;
    for (const note of notes) {
      const next = note.tags.flatMap((t) => (isWithin(t, tag) ? [replace(t)].filter((r) => r !== null) : [t]));
      setNoteTags(db, note.id, normalizeTags(next as string[]), now);
      cards += cachedStatement(db, 'SELECT count(*) FROM cards WHERE note_id = ?').pluck().get(note.id) as number;
    }
    return { notes: notes.length, cards };
  })();
}
