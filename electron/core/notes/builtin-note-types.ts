/**
 * The note types every collection has. Cue's own cards are Markdown notes of these types; their
 * templates are Anki's stock ones (rslib/src/notetype/stock.rs), so a Cue note exported to Anki is a
 * note of the type an Anki user knows. "Basic (HTML)" holds cards imported before notes existed:
 * their question and answer were already rendered HTML.
 */
import type { NoteTypeDefinition } from '../../../shared/notes';

const BASIC_ANSWER = '{{FrontSide}}\n\n<hr id=answer>\n\n{{Back}}';
const REVERSE_ANSWER = '{{FrontSide}}\n\n<hr id=answer>\n\n{{Front}}';

export const BUILTIN_NOTE_TYPES: readonly NoteTypeDefinition[] = [
  {
    key: 'basic',
    name: 'Basic',
    kind: 'normal',
    format: 'markdown',
    fields: ['Front', 'Back'],
    templates: [{ name: 'Card 1', question: '{{Front}}', answer: BASIC_ANSWER }],
    css: '',
  },
  {
    key: 'basic-reversed',
    name: 'Basic (and reversed card)',
    kind: 'normal',
    format: 'markdown',
    fields: ['Front', 'Back'],
    templates: [
      { name: 'Card 1', question: '{{Front}}', answer: BASIC_ANSWER },
      { name: 'Card 2', question: '{{Back}}', answer: REVERSE_ANSWER },
    ],
    css: '',
  },
  {
    key: 'basic-optional-reversed',
    name: 'Basic (optional reversed card)',
    kind: 'normal',
    format: 'markdown',
    fields: ['Front', 'Back', 'Add Reverse'],
    templates: [
      { name: 'Card 1', question: '{{Front}}', answer: BASIC_ANSWER },
      { name: 'Card 2', question: '{{#Add Reverse}}{{Back}}{{/Add Reverse}}', answer: REVERSE_ANSWER },
    ],
    css: '',
  },
  {
    key: 'cloze',
    name: 'Cloze',
    kind: 'cloze',
    format: 'markdown',
    fields: ['Text', 'Back Extra'],
    templates: [{ name: 'Cloze', question: '{{cloze:Text}}', answer: '{{cloze:Text}}\n\n{{Back Extra}}' }],
    css: '',
  },
  {
    key: 'basic-typed',
    name: 'Basic (type in the answer)',
    kind: 'normal',
    format: 'markdown',
    fields: ['Front', 'Back'],
    templates: [
      {
        name: 'Card 1',
        question: '{{Front}}\n\n{{type:Back}}',
        answer: '{{Front}}\n\n<hr id=answer>\n\n{{type:Back}}',
      },
    ],
    css: '',
  },
  {
    key: 'basic-html',
    name: 'Basic (HTML)',
    kind: 'normal',
    format: 'html',
    fields: ['Front', 'Back'],
    templates: [{ name: 'Card 1', question: '{{Front}}', answer: BASIC_ANSWER }],
    css: '',
  },
];

/** Keys of the note types cards made outside a note (an older import, a deck file) belong to. */
export const BASIC_KEY = { markdown: 'basic', html: 'basic-html' } as const;
