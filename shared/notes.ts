/**
 * Notes and note types, as in Anki: a note holds fields; its note type names the fields, the card
 * templates (question and answer in Anki's template syntax) and the CSS. Cards are made from a note by
 * its templates (one per template, or one per cloze number), so editing the note re-renders them.
 */
import { z } from 'zod';

/** How a type's cards are made: one per template ('normal'), one per cloze number, or per occlusion. */
export const NOTE_TYPE_KINDS = ['normal', 'cloze', 'image_occlusion'] as const;
export type NoteTypeKind = (typeof NOTE_TYPE_KINDS)[number];

/** What a field holds: Cue's Markdown, or HTML (what Anki notes hold). */
export const FIELD_FORMATS = ['markdown', 'html'] as const;
export type FieldFormat = (typeof FIELD_FORMATS)[number];

export interface CardTemplate {
  name: string;
  /** The question side, in Anki's template syntax. */
  question: string;
  /** The answer side; `{{FrontSide}}` is the rendered question. */
  answer: string;
}

export interface NoteTypeDefinition {
  /** A stable key: the built-in types' names ('basic', 'cloze', ...), or one made from the name. */
  key: string;
  name: string;
  kind: NoteTypeKind;
  format: FieldFormat;
  fields: string[];
  templates: CardTemplate[];
  css: string;
}

export interface NoteType extends NoteTypeDefinition {
  id: number;
  builtin: boolean;
  /** The Anki note type it came from, matched when the same package is imported again. */
  ankiId: string | null;
  /** Notes of this type. */
  notes: number;
  createdAt: number;
  updatedAt: number;
}

/** One card a note makes, as generated (before or after it is saved). */
export interface GeneratedCard {
  /** Template index, or cloze number - 1. */
  ord: number;
  /** The template's name, or "Cloze N". */
  name: string;
  question: string;
  answer: string;
  format: FieldFormat;
  /** Shown in place of the question when revealed (templates without `{{FrontSide}}`, as clozes). */
  answerAlone: boolean;
  /** The expected text when the question asks for it to be typed (`{{type:Field}}`). */
  typeAnswer: string | null;
  /** What Cue rendered differently from Anki (an unknown filter, a missing field), when rendered just now. */
  notes?: string[];
}

export interface NoteCard extends GeneratedCard {
  cardId: number;
  deckId: number;
  sectionId: number;
}

export interface NoteDetail {
  id: number;
  guid: string;
  noteType: NoteType;
  /** Values in the note type's field order. */
  fields: string[];
  tags: string[];
  cards: NoteCard[];
  createdAt: number;
  updatedAt: number;
}

/** A note's cards as they would be for these fields: the editor's preview. */
export interface NotePreview {
  cards: GeneratedCard[];
  /** Why no card would be made, or what Cue renders differently from Anki. */
  problems: string[];
}

/** What a note change did to its cards. */
export interface NoteChange {
  noteId: number;
  /** Cards whose content changed. */
  updated: number[];
  /** Cards the change made (a new cloze number, a reverse card turned on). */
  added: number[];
  /** Cards it retired (kept like deleted cards: `cards.restore` with the batch brings them back). */
  retired: { cardIds: number[]; batch: number } | null;
}

// Validation
// ----------------------------------------

const FIELD_NAME = /^[^:{}"#^/]+$/;

export const fieldName = z
  .string()
  .trim()
  .min(1, 'A field needs a name')
  .max(100)
  .regex(FIELD_NAME, 'A field name may not hold : { } " # ^ or /');

export const fieldValues = z.array(z.string().max(100_000)).min(1).max(100);

export const cardTemplate = z.strictObject({
  name: z.string().trim().min(1, 'A card template needs a name').max(100),
  question: z.string().max(100_000),
  answer: z.string().max(100_000),
});

export const noteTypeName = z.string().trim().min(1, 'A note type needs a name').max(100);

/**
 * A field or template in a note type's new shape, and which old one it continues (by index), so an
 * edit can rename, reorder, add and remove them without losing what notes hold.
 */
export const fieldChange = z.strictObject({ name: fieldName, previous: z.number().int().min(0).nullable() });
export const templateChange = cardTemplate.extend({ previous: z.number().int().min(0).nullable() });

export type FieldChange = z.infer<typeof fieldChange>;
export type TemplateChange = z.infer<typeof templateChange>;

/** Where find and replace looks, as Anki's dialog offers it: every field, the tags, or one field by name. */
export const findReplaceTarget = z.union([
  z.literal('fields'),
  z.literal('tags'),
  z.strictObject({ field: fieldName }),
]);

/** One change find and replace makes (or would make, previewed). */
export interface FindReplaceChange {
  noteId: number;
  /** The field's name, or "Tags". */
  field: string;
  before: string;
  after: string;
}

export interface FindReplaceResult {
  /** Notes changed (or that would be), and their cards. */
  notes: number;
  cards: number;
  /** The first changes, in note order; `notes` says how many there are in all. */
  changes: FindReplaceChange[];
  preview: boolean;
}
