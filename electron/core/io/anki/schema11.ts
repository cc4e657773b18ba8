/**
 * Anki's schema 11: the collection layout Anki still writes into an .apkg when "support older Anki
 * versions" is ticked, and reads back by upgrading it on import. The SQL is Anki's own
 * (rslib/src/storage/schema11.sql); the JSON kept in the `col` row follows what Anki's schema-11
 * deserialisers require (rslib/src/{notetype,decks,deckconfig}/schema11.rs): every key they lack a
 * default for is present here.
 */

export const SCHEMA11_SQL = `
create table col
(
    id     integer primary key,
    crt    integer not null,
    mod    integer not null,
    scm    integer not null,
    ver    integer not null,
    dty    integer not null,
    usn    integer not null,
    ls     integer not null,
    conf   text    not null,
    models text    not null,
    decks  text    not null,
    dconf  text    not null,
    tags   text    not null
);

create table notes
(
    id    integer primary key,
    guid  text    not null,
    mid   integer not null,
    mod   integer not null,
    usn   integer not null,
    tags  text    not null,
    flds  text    not null,
    sfld  integer not null,
    csum  integer not null,
    flags integer not null,
    data  text    not null
);

create table cards
(
    id     integer primary key,
    nid    integer not null,
    did    integer not null,
    ord    integer not null,
    mod    integer not null,
    usn    integer not null,
    type   integer not null,
    queue  integer not null,
    due    integer not null,
    ivl    integer not null,
    factor integer not null,
    reps   integer not null,
    lapses integer not null,
    left   integer not null,
    odue   integer not null,
    odid   integer not null,
    flags  integer not null,
    data   text    not null
);

create table revlog
(
    id      integer primary key,
    cid     integer not null,
    usn     integer not null,
    ease    integer not null,
    ivl     integer not null,
    lastIvl integer not null,
    factor  integer not null,
    time    integer not null,
    type    integer not null
);

create table graves
(
    usn  integer not null,
    oid  integer not null,
    type integer not null
);

create index ix_notes_usn on notes (usn);
create index ix_cards_usn on cards (usn);
create index ix_revlog_usn on revlog (usn);
create index ix_cards_nid on cards (nid);
create index ix_cards_sched on cards (did, queue, due);
create index ix_revlog_cid on revlog (cid);
create index ix_notes_csum on notes (csum);
`;

export const SCHEMA_VERSION = 11;

/** Anki's "Default" deck and deck options group; every collection has both with id 1. */
export const DEFAULT_DECK_ID = 1;
export const DEFAULT_DECK_CONFIG_ID = 1;

const LATEX_PRE =
  '\\documentclass[12pt]{article}\n\\special{papersize=3in,5in}\n\\usepackage[utf8]{inputenc}\n' +
  '\\usepackage{amssymb,amsmath}\n\\pagestyle{empty}\n\\setlength{\\parindent}{0in}\n\\begin{document}\n';
const LATEX_POST = '\\end{document}';

/** Anki's note type kinds (`type`): normal, or cloze (image occlusion is a cloze type in Anki). */
export const MODEL_NORMAL = 0;
export const MODEL_CLOZE = 1;
/** Anki's OriginalStockKind for its Image Occlusion type; its editor knows the type by this. */
export const STOCK_KIND_IMAGE_OCCLUSION = 6;

export interface ModelTemplate {
  name: string;
  qfmt: string;
  afmt: string;
}

export interface ModelSpec {
  id: number;
  name: string;
  type: typeof MODEL_NORMAL | typeof MODEL_CLOZE;
  mtime: number;
  deckId: number;
  css: string;
  fields: string[];
  templates: ModelTemplate[];
  /** Per template: [ord, 'any' | 'all' | 'none', field ords]. Anki works these out again on import. */
  req: [number, string, number[]][];
  /** Further keys kept in the JSON (Anki keeps keys it does not know in a note type's config). */
  extra?: Record<string, unknown>;
}

/**
 * Packages Cue wrote before it had notes used one "Cue Basic" note type whose note kept each side's
 * Markdown in these two fields; the import still reads them.
 */
export const CUE_SOURCE_FIELDS = ['Cue question source', 'Cue answer source'] as const;

/**
 * A Markdown note type's field goes to Anki rendered as HTML (Anki shows HTML), and its Markdown in a
 * field of its own, named after it with this suffix; the model holds the type's fields first, then
 * one source field for each, in the same order. See cue-markdown-fields.ts.
 */
export const MARKDOWN_SOURCE_SUFFIX = ' (Cue Markdown)';

export const markdownSourceField = (field: string): string => `${field}${MARKDOWN_SOURCE_SUFFIX}`;

function field(name: string, ord: number) {
  return { name, ord, sticky: false, rtl: false, font: 'Arial', size: 20, media: [] as string[], description: '' };
}

/** A note type (model) in schema-11 JSON. */
export function modelJson(spec: ModelSpec): Record<string, unknown> {
  return {
    ...spec.extra,
    id: spec.id,
    name: spec.name,
    type: spec.type,
    mod: spec.mtime,
    usn: -1,
    sortf: 0,
    did: spec.deckId,
    tmpls: spec.templates.map((template, ord) => ({
      name: template.name,
      ord,
      qfmt: template.qfmt,
      afmt: template.afmt,
      bqfmt: '',
      bafmt: '',
      did: null,
      bfont: '',
      bsize: 0,
    })),
    flds: spec.fields.map((name, ord) => field(name, ord)),
    css: spec.css,
    latexPre: LATEX_PRE,
    latexPost: LATEX_POST,
    latexsvg: false,
    req: spec.req,
    tags: [],
    vers: [],
  };
}

/** A two-field (Front, Back), one-template note type in schema-11 JSON. */
export function basicModelJson(spec: {
  id: number;
  name: string;
  mtime: number;
  deckId: number;
  css: string;
  template: ModelTemplate;
}): Record<string, unknown> {
  return modelJson({
    ...spec,
    type: MODEL_NORMAL,
    fields: ['Front', 'Back'],
    templates: [spec.template],
    // card 0 exists when Front is not empty
    req: [[0, 'any', [0]]],
  });
}

/** A normal (not filtered) deck in schema-11 JSON. */
export function deckJson(id: number, name: string, description: string, mtime: number): Record<string, unknown> {
  return {
    id,
    mod: mtime,
    name,
    usn: -1,
    lrnToday: [0, 0],
    revToday: [0, 0],
    newToday: [0, 0],
    timeToday: [0, 0],
    collapsed: false,
    browserCollapsed: false,
    desc: description,
    dyn: 0,
    conf: DEFAULT_DECK_CONFIG_ID,
    extendNew: 0,
    extendRev: 0,
  };
}

/** Anki's stock "Default" options group. An import keeps the target's own group with this id. */
export function defaultDeckConfigJson(mtime: number): Record<string, unknown> {
  return {
    id: DEFAULT_DECK_CONFIG_ID,
    mod: mtime,
    name: 'Default',
    usn: -1,
    maxTaken: 60,
    autoplay: true,
    timer: 0,
    replayq: true,
    dyn: false,
    new: { bury: false, delays: [1, 10], initialFactor: 2500, ints: [1, 4, 0], order: 1, perDay: 20 },
    rev: { bury: false, ease4: 1.3, ivlFct: 1, maxIvl: 36500, perDay: 200, hardFactor: 1.2 },
    lapse: { delays: [10], leechAction: 1, leechFails: 8, minInt: 1, mult: 0 },
    desiredRetention: 0.9,
    sm2Retention: 0.9,
  };
}

/**
 * Collection settings. `schedVer: 2` keeps Anki from running its v1 -> v2 scheduler upgrade on the
 * package (which would rewrite learning cards and the review log); without `creationOffset` Anki counts
 * days from `crt` at the `rollover` hour in the importing machine's time zone.
 */
export function collectionConfJson(options: {
  deckId: number;
  modelId: number;
  nextPos: number;
}): Record<string, unknown> {
  return {
    activeDecks: [options.deckId],
    curDeck: options.deckId,
    curModel: options.modelId,
    newSpread: 0,
    collapseTime: 1200,
    timeLim: 0,
    estTimes: true,
    dueCounts: true,
    sortType: 'noteFld',
    sortBackwards: false,
    addToCur: true,
    nextPos: options.nextPos,
    schedVer: 2,
    rollover: 4,
  };
}

/** What Anki writes into the legacy collection.anki2 beside a newer collection (exporting-colpkg-too-new). */
export const DUMMY_NOTE_TEXT = 'Please update to the latest Anki version, then import the .colpkg/.apkg file again.';
export const DUMMY_MODEL_ID = 1_700_000_000_002;
