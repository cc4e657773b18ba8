/** Reads a deck (or one section) out of the collection in the shape every exporter takes. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CueError } from '../../../shared/errors';
import { cachedStatement, type Db } from '../database';
import { findNoteType } from '../notes/note-types';
import { recordingFiles } from '../recordings';
import type { ExportCard, ExportDeck, ExportNote, ExportNoteType, ExportReview } from './export-data';
import type { ContentFormat } from './import-bundle';

export interface ExportQuery {
  deckId: number;
  sectionId?: number;
  withHistory: boolean;
  /** Recordings of spoken answers go along only when the person asks (Anki packages only). */
  includeRecordings?: boolean;
}

/** Media a card refers to: <img src="…">, <audio src="…">, Anki's [sound:…] and Markdown's ![](…). */
export function mediaReferences(text: string): string[] {
  const names: string[] = [];
  const pattern = /src=["']([^"']+)["']|\[sound:([^\]]+)\]|!\[[^\]]*\]\(\s*<?([^)\s>]+)>?/g;
  for (const match of text.matchAll(pattern)) {
    const name = match[1] ?? match[2] ?? decodeName(match[3]);
    if (name && !/^[a-z]+:/i.test(name) && !name.startsWith('/')) names.push(name);
  }
  return names;
}

/** Markdown links carry names URL-encoded (`tree%20diagram.png`); a malformed escape stays as written. */
function decodeName(name: string | undefined): string | undefined {
  if (name === undefined) return undefined;
  try {
    return decodeURIComponent(name);
  } catch {
    return name;
  }
}

export function readExportDeck(db: Db, mediaDir: string, query: ExportQuery): ExportDeck {
  const deck = db
    .prepare('SELECT id, key, name, description, source_version FROM decks WHERE id = ?')
    .get(query.deckId) as
    | { id: number; key: string; name: string; description: string; source_version: number }
    | undefined;
  if (!deck) throw new CueError('not_found', `There is no deck ${query.deckId}.`, { deckId: query.deckId });
  const sections = db
    .prepare('SELECT id, key, name, description FROM sections WHERE deck_id = ? ORDER BY position')
    .all(deck.id) as { id: number; key: string; name: string; description: string }[];
  const chosen = query.sectionId === undefined ? sections : sections.filter((s) => s.id === query.sectionId);
  if (!chosen.length) {
    throw new CueError('not_found', `Deck ${query.deckId} has no section ${query.sectionId}.`, query);
  }
  const cardsOf = db.prepare(
    `SELECT id, key, question, answer, format, tags, suspended, state, due, stability, difficulty, scheduled_days,
       reps, lapses, last_review, created_at, updated_at, note_id, template_ord, flag
     FROM cards WHERE section_id = ? ORDER BY position, id`,
  );
  const notes = noteReader(db);
  const media = new Map<string, Uint8Array>();
  const result: ExportDeck = {
    key: deck.key,
    name: deck.name,
    description: deck.description,
    version: Math.max(1, deck.source_version),
    media,
    sections: chosen.map((section) => {
      const reviews = query.withHistory ? sectionReviews(db, section.id) : new Map<number, ExportReview[]>();
      return {
        key: section.key,
        name: section.name,
        description: section.description,
        cards: (cardsOf.all(section.id) as CardRow[]).map((row) => {
          const note = row.note_id === null ? undefined : notes(row.note_id);
          const texts = [row.question, row.answer, ...(note?.fields ?? [])];
          for (const name of texts.flatMap(mediaReferences)) {
            const path = join(mediaDir, name);
            if (!media.has(name) && existsSync(path)) media.set(name, readFileSync(path));
          }
          const card = toExportCard(row, reviews.get(row.id) ?? []);
          return note ? { ...card, note, templateOrd: row.template_ord } : card;
        }),
      };
    }),
  };
  if (query.includeRecordings) addRecordings(db, mediaDir, result);
  return result;
}

/** The section's cards' reviews by card, each card's in the order they were made: one query, not one a card. */
function sectionReviews(db: Db, sectionId: number): Map<number, ExportReview[]> {
  const rows = cachedStatement(
    db,
    `SELECT r.card_id, r.id, r.reviewed_at, r.rating, r.duration_ms, r.state_before, r.scheduled_days_after,
       r.due_after, r.stability_after, r.difficulty_after
     FROM reviews r JOIN cards c ON c.id = r.card_id WHERE c.section_id = ?
     ORDER BY r.card_id, r.reviewed_at, r.id`,
  )
    .raw()
    .iterate(sectionId) as IterableIterator<number[]>;
  const byCard = new Map<number, ExportReview[]>();
  for (const [
    cardId,
    id,
    at,
    rating,
    durationMs,
    stateBefore,
    scheduledDaysAfter,
    dueAfter,
    stabilityAfter,
    difficultyAfter,
  ] of rows) {
    let list = byCard.get(cardId);
    if (!list) {
      list = [];
      byCard.set(cardId, list);
    }
    list.push({
      id,
      at,
      rating,
      durationMs,
      stateBefore,
      scheduledDaysAfter,
      dueAfter,
      stabilityAfter,
      difficultyAfter,
    } as ExportReview);
  }
  return byCard;
}

interface NoteRow {
  id: number;
  guid: string;
  note_type_id: number;
  fields: string;
  tags: string;
  created_at: number;
  updated_at: number;
}

/** Notes by id, each read once, so the cards of one note share it and its type. */
function noteReader(db: Db): (noteId: number) => ExportNote | undefined {
  const noteOf = db.prepare(
    'SELECT id, guid, note_type_id, fields, tags, created_at, updated_at FROM notes WHERE id = ?',
  );
  const notes = new Map<number, ExportNote | undefined>();
  const types = new Map<number, ExportNoteType>();
  const typeById = (typeId: number): ExportNoteType => {
    let type = types.get(typeId);
    if (!type) {
      const { key, name, kind, format, fields, templates, css, ankiId, updatedAt } = findNoteType(db, typeId, {
        count: false,
      });
      type = { key, name, kind, format, fields, templates, css, ankiId, updatedAt };
      types.set(typeId, type);
    }
    return type;
  };
  return (noteId) => {
    if (!notes.has(noteId)) {
      const row = noteOf.get(noteId) as NoteRow | undefined;
      const type = row && typeById(row.note_type_id);
      notes.set(
        noteId,
        row && type
          ? {
              id: row.id,
              guid: row.guid,
              type,
              fields: JSON.parse(row.fields) as string[],
              tags: row.tags ? row.tags.split(' ').filter(Boolean) : [],
              createdAt: row.created_at,
              updatedAt: row.updated_at,
            }
          : undefined,
      );
    }
    return notes.get(noteId);
  };
}

/** Each card's recordings into the deck's media, named on the card (`recordings`) for the writer to refer to. */
function addRecordings(db: Db, mediaDir: string, deck: ExportDeck): void {
  const cards = deck.sections.flatMap((section) => section.cards);
  const byCard = recordingFiles(
    db,
    mediaDir,
    cards.map((card) => card.id),
  );
  for (const card of cards) {
    const files = byCard.get(card.id);
    if (!files) continue;
    card.recordings = [...files.keys()];
    for (const [name, data] of files) deck.media.set(name, data);
  }
}

interface CardRow {
  id: number;
  key: string;
  question: string;
  answer: string;
  format: ContentFormat;
  tags: string;
  suspended: number;
  state: number;
  due: number;
  stability: number;
  difficulty: number;
  scheduled_days: number;
  reps: number;
  lapses: number;
  last_review: number | null;
  created_at: number;
  updated_at: number;
  note_id: number | null;
  template_ord: number;
  flag: number;
}

function toExportCard(row: CardRow, reviews: ExportReview[]): ExportCard {
  return {
    id: row.id,
    key: row.key,
    question: row.question,
    answer: row.answer,
    format: row.format,
    tags: row.tags ? row.tags.split(' ') : [],
    suspended: row.suspended === 1,
    flag: row.flag,
    state: row.state,
    due: row.due,
    stability: row.stability,
    difficulty: row.difficulty,
    scheduledDays: row.scheduled_days,
    reps: row.reps,
    lapses: row.lapses,
    lastReview: row.last_review,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    reviews,
  };
}
