/**
 * What every exporter receives: a deck (or one section) read from the collection with its cards,
 * their current state and, when asked, their review history. Writers turn this into a file and never
 * touch the collection.
 */
import type { CardTemplate, FieldFormat, NoteTypeKind } from '../../../shared/notes';
import type { ContentFormat } from './import-bundle';

/** A note type as the Anki export writes it: an Anki note type (model) with the same fields and templates. */
export interface ExportNoteType {
  key: string;
  name: string;
  kind: NoteTypeKind;
  format: FieldFormat;
  fields: string[];
  templates: CardTemplate[];
  css: string;
  /** The Anki note type it was imported from, whose id the export keeps. */
  ankiId: string | null;
  updatedAt: number;
}

/** The note a card is made from; every card of one note shares the same object. */
export interface ExportNote {
  id: number;
  guid: string;
  type: ExportNoteType;
  /** Values in the type's field order. */
  fields: string[];
  tags: string[];
  createdAt: number;
  updatedAt: number;
}

export interface ExportReview {
  id: number;
  at: number;
  /** 1-4: Again, Hard, Good, Easy. */
  rating: 1 | 2 | 3 | 4;
  durationMs: number;
  /** The card's state before the answer: 0 new, 1 learning, 2 review, 3 relearning. */
  stateBefore: number;
  /** Interval the answer scheduled, in days (0 for a learning step), and the memory after it. */
  scheduledDaysAfter: number;
  dueAfter: number;
  stabilityAfter: number;
  difficultyAfter: number;
}

export interface ExportCard {
  id: number;
  key: string;
  question: string;
  answer: string;
  format: ContentFormat;
  tags: string[];
  suspended: boolean;
  /** Anki's flag colours, 1 to 7; 0 none. */
  flag: number;
  /** 0 new, 1 learning, 2 review, 3 relearning. */
  state: number;
  due: number;
  stability: number;
  difficulty: number;
  scheduledDays: number;
  reps: number;
  lapses: number;
  lastReview: number | null;
  createdAt: number;
  updatedAt: number;
  /** Oldest first; empty unless the export asked for history. */
  reviews: ExportReview[];
  /** The note the card is made from, and which of its templates (or cloze number - 1) it is. A card without
   * one is written as a Basic note of its own (test decks, files written without a collection). */
  note?: ExportNote;
  templateOrd?: number;
  /** Media names of the card's recorded answers, oldest first; only when the export asked for them. */
  recordings?: string[];
}

export interface ExportSection {
  key: string;
  name: string;
  description: string;
  cards: ExportCard[];
}

export interface ExportDeck {
  key: string;
  name: string;
  description: string;
  /** The version written into a Cue deck file. */
  version: number;
  sections: ExportSection[];
  /** Media files the cards refer to: name -> bytes. */
  media: Map<string, Uint8Array>;
}
