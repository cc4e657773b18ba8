/**
 * How a kept sync conflict is said, on the Sync screen and in a card's statistics: what was edited, the value
 * that lost (as one short line, or in full), and why it lost.
 */
import type { SyncConflict } from '../../shared/sync';

const ENTITY_LABELS: Record<string, string> = {
  card: 'Card',
  note: 'Note',
  deck: 'Deck',
  section: 'Section',
  note_type: 'Note type',
  preset: 'Deck options',
  setting: 'Setting',
};

/** "Note · front": what was edited, and which of its fields. */
export function conflictField(conflict: Pick<SyncConflict, 'entity' | 'field'>): string {
  const entity = ENTITY_LABELS[conflict.entity] ?? conflict.entity;
  return `${entity} · ${conflict.field.replaceAll('_', ' ')}`;
}

/** A card's fields as its editor names them; a note's `fields` are its field texts. */
const FIELD_NAMES: Record<string, string> = {
  question: 'Question',
  answer: 'Answer',
  tags: 'Tags',
  type_answer: 'Typed answer',
  flag: 'Flag',
  suspended: 'Suspended',
  deck_id: 'Deck',
  section_id: 'Section',
  fields: 'Note fields',
};

/** "Answer": the field alone, where the card is known (its own statistics). */
export function conflictFieldName(conflict: Pick<SyncConflict, 'entity' | 'field'>): string {
  if (conflict.entity !== 'card' && conflict.entity !== 'note') return conflictField(conflict);
  return FIELD_NAMES[conflict.field] ?? conflict.field.replaceAll('_', ' ');
}

export const REASON_LABELS: Record<SyncConflict['reason'], string> = {
  'later-edit': 'A later edit on another device won',
  deleted: 'Deleted on another device meanwhile',
};

/** Why it lost, in a sentence about the card. */
export const CARD_REASON_LABELS: Record<SyncConflict['reason'], string> = {
  'later-edit': 'A later edit on another device won.',
  deleted: 'The card was deleted on another device meanwhile.',
};

/** A note's fields and a card's tags are lists of texts (kept as the JSON of one): read as the texts, not as JSON. */
export function textList(value: unknown): string[] | null {
  let list = value;
  if (typeof value === 'string' && value.startsWith('[')) {
    try {
      list = JSON.parse(value);
    } catch {
      return null;
    }
  }
  return Array.isArray(list) && list.length > 0 && list.every((item) => typeof item === 'string') ? list : null;
}

/** Any value that is not a text, as JSON (a flag's number, a deck's id). */
function plainText(value: unknown): string {
  if (typeof value === 'string') return value;
  return value === undefined ? '' : JSON.stringify(value);
}

/**
 * A losing value as one line of at most `max` characters: text as it is (its runs of white space made one
 * space), anything else as JSON; longer ones cut at a word where one is near, with an ellipsis.
 */
export function shortValue(value: unknown, max = 120): string {
  const texts = textList(value);
  const text = texts !== null ? texts.join(' · ') : plainText(value);
  const line = text.replace(/\s+/g, ' ').trim();
  if (line === '') return typeof value === 'string' ? '(empty)' : String(value);
  if (line.length <= max) return line;
  const cut = line.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/**
 * A losing value in full, as blocks of text to show as they were typed: each of a note's fields on its own,
 * tags as one line, anything else as one block.
 */
export function fullValue(conflict: Pick<SyncConflict, 'field' | 'value'>): string[] {
  const texts = textList(conflict.value);
  if (texts !== null) return conflict.field === 'tags' ? [texts.join(', ')] : texts;
  return [plainText(conflict.value)];
}
