/**
 * A note's cards, rendered from its type's templates with Anki's rules: a normal type makes one card
 * per template whose question is not empty, a cloze type one per cloze number in its fields. The
 * rendered sides are what a card stores; the renderer sanitises them when it shows them.
 */

import { CueError } from '../../../shared/errors';
import { occlusionOrdinals, renderOcclusionCard } from '../../../shared/image-occlusion';
import {
  clozeNumbers,
  type ParsedTemplate,
  parseTemplate,
  renderCard,
  TemplateSyntaxError,
  withSpecialFields,
} from '../../../shared/note-templates';
import type { GeneratedCard, NoteTypeDefinition } from '../../../shared/notes';
import { cachedStatement, type Db } from '../database';

/** Where a card sits, for the `Deck` and `Subdeck` special fields. */
export interface CardPlace {
  deckName: string;
  /** The section's name; null for a deck's root section (an Anki deck's own cards). */
  sectionName: string | null;
}

export interface NoteContent {
  fields: string[];
  tags: string[];
}

export interface RenderedNote {
  cards: GeneratedCard[];
  problems: string[];
}

const ANSWER_DIVIDER = /<hr\b[^>]*\bid\s*=\s*["']?answer\b/i;
const MAX_CLOZE_CARDS = 500;

/** `keep`: the ords the note has cards for, rendered even past the cap on new cloze cards. */
export function renderNote(
  type: NoteTypeDefinition,
  note: NoteContent,
  place: CardPlace,
  keep: ReadonlySet<number> = new Set(),
): RenderedNote {
  const problems: string[] = [];
  const cards: GeneratedCard[] = [];
  for (const ord of cardOrds(type, note, keep)) {
    const card = renderNoteCard(type, note, place, ord);
    if (card instanceof TemplateSyntaxError) {
      problems.push(`A template of “${type.name}” cannot be read: ${card.message}.`);
      return { cards: [], problems };
    }
    if (card) cards.push(card);
    for (const note of card?.notes ?? []) if (!problems.includes(note)) problems.push(note);
  }
  if (cards.length === 0) problems.push(emptyReason(type));
  return { cards, problems };
}

/**
 * One card of a note: null when Anki would show it blank (an empty front, a cloze number no field
 * holds), the template's syntax error when it cannot be read.
 */
export function renderNoteCard(
  type: NoteTypeDefinition,
  note: NoteContent,
  place: CardPlace,
  ord: number,
): GeneratedCard | TemplateSyntaxError | null {
  if (type.kind === 'image_occlusion') return occlusionCard(note, ord);
  const template = type.kind === 'normal' ? type.templates[ord] : type.templates[0];
  if (!template) return null;
  let question: ParsedTemplate;
  let answer: ParsedTemplate;
  try {
    question = parsed(template.question);
    answer = parsed(template.answer);
  } catch (error) {
    if (error instanceof TemplateSyntaxError) return error;
    throw error;
  }
  const name = type.kind === 'normal' ? template.name : `Cloze ${ord + 1}`;
  const rendered = renderCard(question, answer, {
    fields: fieldMap(type, note, place, name),
    cardOrd: ord,
    isCloze: type.kind !== 'normal',
    format: type.format,
  });
  if (!rendered) return null;
  return {
    ord,
    name,
    question: rendered.question,
    answer: rendered.answer,
    format: type.format,
    answerAlone: !ANSWER_DIVIDER.test(template.answer),
    typeAnswer: rendered.typeAnswer?.expected ?? null,
    ...(rendered.notes.length ? { notes: rendered.notes } : {}),
  };
}

/**
 * An Image Occlusion card: Anki draws its masks with a script, Cue from the occlusion field itself
 * (shared/image-occlusion.ts). The fields are in the stock type's order, whatever their names
 * (Anki translates them): occlusions, image, header, back extra.
 */
function occlusionCard(note: NoteContent, ord: number): GeneratedCard | null {
  const [occlusion = '', image = '', header = '', backExtra = ''] = note.fields;
  const sides = renderOcclusionCard({ occlusion, image, header, backExtra }, ord + 1);
  if (!sides) return null;
  return { ord, name: `Occlusion ${ord + 1}`, ...sides, format: 'html', answerAlone: true, typeAnswer: null };
}

const parseCache = new Map<string, ParsedTemplate>();
const PARSE_CACHE_LIMIT = 500;

/** Templates parsed once: an import renders thousands of notes of a few types. */
function parsed(source: string): ParsedTemplate {
  let hit = parseCache.get(source);
  if (!hit) {
    hit = parseTemplate(source);
    if (parseCache.size >= PARSE_CACHE_LIMIT) parseCache.delete(parseCache.keys().next().value as string);
    parseCache.set(source, hit);
  }
  return hit;
}

/** Template indexes for a normal type; cloze numbers - 1 for a cloze type, in order. */
export function cardOrds(type: NoteTypeDefinition, note: NoteContent, keep: ReadonlySet<number> = new Set()): number[] {
  if (type.kind === 'normal') return type.templates.map((_, i) => i);
  if (type.kind === 'image_occlusion') return occlusionOrdinals(note.fields[0] ?? '').map((n) => n - 1);
  const numbers = new Set<number>();
  for (const value of note.fields) for (const n of clozeNumbers(value)) numbers.add(n);
  // past the cap, only cloze numbers that already have a card (an import brings every card it has)
  return [...numbers]
    .sort((a, b) => a - b)
    .filter((n, i) => i < MAX_CLOZE_CARDS || keep.has(n - 1))
    .map((n) => n - 1);
}

function emptyReason(type: NoteTypeDefinition): string {
  return type.kind === 'normal'
    ? 'Every card’s question would be empty: fill in the fields its front uses.'
    : 'The text has no cloze: mark one as {{c1::text}}.';
}

/** The note's fields by name, then Anki's special fields where no field has their name. */
export function fieldMap(
  type: NoteTypeDefinition,
  note: NoteContent,
  place: CardPlace,
  cardName: string,
): Map<string, string> {
  const fields = new Map<string, string>();
  type.fields.forEach((name, i) => {
    fields.set(name, note.fields[i] ?? '');
  });
  const deck = place.sectionName === null ? place.deckName : `${place.deckName}::${place.sectionName}`;
  return withSpecialFields(fields, { tags: note.tags, noteType: type.name, deck, cardName, flag: 0 });
}

/** The deck and section names a card in this section shows as `Deck`/`Subdeck`. */
export function placeOfSection(db: Db, sectionId: number): CardPlace {
  const row = cachedStatement(
    db,
    'SELECT d.name AS deck, s.name AS section FROM sections s JOIN decks d ON d.id = s.deck_id WHERE s.id = ?',
  ).get(sectionId) as { deck: string; section: string } | undefined;
  if (!row) throw new CueError('not_found', `There is no section ${sectionId}.`, { sectionId });
  // an Anki deck's own cards land in a section named after the deck (read-package.ts)
  return { deckName: row.deck, sectionName: row.section === row.deck ? null : row.section };
}
