/**
 * The rows sync carries: for each kind, its table, the columns kept in step, the columns that name
 * another synced row (sent as that row's global id), and how a row's global id is made the first time
 * it is written to the folder (from its stable key, so the same bundled or imported deck on two
 * devices is one deck, not two).
 */
import { SYNC_FIELDS_V22 } from '../migrations/022-sync';

export type EntityKind = keyof typeof SYNC_FIELDS_V22;

/** Parents before children: a merge makes a deck before its sections, a note before its cards. */
export const ENTITY_ORDER: readonly EntityKind[] = [
  'preset',
  'deck',
  'section',
  'note_type',
  'note',
  'card',
  'setting',
];

export function isEntityKind(value: unknown): value is EntityKind {
  return typeof value === 'string' && Object.hasOwn(SYNC_FIELDS_V22, value);
}

export interface EntitySpec {
  table: string;
  key: string;
  fields: readonly string[];
  /** Columns that hold another synced row's local id: its kind. */
  refs: Readonly<Record<string, EntityKind>>;
  /** SQL giving a row's natural global id, with `?` its local id. */
  naturalGid: string;
  /** Fields whose losing values are kept (what a person typed or chose), not bookkeeping. */
  kept: ReadonlySet<string>;
}

const deckKeyOf = (column: string) => `(SELECT key FROM decks WHERE id = ${column})`;

export const ENTITIES: Readonly<Record<EntityKind, EntitySpec>> = {
  preset: {
    ...SYNC_FIELDS_V22.preset,
    refs: {},
    naturalGid: 'SELECT lower(name) FROM presets WHERE id = ?',
    kept: new Set(['name', 'options']),
  },
  deck: {
    ...SYNC_FIELDS_V22.deck,
    refs: { preset_id: 'preset' },
    naturalGid: 'SELECT key FROM decks WHERE id = ?',
    kept: new Set(['name', 'description', 'new_per_day', 'new_limit', 'review_limit', 'target_date', 'preset_id']),
  },
  section: {
    ...SYNC_FIELDS_V22.section,
    refs: { deck_id: 'deck' },
    naturalGid: `SELECT ${deckKeyOf('deck_id')} || '/' || key FROM sections WHERE id = ?`,
    kept: new Set(['name', 'description']),
  },
  note_type: {
    ...SYNC_FIELDS_V22.note_type,
    refs: {},
    naturalGid: 'SELECT key FROM note_types WHERE id = ?',
    kept: new Set(['name', 'fields', 'templates', 'css']),
  },
  note: {
    ...SYNC_FIELDS_V22.note,
    refs: { note_type_id: 'note_type' },
    naturalGid: 'SELECT guid FROM notes WHERE id = ?',
    kept: new Set(['fields', 'tags']),
  },
  card: {
    ...SYNC_FIELDS_V22.card,
    refs: { deck_id: 'deck', section_id: 'section', note_id: 'note' },
    naturalGid: `SELECT ${deckKeyOf('deck_id')} || '/' || key FROM cards WHERE id = ?`,
    kept: new Set(['question', 'answer', 'tags', 'type_answer', 'flag', 'suspended', 'deck_id', 'section_id']),
  },
  setting: {
    ...SYNC_FIELDS_V22.setting,
    refs: {},
    naturalGid: 'SELECT key FROM settings WHERE key = ?',
    kept: new Set(['value']),
  },
};

/** The fields a mask of SYNC_FIELDS bits names (-1: every field). */
export function fieldsOfMask(kind: EntityKind, mask: number): string[] {
  const { fields } = ENTITIES[kind];
  if (mask === -1) return [...fields];
  return fields.filter((_, bit) => (mask & (2 ** bit)) !== 0);
}
