/**
 * Cue note types as Anki note types (models): the same fields, templates and CSS, under an id that stays
 * the same on every export, so Anki matches the type of an earlier import instead of adding a copy.
 */
import { createHash } from 'node:crypto';
import type { ExportNoteType } from '../export-data';
import { ankiFieldNames } from './cue-markdown-fields';
import { MODEL_CLOZE, MODEL_NORMAL, modelJson, STOCK_KIND_IMAGE_OCCLUSION } from './schema11';

/** A positive id from a key, never Anki's Default deck (1). */
export function stableId(key: string): number {
  const n = createHash('sha1').update(key, 'utf8').digest().readUIntBE(0, 6);
  return 2 + (n % (2 ** 48 - 2));
}

/** The Anki id of a note type: the one it was imported under, else one made from its key. */
export function ankiModelId(type: Pick<ExportNoteType, 'key' | 'ankiId'>): number {
  const imported = type.ankiId === null ? Number.NaN : Number(type.ankiId);
  return Number.isSafeInteger(imported) && imported > 0 ? imported : derivedModelId(type.key);
}

/** The id Cue gives a type of its own (or one whose Anki id is taken by another type in the package). */
export function derivedModelId(key: string): number {
  return stableId(`cue-notetype:${key}`);
}

/**
 * The fields a question template names, by index: what Anki's `req` lists (Anki works it out again
 * on import; this keeps the JSON truthful for older clients).
 */
function fieldsOnQuestion(question: string, fields: string[]): number[] {
  const used = new Set<number>();
  for (const match of question.matchAll(/\{\{([^}]+)\}\}/g)) {
    const name =
      match[1]
        .trim()
        .replace(/^[#^/]/, '')
        .split(':')
        .pop()
        ?.trim() ?? '';
    const at = fields.indexOf(name);
    if (at >= 0) used.add(at);
  }
  return [...used].sort((a, b) => a - b);
}

/** Built-in types are never changed (updated_at 0): a fixed moment, so every export writes the same JSON. */
const BUILTIN_MTIME = 1_795_651_200;

/** The model of a type, modified when the type last changed (never after `nowSecs`). */
export function noteTypeModelJson(
  type: ExportNoteType,
  options: { id: number; deckId: number; nowSecs: number },
): Record<string, unknown> {
  const mtime = type.updatedAt > 0 ? Math.min(options.nowSecs, Math.floor(type.updatedAt / 1000)) : BUILTIN_MTIME;
  return modelJson({
    id: options.id,
    name: type.name,
    type: type.kind === 'normal' ? MODEL_NORMAL : MODEL_CLOZE,
    mtime,
    deckId: options.deckId,
    css: type.css,
    fields: ankiFieldNames(type.format, type.fields),
    templates: type.templates.map((t) => ({ name: t.name, qfmt: t.question, afmt: t.answer })),
    req: type.templates.map((t, ord) => {
      const used = fieldsOnQuestion(t.question, type.fields);
      return [ord, used.length ? 'any' : 'none', used];
    }),
    extra: {
      ...(type.kind === 'image_occlusion' ? { originalStockKind: STOCK_KIND_IMAGE_OCCLUSION } : {}),
      cueKey: type.key,
      cueFormat: type.format,
    },
  });
}
