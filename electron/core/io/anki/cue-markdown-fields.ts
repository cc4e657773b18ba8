/**
 * How a Markdown note's fields travel through an Anki package. Anki shows HTML, so each field goes out
 * rendered (cardFieldHtml); its Markdown goes along in a field of its own that no template shows:
 *
 *   model fields:  F1 … Fn, "F1 (Cue Markdown)" … "Fn (Cue Markdown)"
 *   note values:   html(v1) … html(vn), v1 … vn
 *
 * The model also carries `cueKey` (the Cue type's key) and `cueFormat: "markdown"`, but Anki may drop keys
 * it does not know, so the field names alone decide. Reading such a note back, a field whose HTML is still
 * what Cue renders from its source (followed, on the last field, by nothing but the sound tags of recorded
 * answers) comes back as that Markdown; one edited in Anki comes back as Anki's HTML.
 */
import { cardFieldHtml, normalizeField } from './anki-html';
import { MARKDOWN_SOURCE_SUFFIX, markdownSourceField } from './schema11';

/** The Anki field names of a Cue note type's model. */
export function ankiFieldNames(format: 'markdown' | 'html', fields: string[]): string[] {
  return format === 'markdown' ? [...fields, ...fields.map(markdownSourceField)] : [...fields];
}

/**
 * A note's values as the Anki note holds them; `afterLast` (recorded answers' sound tags) follows the
 * last rendered field, so Anki plays them on the back.
 */
export function ankiFieldValues(format: 'markdown' | 'html', values: string[], afterLast = ''): string[] {
  const shown = values.map((value) => cardFieldHtml(value, format));
  if (shown.length) shown[shown.length - 1] += afterLast;
  return format === 'markdown' ? [...shown, ...values.map(normalizeField)] : shown;
}

/** n when the names are F1 … Fn followed by their source fields, else 0: the model is not a Cue Markdown one. */
export function markdownSourceCount(fieldNames: readonly string[]): number {
  const n = fieldNames.length / 2;
  if (n < 1 || !Number.isInteger(n)) return 0;
  for (let i = 0; i < n; i++) {
    if (fieldNames[i].endsWith(MARKDOWN_SOURCE_SUFFIX) || fieldNames[n + i] !== markdownSourceField(fieldNames[i])) {
      return 0;
    }
  }
  return n;
}

export interface CueFieldsOfAnkiNote {
  /** The Cue note type's field names (the model's without the source fields). */
  names: string[];
  /** Each field's value: its Markdown source, or Anki's HTML where it was edited in Anki. */
  values: string[];
  /** Indexes of the fields edited in Anki, whose value is HTML. */
  editedInAnki: number[];
}

const TRAILING_SOUNDS = /(?:<br>\[sound:[^\]]+\])+$/;

/** A note of a Cue Markdown model back as Cue's fields; null when the model is not one. */
export function cueFieldsOfAnkiNote(
  fieldNames: readonly string[],
  values: readonly string[],
): CueFieldsOfAnkiNote | null {
  const n = markdownSourceCount(fieldNames);
  if (n === 0) return null;
  const editedInAnki: number[] = [];
  const out = fieldNames.slice(0, n).map((_, i) => {
    const html = values[i] ?? '';
    const source = values[n + i] ?? '';
    const rendered = cardFieldHtml(source, 'markdown');
    const unchanged = html === rendered || (i === n - 1 && html.replace(TRAILING_SOUNDS, '') === rendered);
    if (unchanged) return source;
    editedInAnki.push(i);
    return html;
  });
  return { names: fieldNames.slice(0, n), values: out, editedInAnki };
}
