/**
 * Notes: read, made, edited and given another type. A note's cards are re-rendered in the same
 * transaction as every change to it, keeping each card's id and history; a template or cloze number
 * that no longer makes a card retires it (kept as a deleted card, so `cards.restore` brings it back),
 * and a new one adds a card beside the note's others.
 */
import { cardPreview } from '../../../shared/card-preview';
import { CueError } from '../../../shared/errors';
import type { GeneratedCard, NoteChange, NoteDetail, NotePreview, NoteType } from '../../../shared/notes';
import { keyFromText, normalizeTags } from '../card-editing';
import { cachedStatement, type Db } from '../database';
import { deleteCards, restoreDeleted } from '../deletion';
import { findNoteType, type NoteTypeUpdate, planNoteTypeUpdate, saveNoteTypeDefinition } from './note-types';
import { type NoteContent, placeOfSection, renderNote } from './render-note';

interface NoteRow {
  id: number;
  guid: string;
  note_type_id: number;
  fields: string;
  tags: string;
  created_at: number;
  updated_at: number;
}

interface NoteCardRow {
  id: number;
  deck_id: number;
  section_id: number;
  key: string;
  template_ord: number;
  question: string;
  answer: string;
  format: 'markdown' | 'html';
  answer_alone: 0 | 1;
  type_answer: string | null;
  tags: string;
}

function findNoteRow(db: Db, noteId: number): NoteRow {
  const row = cachedStatement(db, 'SELECT * FROM notes WHERE id = ?').get(noteId) as NoteRow | undefined;
  if (!row) throw new CueError('not_found', `There is no note ${noteId}.`, { noteId });
  return row;
}

function contentOf(row: NoteRow): NoteContent {
  return { fields: JSON.parse(row.fields) as string[], tags: row.tags ? row.tags.split(' ') : [] };
}

function cardsOfNote(db: Db, noteId: number): NoteCardRow[] {
  return cachedStatement(
    db,
    `SELECT id, deck_id, section_id, key, template_ord, question, answer, format, answer_alone, type_answer, tags
     FROM cards WHERE note_id = ? ORDER BY template_ord`,
  ).all(noteId) as NoteCardRow[];
}

export function noteOfCard(db: Db, cardId: number): number {
  const noteId = cachedStatement(db, 'SELECT note_id FROM cards WHERE id = ?').pluck().get(cardId) as
    | number
    | null
    | undefined;
  if (noteId === undefined) throw new CueError('not_found', `There is no card ${cardId}.`, { cardId });
  if (noteId === null) throw new CueError('database', `Card ${cardId} has no note.`, { cardId });
  return noteId;
}

export function getNote(db: Db, noteId: number): NoteDetail {
  const row = findNoteRow(db, noteId);
  const type = findNoteType(db, row.note_type_id);
  const content = contentOf(row);
  return {
    id: row.id,
    guid: row.guid,
    noteType: type,
    fields: padFields(content.fields, type.fields.length),
    tags: content.tags,
    cards: cardsOfNote(db, noteId).map((card) => ({
      cardId: card.id,
      deckId: card.deck_id,
      sectionId: card.section_id,
      ord: card.template_ord,
      name: cardName(type, card.template_ord),
      question: card.question,
      answer: card.answer,
      format: card.format,
      answerAlone: card.answer_alone === 1,
      typeAnswer: card.type_answer,
    })),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function padFields(fields: string[], count: number): string[] {
  return Array.from({ length: count }, (_, i) => fields[i] ?? '');
}

function checkFieldCount(type: NoteType, fields: string[]): string[] {
  if (fields.length > type.fields.length) {
    throw new CueError(
      'invalid_input',
      `“${type.name}” has ${type.fields.length} fields (${type.fields.join(', ')}); ${fields.length} values were given.`,
      { fields: fields.length },
    );
  }
  return padFields(fields, type.fields.length);
}

export function previewNote(
  db: Db,
  input: { noteTypeId: number; fields: string[]; tags: string[]; sectionId?: number },
): NotePreview {
  const type = findNoteType(db, input.noteTypeId, { count: false });
  const place =
    input.sectionId === undefined ? { deckName: '', sectionName: null } : placeOfSection(db, input.sectionId);
  return renderNote(type, { fields: checkFieldCount(type, input.fields), tags: input.tags }, place);
}

export interface NewNote {
  noteTypeId: number;
  sectionId: number;
  fields: string[];
  tags: string[];
  guid?: string;
}

/** A new note and its cards at the end of a section. Refused when it would make no card. */
export function createNote(db: Db, input: NewNote, now: number): NoteChange {
  return db.transaction(() => {
    const type = findNoteType(db, input.noteTypeId, { count: false });
    const fields = checkFieldCount(type, input.fields);
    const tags = normalizeTags(input.tags ?? []);
    const rendered = renderNote(
      type,
      { fields, tags: tags ? tags.split(' ') : [] },
      placeOfSection(db, input.sectionId),
    );
    if (rendered.cards.length === 0) throw new CueError('invalid_input', rendered.problems.join(' '), {});
    const noteId = Number(
      cachedStatement(
        db,
        `INSERT INTO notes (guid, note_type_id, fields, tags, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?)`,
      ).run(input.guid ?? provisionalGuid(now), type.id, JSON.stringify(fields), tags, now, now).lastInsertRowid,
    );
    const added = rendered.cards.map((card) => insertCard(db, noteId, input.sectionId, card, tags, now));
    if (input.guid === undefined) giveCueGuid(db, noteId, added[0]);
    return { noteId, updated: [], added, retired: null };
  })();
}

function provisionalGuid(now: number): string {
  return `cue-new-${now}-${Math.random().toString(36).slice(2)}`;
}

/** Cue's own notes carry `cue:<deck key>/<first card key>`, as the Anki export writes them. */
function giveCueGuid(db: Db, noteId: number, cardId: number): void {
  const row = cachedStatement(
    db,
    'SELECT d.key AS deck, c.key AS card FROM cards c JOIN decks d ON d.id = c.deck_id WHERE c.id = ?',
  ).get(cardId) as { deck: string; card: string };
  let guid = `cue:${row.deck}/${row.card}`;
  if (cachedStatement(db, 'SELECT 1 FROM notes WHERE guid = ? AND id <> ?').get(guid, noteId)) guid += `-n${noteId}`;
  cachedStatement(db, 'UPDATE notes SET guid = ? WHERE id = ?').run(guid, noteId);
  cachedStatement(db, 'UPDATE cards SET note_key = ? WHERE note_id = ?').run(guid, noteId);
}

function insertCard(db: Db, noteId: number, sectionId: number, card: GeneratedCard, tags: string, now: number) {
  const deckId = cachedStatement(db, 'SELECT deck_id FROM sections WHERE id = ?').pluck().get(sectionId) as number;
  const taken = (k: string) =>
    Boolean(cachedStatement(db, 'SELECT 1 FROM cards WHERE deck_id = ? AND key = ?').get(deckId, k));
  const key = keyFromText(`${card.question} ${card.ord > 0 ? card.name : ''}`, taken);
  const position =
    ((cachedStatement(db, 'SELECT max(position) FROM cards WHERE deck_id = ?').pluck().get(deckId) as number | null) ??
      0) + 1;
  const guid = cachedStatement(db, 'SELECT guid FROM notes WHERE id = ?').pluck().get(noteId) as string;
  return Number(
    cachedStatement(
      db,
      `INSERT INTO cards (deck_id, section_id, key, position, question, answer, tags, format, note_key, note_id,
         template_ord, answer_alone, type_answer, created_at, updated_at, user_edited_at, due)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      deckId,
      sectionId,
      key,
      position,
      card.question,
      card.answer,
      tags,
      card.format,
      guid,
      noteId,
      card.ord,
      card.answerAlone ? 1 : 0,
      card.typeAnswer,
      now,
      now,
      now,
      now,
    ).lastInsertRowid,
  );
}

export interface NoteUpdate {
  fields?: string[];
  tags?: string[];
  /** Cards a previous edit retired (its batch), brought back once the fields make them again. */
  restoreBatch?: number;
}

export function updateNote(db: Db, noteId: number, update: NoteUpdate, now: number): NoteChange {
  return db.transaction(() => {
    const row = findNoteRow(db, noteId);
    const type = findNoteType(db, row.note_type_id, { count: false });
    const current = contentOf(row);
    const fields = update.fields ? checkFieldCount(type, update.fields) : padFields(current.fields, type.fields.length);
    const tags = update.tags ? normalizeTags(update.tags) : row.tags;
    cachedStatement(db, 'UPDATE notes SET fields = ?, tags = ?, updated_at = ? WHERE id = ?').run(
      JSON.stringify(fields),
      tags,
      now,
      noteId,
    );
    if (update.restoreBatch !== undefined) restoreDeleted(db, update.restoreBatch);
    return syncNoteCards(db, noteId, now, { edited: true });
  })();
}

/**
 * Makes the note's cards match its fields and type: re-renders the ones it has, adds the ones it now
 * makes, retires the ones it no longer makes. Refused (nothing changes) when no card would be left.
 */
export function syncNoteCards(db: Db, noteId: number, now: number, options: { edited: boolean }): NoteChange {
  return db.transaction(() => {
    const row = findNoteRow(db, noteId);
    const type = findNoteType(db, row.note_type_id, { count: false });
    const existing = cardsOfNote(db, noteId);
    const home = existing[0]?.section_id;
    if (home === undefined) return { noteId, updated: [], added: [], retired: null };
    const content = contentOf(row);
    const rendered = renderNote(
      type,
      { fields: padFields(content.fields, type.fields.length), tags: content.tags },
      placeOfSection(db, home),
      new Set(existing.map((card) => card.template_ord)),
    );
    if (rendered.cards.length === 0) {
      const first = cardPreview(existing[0].question, existing[0].format, 60);
      throw new CueError('invalid_input', `Note ${noteId} (“${first}”): ${rendered.problems.join(' ')}`, { noteId });
    }
    const byOrd = new Map(existing.map((card) => [card.template_ord, card]));
    const updated: number[] = [];
    const added: number[] = [];
    for (const card of rendered.cards) {
      const old = byOrd.get(card.ord);
      byOrd.delete(card.ord);
      if (!old) {
        added.push(insertCard(db, noteId, home, card, row.tags, now));
        continue;
      }
      if (sameContent(old, card, row.tags) && !options.edited) continue;
      if (!sameContent(old, card, row.tags)) updated.push(old.id);
      cachedStatement(
        db,
        `UPDATE cards SET question = ?, answer = ?, format = ?, answer_alone = ?, type_answer = ?, tags = ?,
           updated_at = ?, user_edited_at = coalesce(?, user_edited_at) WHERE id = ?`,
      ).run(
        card.question,
        card.answer,
        card.format,
        card.answerAlone ? 1 : 0,
        card.typeAnswer,
        row.tags,
        now,
        options.edited ? now : null,
        old.id,
      );
    }
    const gone = [...byOrd.values()].map((card) => card.id);
    const retired = gone.length ? { cardIds: gone, batch: deleteCards(db, gone, now).batch } : null;
    return { noteId, updated, added, retired };
  })();
}

function sameContent(old: NoteCardRow, card: GeneratedCard, tags: string): boolean {
  return (
    old.question === card.question &&
    old.answer === card.answer &&
    old.format === card.format &&
    old.answer_alone === (card.answerAlone ? 1 : 0) &&
    old.type_answer === card.typeAnswer &&
    old.tags === tags
  );
}

/** Tags belong to the note: a card's tag change is its note's, on every card of it. */
export function setNoteTags(db: Db, noteId: number, tags: string, now: number): void {
  cachedStatement(db, 'UPDATE notes SET tags = ?, updated_at = ? WHERE id = ?').run(tags, now, noteId);
  cachedStatement(db, 'UPDATE cards SET tags = ?, updated_at = ? WHERE note_id = ?').run(tags, now, noteId);
}

export interface TypeChange {
  noteTypeId: number;
  /** For each field of the new type, the old field (index) whose content it takes, or null. */
  fieldMap: (number | null)[];
  /** For each template of the new type, the old template (index) whose card (and history) it takes. */
  templateMap?: (number | null)[];
}

/**
 * Gives a note another type. Its content moves by the field map; its cards move by the template map
 * (by default, template i keeps card i) and keep their history; the rest are made or retired.
 */
export function changeNoteType(db: Db, noteId: number, change: TypeChange, now: number): NoteChange {
  return db.transaction(() => {
    const row = findNoteRow(db, noteId);
    const from = findNoteType(db, row.note_type_id, { count: false });
    const to = findNoteType(db, change.noteTypeId, { count: false });
    if (change.fieldMap.length !== to.fields.length) {
      throw new CueError(
        'invalid_input',
        `“${to.name}” has ${to.fields.length} fields; the field map gives ${change.fieldMap.length}.`,
        {},
      );
    }
    const old = padFields(contentOf(row).fields, from.fields.length);
    for (const source of change.fieldMap) {
      if (source !== null && (source < 0 || source >= from.fields.length)) {
        throw new CueError('invalid_input', `“${from.name}” has no field ${source + 1} to take content from.`, {});
      }
    }
    checkTemplateMap(from, to, change.templateMap);
    const fields = change.fieldMap.map((source) => (source === null ? '' : old[source]));
    cachedStatement(db, 'UPDATE notes SET note_type_id = ?, fields = ?, updated_at = ? WHERE id = ?').run(
      to.id,
      JSON.stringify(fields),
      now,
      noteId,
    );
    moveCardOrds(db, noteId, from, to, change.templateMap);
    return syncNoteCards(db, noteId, now, { edited: true });
  })();
}

/** A template map gives each template of the new type one old template (or none), each old one at most once. */
function checkTemplateMap(from: NoteType, to: NoteType, map: (number | null)[] | undefined): void {
  if (!map) return;
  const say = (message: string) => {
    throw new CueError('invalid_input', message, { templateMap: map });
  };
  if (to.kind !== 'normal' || from.kind !== 'normal') say('A template map is for normal note types, not clozes.');
  if (map.length !== to.templates.length) {
    say(`“${to.name}” has ${to.templates.length} templates; the template map gives ${map.length}.`);
  }
  const used = new Set<number>();
  map.forEach((source, i) => {
    if (source === null) return;
    if (source >= from.templates.length)
      say(`Template ${i + 1} of the map names template ${source + 1}, which “${from.name}” lacks.`);
    if (used.has(source)) say(`Two templates of the map take the card of template ${source + 1}.`);
    used.add(source);
  });
}

/** Renumbers a note's cards for a new type or template order; unmapped cards get an ord none uses. */
function moveCardOrds(db: Db, noteId: number, from: NoteType, to: NoteType, templateMap?: (number | null)[]) {
  const cards = cardsOfNote(db, noteId);
  // a cloze card keeps its number; a normal card keeps its position unless a map says otherwise
  if (to.kind !== 'normal' && from.kind !== 'normal') return;
  const map = templateMap ?? (from.kind === 'normal' && to.kind === 'normal' ? to.templates.map((_, i) => i) : [0]);
  const target = new Map<number, number>();
  map.forEach((source, ord) => {
    if (source !== null) target.set(source, ord);
  });
  // through a free range first, so the unique (note_id, template_ord) index never sees two at once
  const park = 1_000_000;
  for (const card of cards) {
    cachedStatement(db, 'UPDATE cards SET template_ord = ? WHERE id = ?').run(park + card.template_ord, card.id);
  }
  let spare = 2_000_000;
  for (const card of cards) {
    const ord = target.get(card.template_ord) ?? spare++;
    cachedStatement(db, 'UPDATE cards SET template_ord = ? WHERE id = ?').run(ord, card.id);
  }
}

/** Saves a note type's new shape and moves every note of it along: fields by source, cards by template. */
export function updateNoteType(db: Db, noteTypeId: number, update: NoteTypeUpdate, now: number) {
  return db.transaction(() => {
    const type = findNoteType(db, noteTypeId, { count: false });
    const { definition, fieldSources, templateSources } = planNoteTypeUpdate(type, update);
    saveNoteTypeDefinition(db, noteTypeId, definition, now);
    // new CSS alone changes no card's content: the cards show it from the type
    const noteIds =
      update.fields || update.templates || update.name
        ? (db.prepare('SELECT id FROM notes WHERE note_type_id = ?').pluck().all(noteTypeId) as number[])
        : [];
    const changes: NoteChange[] = [];
    for (const noteId of noteIds) {
      const row = findNoteRow(db, noteId);
      const old = padFields(contentOf(row).fields, type.fields.length);
      const fields = fieldSources.map((source) => (source === null ? '' : old[source]));
      cachedStatement(db, 'UPDATE notes SET fields = ? WHERE id = ?').run(JSON.stringify(fields), noteId);
      if (type.kind === 'normal' && update.templates) {
        moveCardOrds(db, noteId, type, { ...type, templates: definition.templates }, templateSources);
      }
      changes.push(syncNoteCards(db, noteId, now, { edited: false }));
    }
    return {
      noteType: findNoteType(db, noteTypeId),
      notes: noteIds.length,
      updated: changes.reduce((n, c) => n + c.updated.length, 0),
      added: changes.reduce((n, c) => n + c.added.length, 0),
      retired: changes.reduce((n, c) => n + (c.retired?.cardIds.length ?? 0), 0),
    };
  })();
}

/** What a card of the type is called: its template's name, "Cloze N" or "Occlusion N". */
function cardName(type: NoteType, ord: number): string {
  if (type.kind === 'normal') return type.templates[ord]?.name ?? '';
  return `${type.kind === 'cloze' ? 'Cloze' : 'Occlusion'} ${ord + 1}`;
}
