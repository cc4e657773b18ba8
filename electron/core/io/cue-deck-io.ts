/**
 * Cue's own deck files (docs/deck-format.md) as an import source and an export target.
 *
 * Content the plain Markdown layout can't carry unchanged goes into a verbatim block: a fenced code
 * block whose info string is `cue-html` (an HTML card's question and answer) or `cue-markdown` (Markdown
 * that would otherwise be read differently, e.g. an answer holding a `# heading` line or a code block
 * with a line that looks like a card heading, or an empty question or answer). The fence is longer than any run of backticks in the text, so the block always closes where
 * it should; reading unwraps it and restores the card's format. Line endings are written as "\n".
 */
import { createHash } from 'node:crypto';
import { type DeckCard, type DeckFile, DeckSyntaxError, parseDeck, writeDeck } from '../deck-format';
import type { ExportDeck } from './export-data';
import { type BundleCard, type ContentFormat, type ImportBundle, ImportError } from './import-bundle';

/** What Cue's deck format accepts as a deck, section or card id. */
export const STABLE_ID = /^[a-z0-9][a-z0-9-]*$/;

/** Lowercase letters, digits and single dashes: "Deck::Sub Part" -> "deck-sub-part". */
export function slugify(text: string, maxLength = 48): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, maxLength)
    .replace(/^-+|-+$/g, '');
}

export function shortHash(text: string, length = 12): string {
  return createHash('sha1').update(text, 'utf8').digest('hex').slice(0, length);
}

/**
 * A valid stable id for `raw`: itself when it already is one, else its slug plus a hash of the original
 * (so "Ab" and "ab" stay apart), or `fallback` plus the hash when nothing sluggable is left.
 */
export function toStableId(raw: string, fallback = 'id'): string {
  if (STABLE_ID.test(raw)) return raw;
  const slug = slugify(raw, 40);
  return `${slug || fallback}-${shortHash(raw, 8)}`;
}

/** A key for a name: its slug, or `fallback` plus a hash when the name has nothing sluggable (e.g. "日本語"). */
export function keyFromName(name: string, fallback: string): string {
  return slugify(name) || `${fallback}-${shortHash(name, 8)}`;
}

/** Hands out ids unique within one scope, adding "-2", "-3"... on a clash. */
export class IdScope {
  private readonly used = new Set<string>();

  take(wanted: string): string {
    let id = wanted;
    for (let n = 2; this.used.has(id); n++) id = `${wanted}-${n}`;
    this.used.add(id);
    return id;
  }

  has(id: string): boolean {
    return this.used.has(id);
  }
}

// ---------------------------------------------------------------------------------------------------
// Verbatim blocks

type BlockKind = 'html' | 'markdown';

const BLOCK_OPEN = /^(`{3,})cue-(html|markdown)[ \t]*$/;

function normalizeNewlines(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}

/** Wraps text in a fenced block with the info string `cue-<kind>`. */
export function wrapVerbatim(text: string, kind: BlockKind): string {
  const longestRun = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(Math.max(3, longestRun + 1));
  return [`${fence}cue-${kind}`, ...(text === '' ? [] : text.split('\n')), fence].join('\n');
}

/** The content of a text that is exactly one verbatim block, or null for ordinary text. */
export function unwrapVerbatim(text: string): { kind: BlockKind; text: string } | null {
  const lines = text.split('\n');
  const open = BLOCK_OPEN.exec(lines[0] ?? '');
  if (!open || lines.length < 2) return null;
  const fence = open[1];
  if (lines.at(-1)?.trimEnd() !== fence) return null;
  const inner = lines.slice(1, -1);
  if (inner.some((line) => line.trim().startsWith(fence))) return null;
  return { kind: open[2] as BlockKind, text: inner.join('\n') };
}

/** A field as read from the file: unwrapped when it is a verbatim block. */
function readField(raw: string): { kind: BlockKind | null; text: string } {
  const block = unwrapVerbatim(raw);
  return block ?? { kind: null, text: raw };
}

type Place = 'deck' | 'section' | 'question' | 'answer';

/** True when `text` written plainly at `place` reads back as exactly itself (and not as a block). */
function survivesPlain(text: string, place: Place): boolean {
  // every card needs an answer, so the probe card has one unless the answer is what is probed
  const card: DeckCard = { key: 'c', question: 'q', answer: 'a', tags: [], line: 0 };
  const deck: Omit<DeckFile, 'formatVersion'> = {
    key: 'd',
    name: 'd',
    version: 1,
    description: '',
    sections: [{ key: 's', name: 's', description: '', cards: [card], line: 0 }],
  };
  if (place === 'deck') deck.description = text;
  if (place === 'section') deck.sections[0].description = text;
  if (place === 'question') card.question = text;
  if (place === 'answer') card.answer = text;
  try {
    const parsed = parseDeck(writeDeck(deck));
    const section = parsed.sections[0];
    const raw = {
      deck: parsed.description,
      section: section?.description,
      question: section?.cards[0]?.question,
      answer: section?.cards[0]?.answer,
    }[place];
    return raw === text && unwrapVerbatim(raw) === null;
  } catch {
    return false;
  }
}

function encodeMarkdown(text: string, place: Place): string {
  const normalized = normalizeNewlines(text);
  return survivesPlain(normalized, place) ? normalized : wrapVerbatim(normalized, 'markdown');
}

function encodeCard(card: { question: string; answer: string; format: ContentFormat }, forceWrap = false) {
  if (card.format === 'html') {
    // an empty answer too: the format reads a card with nothing below it as a mistake
    return {
      question: wrapVerbatim(normalizeNewlines(card.question), 'html'),
      answer: wrapVerbatim(normalizeNewlines(card.answer), 'html'),
    };
  }
  if (forceWrap) {
    return {
      question: wrapVerbatim(normalizeNewlines(card.question), 'markdown'),
      answer: wrapVerbatim(normalizeNewlines(card.answer), 'markdown'),
    };
  }
  return { question: encodeMarkdown(card.question, 'question'), answer: encodeMarkdown(card.answer, 'answer') };
}

function decodeCard(question: string, answer: string): { question: string; answer: string; format: ContentFormat } {
  const q = readField(question);
  const a = readField(answer);
  const format: ContentFormat = q.kind === 'html' || a.kind === 'html' ? 'html' : 'markdown';
  return { question: q.text, answer: a.text, format };
}

// ---------------------------------------------------------------------------------------------------
// Reading

/** Reads a Cue deck file. Cards are Markdown unless stored in `cue-html` blocks; keys are the file's ids. */
export function readCueDeck(text: string, fileName: string): ImportBundle {
  let deck: DeckFile;
  try {
    deck = parseDeck(text, fileName);
  } catch (error) {
    if (error instanceof DeckSyntaxError) {
      throw new ImportError({ file: error.file, where: `line ${error.line}` }, error.reason);
    }
    throw error;
  }
  return {
    source: { file: fileName, format: 'cue' },
    decks: [
      {
        key: deck.key,
        name: deck.name,
        description: readField(deck.description).text,
        sections: deck.sections.map((section) => ({
          key: section.key,
          name: section.name,
          description: readField(section.description).text,
          cards: section.cards.map(
            (card): BundleCard => ({
              key: card.key,
              ...decodeCard(card.question, card.answer),
              tags: [...card.tags],
            }),
          ),
        })),
      },
    ],
    media: [],
    skipped: [],
  };
}

// ---------------------------------------------------------------------------------------------------
// Writing

/**
 * Writes a deck as a Cue deck file; readCueDeck gives back the same content, format, tags, names,
 * descriptions and ids. Ids that Cue's format can't hold are turned into valid ones (slug + hash), and
 * names are written on one line. Media isn't part of the file.
 */
export function writeCueDeck(deck: ExportDeck): string {
  const sectionIds = new IdScope();
  const cardIds = new IdScope();
  const sections = deck.sections.map((section) => ({
    key: sectionIds.take(toStableId(section.key, 'section')),
    name: section.name.trim() ? section.name : section.key,
    description: encodeMarkdown(section.description, 'section'),
    line: 0,
    cards: section.cards.map((card) => {
      for (const tag of card.tags) {
        if (/[\s}]/.test(tag)) {
          throw new Error(`Card "${card.key}" has the tag "${tag}": tags in a Cue deck can't hold spaces or "}".`);
        }
      }
      return {
        key: cardIds.take(toStableId(card.key, 'card')),
        ...encodeCard(card),
        tags: card.tags.filter(Boolean),
        line: 0,
        source: card,
      };
    }),
  }));
  const file = {
    key: toStableId(deck.key, 'deck'),
    name: deck.name,
    version: Number.isInteger(deck.version) && deck.version >= 0 ? deck.version : 1,
    description: encodeMarkdown(deck.description, 'deck'),
    sections,
  };
  let text = writeDeck(file);

  // The checks above look at each field on its own; verify the whole file and wrap whatever a
  // neighbour changed (in practice nothing), so the export is always lossless.
  const parsed = parseDeck(text, 'export');
  let rewrite = false;
  parsed.sections.forEach((section, i) => {
    section.cards.forEach((card, j) => {
      const written = sections[i].cards[j];
      const back = decodeCard(card.question, card.answer);
      const want = written.source;
      if (
        back.question !== normalizeNewlines(want.question) ||
        back.answer !== normalizeNewlines(want.answer) ||
        back.format !== want.format
      ) {
        Object.assign(written, encodeCard(want, true));
        rewrite = true;
      }
    });
  });
  if (rewrite) text = writeDeck(file);
  return text;
}
