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

/**
 * The note type every exported card uses. The id never changes, so a second import finds the note type
 * from the first one and reuses it instead of adding "Cue Basic-xxxxx".
 */
export const CUE_MODEL_ID = 1_700_000_000_001;
export const CUE_MODEL_NAME = 'Cue Basic';
/** The note type's modification time (seconds). Anki replaces an imported note type only when this is
 * newer than its copy, so bump it whenever the template or the CSS below changes. */
export const CUE_MODEL_MTIME = 1_795_651_200;

/** Code blocks scroll instead of wrapping, keep their indentation and follow night mode. */
export const CUE_MODEL_CSS = `.card {
  font-family: -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif;
  font-size: 18px;
  line-height: 1.5;
  text-align: left;
  color: black;
  background-color: white;
  max-width: 46em;
  margin: 0 auto;
  padding: 0 1em;
}
.card.nightMode, .nightMode .card, .night_mode .card {
  color: #e6e6e6;
  background-color: #1e1e1e;
}
pre {
  background: #f4f5f7;
  border: 1px solid #dfe2e5;
  border-radius: 6px;
  padding: 0.75em 1em;
  overflow-x: auto;
  text-align: left;
  line-height: 1.4;
}
code {
  font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace;
  font-size: 0.88em;
}
pre code {
  white-space: pre;
  background: none;
  padding: 0;
}
:not(pre) > code {
  background: rgba(127, 127, 127, 0.15);
  border-radius: 4px;
  padding: 0.1em 0.3em;
}
.nightMode pre, .night_mode pre {
  background: #2a2c31;
  border-color: #3a3d43;
}
table { border-collapse: collapse; }
th, td { border: 1px solid #c8ccd0; padding: 0.25em 0.6em; }
img { max-width: 100%; }
blockquote { margin: 0.5em 0; padding-left: 1em; border-left: 3px solid #c8ccd0; }
hr#answer { margin: 1.2em 0; }
`;

const LATEX_PRE =
  '\\documentclass[12pt]{article}\n\\special{papersize=3in,5in}\n\\usepackage[utf8]{inputenc}\n' +
  '\\usepackage{amssymb,amsmath}\n\\pagestyle{empty}\n\\setlength{\\parindent}{0in}\n\\begin{document}\n';
const LATEX_POST = '\\end{document}';

interface ModelSpec {
  id: number;
  name: string;
  mtime: number;
  deckId: number;
  css: string;
  template: { name: string; qfmt: string; afmt: string };
  /** Field names; Front and Back when not given. */
  fields?: string[];
}

/**
 * Cue's note type keeps each side's Markdown source in two fields no template shows, so a Cue deck
 * that goes through Anki comes back as the Markdown it was (unless it was edited in Anki).
 */
export const CUE_SOURCE_FIELDS = ['Cue question source', 'Cue answer source'] as const;

function field(name: string, ord: number) {
  return { name, ord, sticky: false, rtl: false, font: 'Arial', size: 20, media: [] as string[], description: '' };
}

/** A two-field (Front, Back), one-template note type in schema-11 JSON. */
export function basicModelJson(spec: ModelSpec): Record<string, unknown> {
  return {
    id: spec.id,
    name: spec.name,
    type: 0,
    mod: spec.mtime,
    usn: -1,
    sortf: 0,
    did: spec.deckId,
    tmpls: [
      {
        name: spec.template.name,
        ord: 0,
        qfmt: spec.template.qfmt,
        afmt: spec.template.afmt,
        bqfmt: '',
        bafmt: '',
        did: null,
        bfont: '',
        bsize: 0,
      },
    ],
    flds: (spec.fields ?? ['Front', 'Back']).map((name, ord) => field(name, ord)),
    css: spec.css,
    latexPre: LATEX_PRE,
    latexPost: LATEX_POST,
    latexsvg: false,
    // card 0 exists when Front is not empty
    req: [[0, 'any', [0]]],
    tags: [],
    vers: [],
  };
}

export function cueModelJson(deckId: number): Record<string, unknown> {
  return basicModelJson({
    id: CUE_MODEL_ID,
    name: CUE_MODEL_NAME,
    mtime: CUE_MODEL_MTIME,
    deckId,
    css: CUE_MODEL_CSS,
    template: { name: 'Card 1', qfmt: '{{Front}}', afmt: '{{FrontSide}}\n\n<hr id=answer>\n\n{{Back}}' },
    fields: ['Front', 'Back', ...CUE_SOURCE_FIELDS],
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
