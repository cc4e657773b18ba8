/**
 * Schema 22: sync through a folder. What sync must know beside the collection's own rows: each synced
 * row's global id and the clocks of its fields (sync_entities), the global ids of log entries
 * (sync_log_ids), what changed here since the last write to the folder (sync_dirty, kept by triggers),
 * how far each device's segments are merged (sync_cursors), edits that lost (sync_conflicts) and events
 * that wait for what they need (sync_waiting). A card's fuzz seed travels with it, so its intervals are
 * the same on every device whatever its local id.
 */

/** The rows sync carries and the columns of each it keeps in step, frozen at this version (bit i of a mask is field i). */
export const SYNC_FIELDS_V22 = {
  preset: { table: 'presets', key: 'id', fields: ['name', 'options', 'created_at', 'updated_at'] },
  deck: {
    table: 'decks',
    key: 'id',
    fields: [
      'key',
      'name',
      'description',
      'source',
      'source_version',
      'new_per_day',
      'user_named_at',
      'preset_id',
      'new_limit',
      'review_limit',
      'target_date',
      'deadline_mode',
      'created_at',
      'updated_at',
    ],
  },
  section: {
    table: 'sections',
    key: 'id',
    fields: ['deck_id', 'key', 'name', 'description', 'position', 'user_named_at'],
  },
  note_type: {
    table: 'note_types',
    key: 'id',
    fields: [
      'key',
      'name',
      'kind',
      'format',
      'fields',
      'templates',
      'css',
      'builtin',
      'anki_id',
      'created_at',
      'updated_at',
    ],
  },
  note: { table: 'notes', key: 'id', fields: ['guid', 'note_type_id', 'fields', 'tags', 'created_at', 'updated_at'] },
  card: {
    table: 'cards',
    key: 'id',
    fields: [
      'deck_id',
      'section_id',
      'note_id',
      'key',
      'position',
      'question',
      'answer',
      'tags',
      'format',
      'note_key',
      'template_ord',
      'answer_alone',
      'type_answer',
      'flag',
      'suspended',
      'buried_until',
      'user_edited_at',
      'fuzz_seed',
      'created_at',
      'updated_at',
    ],
  },
  setting: { table: 'settings', key: 'key', fields: ['value'] },
} as const;

const notApplying = 'NOT EXISTS (SELECT 1 FROM sync_gate)';

function entityTriggers(entity: string, table: string, key: string, fields: readonly string[]): string {
  const mask = fields.map((field, bit) => `(NEW.${field} IS NOT OLD.${field}) * ${2 ** bit}`).join(' + ');
  return `
CREATE TRIGGER sync_${table}_insert AFTER INSERT ON ${table} WHEN ${notApplying}
BEGIN
  INSERT INTO sync_dirty (entity, local_id, mask, deleted) VALUES ('${entity}', NEW.${key}, -1, 0)
    ON CONFLICT (entity, local_id) DO UPDATE SET mask = -1, deleted = 0;
END;
CREATE TRIGGER sync_${table}_update AFTER UPDATE ON ${table} WHEN ${notApplying} AND (${mask}) <> 0
BEGIN
  INSERT INTO sync_dirty (entity, local_id, mask, deleted) VALUES ('${entity}', NEW.${key}, ${mask}, 0)
    ON CONFLICT (entity, local_id) DO UPDATE SET mask = mask | excluded.mask;
END;
CREATE TRIGGER sync_${table}_delete AFTER DELETE ON ${table} WHEN ${notApplying}
BEGIN
  INSERT INTO sync_dirty (entity, local_id, mask, deleted) VALUES ('${entity}', OLD.${key}, 0, 1)
    ON CONFLICT (entity, local_id) DO UPDATE SET mask = 0, deleted = 1;
END;`;
}

function undoneTrigger(entity: string, table: string): string {
  return `
CREATE TRIGGER sync_${table}_undone AFTER UPDATE OF undone_at ON ${table}
  WHEN ${notApplying} AND NEW.undone_at IS NOT OLD.undone_at
BEGIN
  INSERT INTO sync_dirty (entity, local_id, mask, deleted) VALUES ('${entity}', NEW.id, 1, 0)
    ON CONFLICT (entity, local_id) DO UPDATE SET mask = 1;
END;`;
}

export const sync = `
ALTER TABLE cards ADD COLUMN fuzz_seed INTEGER;

-- the device's clock, the log marks and the merge's counts (key-value)
CREATE TABLE sync_state (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;

-- every synced row: its global id, its local row (NULL once deleted), the clock of its fields (and of
-- any field changed since, as JSON), and the clock of its deletion
CREATE TABLE sync_entities (
  entity   TEXT NOT NULL,
  gid      TEXT NOT NULL,
  local_id,
  clock    TEXT NOT NULL,
  clocks   TEXT CHECK (clocks IS NULL OR json_valid(clocks)),
  deleted  TEXT,
  PRIMARY KEY (entity, gid)
) WITHOUT ROWID;
CREATE UNIQUE INDEX sync_entities_local ON sync_entities (entity, local_id) WHERE local_id IS NOT NULL;

-- the global id of each log entry known to sync; origin 1 for entries made here, 0 for merged ones
CREATE TABLE sync_log_ids (
  gid      TEXT    PRIMARY KEY,
  log      TEXT    NOT NULL CHECK (log IN ('review', 'card_event')),
  local_id INTEGER NOT NULL,
  origin   INTEGER NOT NULL CHECK (origin IN (0, 1))
) WITHOUT ROWID;
CREATE INDEX sync_log_local ON sync_log_ids (log, local_id);

-- what changed here since the last write to the folder: the fields (a mask of SYNC_FIELDS bits, -1 all)
CREATE TABLE sync_dirty (
  entity   TEXT    NOT NULL,
  local_id         NOT NULL,
  mask     INTEGER NOT NULL,
  deleted  INTEGER NOT NULL CHECK (deleted IN (0, 1)),
  PRIMARY KEY (entity, local_id)
) WITHOUT ROWID;

-- holds a row while a merge writes: its changes are not changes made here
CREATE TABLE sync_gate (applying INTEGER PRIMARY KEY);

-- the newest segment of each device merged here
CREATE TABLE sync_cursors (
  device TEXT    PRIMARY KEY,
  seq    INTEGER NOT NULL
) WITHOUT ROWID;

-- an edit that lost to a later one (or to a deletion), kept so that nothing typed is lost
CREATE TABLE sync_conflicts (
  id           INTEGER PRIMARY KEY,
  entity       TEXT    NOT NULL,
  gid          TEXT    NOT NULL,
  card_id      INTEGER,
  field        TEXT    NOT NULL,
  value        TEXT    NOT NULL CHECK (json_valid(value)),
  clock        TEXT    NOT NULL,
  winner_clock TEXT,
  reason       TEXT    NOT NULL CHECK (reason IN ('later-edit', 'deleted')),
  kept_at      INTEGER NOT NULL
);
CREATE INDEX sync_conflicts_card ON sync_conflicts (card_id) WHERE card_id IS NOT NULL;
CREATE UNIQUE INDEX sync_conflicts_once ON sync_conflicts (entity, gid, field, clock);

-- media files written to the folder (or taken from it), by name: what changed since is written again
CREATE TABLE sync_media (
  name  TEXT    PRIMARY KEY,
  hash  TEXT    NOT NULL,
  size  INTEGER NOT NULL,
  mtime INTEGER NOT NULL
) WITHOUT ROWID;

-- cards whose log a merge changed, replayed once when its last batch is applied (and at the next merge
-- if that never came)
CREATE TABLE sync_replay (card_id INTEGER PRIMARY KEY);

-- events read from the folder that wait for what they need (the card they are about, say)
CREATE TABLE sync_waiting (
  event_id TEXT PRIMARY KEY,
  clock    TEXT NOT NULL,
  event    TEXT NOT NULL CHECK (json_valid(event)),
  reason   TEXT NOT NULL
) WITHOUT ROWID;
${Object.entries(SYNC_FIELDS_V22)
  .map(([entity, { table, key, fields }]) => entityTriggers(entity, table, key, fields))
  .join('\n')}
${undoneTrigger('review', 'review_log')}
${undoneTrigger('card_event', 'card_events')}
`;
