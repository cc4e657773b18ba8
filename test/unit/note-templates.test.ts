/**
 * Card templates rendered as Anki renders them (rslib/src/template.rs, template_filters.rs, cloze.rs),
 * side by side with what Cue's screens need instead: the answer without the question above it, a type
 * box the study screen draws, hints that open by keyboard, and a note for each thing done differently.
 */
import { describe, expect, it } from 'vitest';
import {
  type CardRenderInput,
  clozeNumbers,
  fieldReferences,
  parseTemplate,
  type RenderedCard,
  renderCard,
  revealCloze,
  TemplateSyntaxError,
  TYPE_ANSWER_RESULT,
  withSpecialFields,
} from '../../shared/note-templates';

function render(
  qfmt: string,
  afmt: string,
  fields: Record<string, string>,
  options: Partial<Omit<CardRenderInput, 'fields'>> = {},
): RenderedCard | null {
  return renderCard(parseTemplate(qfmt), parseTemplate(afmt), {
    fields: new Map(Object.entries(fields)),
    cardOrd: options.cardOrd ?? 0,
    isCloze: options.isCloze ?? false,
    format: options.format,
  });
}

/** A card that must render; fails the test with the template when it is blank. */
function card(...args: Parameters<typeof render>): RenderedCard {
  const rendered = render(...args);
  if (!rendered) throw new Error(`${args[0]} rendered blank`);
  return rendered;
}

const BASIC = { Front: 'What is <b>2 + 2</b>?', Back: '4', Extra: '' };

describe('fields and sections', () => {
  it('replaces fields as they are, HTML included, and trims each side', () => {
    expect(card(' {{Front}} ', '{{Back}}', BASIC)).toEqual({
      question: 'What is <b>2 + 2</b>?',
      answer: '4',
      notes: [],
    });
  });

  it('shows {{#F}} sections when F has content, {{^F}} when it is empty, nested as deep as written', () => {
    const qfmt =
      '{{#Front}}[{{^Extra}}no extra{{#Back}}, back {{Back}}{{^Front}}never{{/Front}}{{/Back}}{{/Extra}}]{{/Front}}';
    expect(card(qfmt, '', BASIC).question).toBe('[no extra, back 4]');
    expect(card(`${qfmt}{{Front}}`, '', { ...BASIC, Extra: 'x' }).question).toBe(`[]${BASIC.Front}`);
    // with Extra filled the sections hide every field, so the front is blank, as Anki has it
    expect(render(qfmt, '', { ...BASIC, Extra: 'x' })).toBeNull();
    // only whitespace and empty <br>/<div> count as empty
    expect(card('{{Front}}{{#Extra}}shown{{/Extra}}', '', { ...BASIC, Extra: ' <br> <div></div>' }).question).toBe(
      BASIC.Front,
    );
    expect(card('{{Front}}{{#Extra}}shown{{/Extra}}', '', { ...BASIC, Extra: '<div>x</div>' }).question).toBe(
      `${BASIC.Front}shown`,
    );
  });

  it('is blank (null) when the front has no content, as Anki says "the front of this card is blank"', () => {
    expect(render('{{Extra}}', '{{Back}}', BASIC)).toBeNull();
    expect(render('{{#Extra}}{{Front}}{{/Extra}}', '{{Back}}', BASIC)).toBeNull();
  });

  it('refuses sections that do not close or close the wrong one, naming the tag', () => {
    expect(() => parseTemplate('{{#Front}}x')).toThrow(new TemplateSyntaxError('{{#Front}} is never closed'));
    expect(() => parseTemplate('{{#A}}x{{/B}}')).toThrow('{{/B}} found where {{/A}} was expected');
    expect(() => parseTemplate('x{{/A}}')).toThrow('{{/A}} closes a section that was never opened');
  });

  it('says what it left out for a field the note does not have, instead of failing as Anki does', () => {
    expect(card('{{Front}}{{Missing}}{{#Gone}}x{{/Gone}}', '', BASIC)).toEqual({
      question: BASIC.Front,
      answer: '',
      notes: [
        '{{Missing}}: the note has no field "Missing", so Cue shows nothing (Anki shows an error)',
        '{{#Gone}}: the note has no field "Gone", so Cue takes it as empty (Anki shows an error)',
      ],
    });
  });

  it('shows the special fields the caller fills in, never over a note field of that name', () => {
    const fields = withSpecialFields(new Map(Object.entries(BASIC)), {
      tags: ['maths', 'easy'],
      noteType: 'Basic',
      deck: 'School::Maths',
      cardName: 'Card 1',
      flag: 3,
      cardId: '42',
    });
    const qfmt = '{{Front}}|{{Tags}}|{{Type}}|{{Deck}}|{{Subdeck}}|{{Card}}|{{CardFlag}}|{{CardID}}';
    const rendered = renderCard(parseTemplate(qfmt), parseTemplate(''), { fields, cardOrd: 0, isCloze: false });
    expect(rendered?.question).toBe(`${BASIC.Front}|maths easy|Basic|School::Maths|Maths|Card 1|flag3|42`);
    const own = withSpecialFields(new Map([['Tags', 'my own field']]), {
      tags: ['t'],
      noteType: 'N',
      deck: 'D',
      cardName: 'C',
      flag: 0,
    });
    expect(own.get('Tags')).toBe('my own field');
    expect(own.get('CardFlag')).toBe('flag0');
    expect(own.has('CardID')).toBe(false);
  });

  it('drops comments and scripts, and reads the legacy <% %> syntax', () => {
    expect(card('{{Front}}<!-- {{Back}} --><script>alert(1)</script>', '', BASIC).question).toBe(BASIC.Front);
    expect(card('{{=<% %>=}}<%Front%> {{Back}}', '', BASIC).question).toBe(`${BASIC.Front} {{Back}}`);
  });
});

describe('{{FrontSide}}', () => {
  it('is empty on the question and the rendered question on the answer; Cue shows what follows the divider', () => {
    const rendered = card('{{FrontSide}}{{Front}}', '{{FrontSide}}\n\n<hr id=answer>\n\n{{Back}}', BASIC);
    expect(rendered).toEqual({ question: BASIC.Front, answer: '4', notes: [] });
    expect(card('{{Front}}', '<div>{{FrontSide}}</div><hr id="answer" class="x">{{Back}}', BASIC).answer).toBe('4');
  });

  it('without a divider, leaves out the question the answer starts with', () => {
    expect(card('{{Front}}', '{{FrontSide}}<br>{{Back}}', BASIC).answer).toBe('<br>4');
    expect(card('{{Front}}', '  {{FrontSide}}\n{{Back}}', BASIC).answer).toBe('4');
  });

  it('without a divider and further in, leaves the question out and says so', () => {
    expect(card('{{Front}}', '<div class="card">{{Back}} {{FrontSide}}</div>', BASIC)).toEqual({
      question: BASIC.Front,
      answer: '<div class="card">4 </div>',
      notes: ['{{FrontSide}} is left out of the answer: Cue shows the question above it'],
    });
  });

  it('leaves an answer without FrontSide as it is, even one that starts like the question', () => {
    expect(card('{{Front}}', '{{Back}} and more', BASIC).answer).toBe('4 and more');
    expect(card('{{Back}}', '{{Back}} again', BASIC).answer).toBe('4 again');
  });
});

describe('filters', () => {
  it('{{text:}} strips the HTML', () => {
    expect(card('{{text:Front}}', '', BASIC).question).toBe('What is 2 + 2?');
  });

  it('{{hint:}} is a <details> that opens by keyboard, named after the field, and nothing for an empty field', () => {
    expect(card('{{Front}}{{hint:Back}}', '', BASIC).question).toBe(
      `${BASIC.Front}<details class="hint"><summary>Back</summary>4</details>`,
    );
    expect(card('{{Front}}{{hint:Extra}}', '', BASIC).question).toBe(BASIC.Front);
    expect(card('{{hint:A&B}}', '', { 'A&B': 'x' }).question).toBe(
      '<details class="hint"><summary>A&#38;B</summary>x</details>',
    );
  });

  it('applies filters right to left', () => {
    expect(card('{{hint:text:Front}}', '', BASIC).question).toBe(
      '<details class="hint"><summary>Front</summary>What is 2 + 2?</details>',
    );
  });

  it('leaves the text as it is for an unknown filter, and says so once', () => {
    expect(card('{{foo:Back}}', '{{foo:Back}}', BASIC)).toEqual({
      question: '4',
      answer: '4',
      notes: ['unknown filter "foo" on {{foo:Back}} left the text as it is'],
    });
  });

  it('renders furigana, kana and kanji', () => {
    expect(card('{{furigana:R}}|{{kana:R}}|{{kanji:R}}', '', { R: '日本[にほん]' }).question).toBe(
      '<ruby><rb>日本</rb><rt>にほん</rt></ruby>|にほん|日本',
    );
  });

  it('shows nothing for text to speech, which Cue does not do, and says so', () => {
    expect(card('{{Front}}{{tts en_US:Back}}', '', BASIC)).toEqual({
      question: BASIC.Front,
      answer: '',
      notes: ['{{tts en_US:Back}}: Cue does not read text aloud, so it shows nothing there'],
    });
  });
});

describe('clozes', () => {
  const TEXT = 'The {{c1::capital::city}} of {{c2::France}} is {{c1::Paris}}.';

  it('hides the active cloze on the question ([...] or [hint]) and reveals it on the answer, as Anki marks them', () => {
    const first = card('{{cloze:Text}}', '{{cloze:Text}}', { Text: TEXT }, { isCloze: true });
    expect(first).toEqual({
      question:
        'The <span class="cloze" data-cloze="capital" data-ordinal="1">[city]</span> of ' +
        '<span class="cloze-inactive" data-ordinal="2">France</span> is ' +
        '<span class="cloze" data-cloze="Paris" data-ordinal="1">[...]</span>.',
      answer:
        'The <span class="cloze" data-ordinal="1">capital</span> of ' +
        '<span class="cloze-inactive" data-ordinal="2">France</span> is <span class="cloze" data-ordinal="1">Paris</span>.',
      notes: [],
    });
    const second = card('{{cloze:Text}}', '{{cloze:Text}}', { Text: TEXT }, { cardOrd: 1, isCloze: true });
    expect(second.question).toBe(
      'The <span class="cloze-inactive" data-ordinal="1">capital</span> of ' +
        '<span class="cloze" data-cloze="France" data-ordinal="2">[...]</span> is ' +
        '<span class="cloze-inactive" data-ordinal="1">Paris</span>.',
    );
  });

  it('is blank for a cloze number the note does not hold, and {{#c2}} tells the cards apart', () => {
    expect(render('{{cloze:Text}}', '', { Text: TEXT }, { cardOrd: 2, isCloze: true })).toBeNull();
    const qfmt = '{{cloze:Text}}{{#c2}} (country){{/c2}}{{^c2}} (city){{/c2}}';
    expect(card(qfmt, '', { Text: '{{c2::x}}' }, { cardOrd: 1, isCloze: true }).question).toMatch(/\(country\)$/);
    expect(card(qfmt, '', { Text: '{{c1::x}}' }, { isCloze: true }).question).toMatch(/\(city\)$/);
  });

  it('nests clozes: the outer one hides the inner, whose own card shows the outer text', () => {
    const text = '{{c1::Canberra {{c2::Australia}}}}';
    expect(revealCloze(text, 1, true)).toBe(
      '<span class="cloze" data-cloze="Canberra&#x20;&lt;span&#x20;class&#x3D;&quot;cloze&#x2D;inactive&quot;' +
        '&#x20;data&#x2D;ordinal&#x3D;&quot;2&quot;&gt;Australia&lt;&#x2F;span&gt;" data-ordinal="1">[...]</span>',
    );
    expect(revealCloze(text, 1, false)).toBe(
      '<span class="cloze" data-ordinal="1">Canberra <span class="cloze-inactive" data-ordinal="2">Australia</span></span>',
    );
    expect(revealCloze(text, 2, true)).toBe(
      '<span class="cloze-inactive" data-ordinal="1">Canberra <span class="cloze" data-cloze="Australia" ' +
        'data-ordinal="2">[...]</span></span>',
    );
    expect(clozeNumbers(text)).toEqual(new Set([1, 2]));
  });

  it('reads one deletion for several cards ({{c1,3::…}}), and a hint after a nested cloze', () => {
    const text = '{{c3,1::both}} {{c2::a {{c4::b}}::outer hint}}';
    expect(clozeNumbers(text)).toEqual(new Set([1, 2, 3, 4]));
    expect(revealCloze(text, 3, true)).toMatch(/^<span class="cloze" data-cloze="both" data-ordinal="1,3">\[\.\.\.\]/);
    expect(revealCloze(text, 2, true)).toMatch(
      /<span class="cloze" data-cloze="[^"]*" data-ordinal="2">\[outer hint\]<\/span>$/,
    );
  });

  it('shows an unclosed cloze as its text (Anki drops it) and says so', () => {
    expect(card('{{cloze:Text}}', '', { Text: '{{c1::a}} {{c1::b' }, { isCloze: true })).toEqual({
      question: '<span class="cloze" data-cloze="a" data-ordinal="1">[...]</span> {{c1::b',
      answer: '',
      notes: ['a cloze is opened and never closed ("{{c…::" without "}}"); Cue shows its text, Anki drops it'],
    });
  });

  it('takes the markup out of MathJax around a cloze, as Anki does, so the formula still parses', () => {
    expect(card('{{cloze:Text}}', '', { Text: '\\(x = {{c1::2}}\\)' }, { isCloze: true }).question).toBe(
      '\\(x = [...]\\)',
    );
  });
});

describe('{{type:…}}', () => {
  it('renders nothing on the question, the result placeholder on the answer, and names the expected text', () => {
    const rendered = card('{{Front}} {{type:Back}}', '{{FrontSide}}<hr id=answer>{{Back}} {{type:Back}}', {
      ...BASIC,
      Back: '<b>Paris</b>&nbsp;city<br>[sound:paris.mp3]',
    });
    expect(rendered).toEqual({
      question: BASIC.Front,
      answer: `<b>Paris</b>&nbsp;city<br>[sound:paris.mp3] ${TYPE_ANSWER_RESULT}`,
      typeAnswer: { field: 'Back', expected: 'Paris city' },
      notes: [],
    });
  });

  it('expects the active cloze text, comma-joined, once when every deletion says the same', () => {
    const qfmt = '{{cloze:Text}}{{type:cloze:Text}}';
    const afmt = '{{cloze:Text}}{{type:cloze:Text}}';
    const fields = { Text: '{{c1::Paris}} and {{c1::Lyon}}, not {{c2::Nice}}' };
    expect(card(qfmt, afmt, fields, { isCloze: true }).typeAnswer).toEqual({ field: 'Text', expected: 'Paris, Lyon' });
    expect(card(qfmt, afmt, fields, { isCloze: true }).answer).toMatch(/Nice<\/span><span class="type-answer-result">/);
    const same = { Text: '{{c1::foo}} {{c1::foo}}' };
    expect(card(qfmt, afmt, same, { isCloze: true }).typeAnswer?.expected).toBe('foo');
  });

  it('asks for nothing when the field is empty or missing, and says which field is missing', () => {
    const empty = card('{{Front}}{{type:Extra}}', '{{type:Extra}}', BASIC);
    expect(empty.typeAnswer).toBeUndefined();
    expect(empty.answer).toBe('');
    const missing = card('{{Front}}{{type:Answer}}', '{{type:Answer}}', BASIC);
    expect(missing.typeAnswer).toBeUndefined();
    expect(missing.notes).toEqual(['{{type:Answer}}: the note has no field "Answer", so there is no box to type in']);
  });

  it('uses the first box when the question has two, as Anki, and says so', () => {
    const rendered = card('{{type:Front}}{{type:Back}}', '{{type:Back}}', BASIC);
    expect(rendered.typeAnswer).toEqual({ field: 'Front', expected: 'What is 2 + 2?' });
    expect(rendered.notes).toEqual(['the question holds 2 {{type:…}} boxes; Anki and Cue use the first']);
  });
});

describe('Markdown fields', () => {
  const MD = { Front: 'What is **2 + 2**?', Back: '`4`, or $2^2$', Text: 'The {{c1::**capital**}} is $x$' };

  it('inserts the Markdown as written, text: included, for the Markdown renderer to render the side', () => {
    expect(card('{{Front}}|{{text:Front}}', '{{Back}}', MD, { format: 'markdown' })).toEqual({
      question: 'What is **2 + 2**?|What is **2 + 2**?',
      answer: '`4`, or $2^2$',
      notes: [],
    });
  });

  it('still makes clozes <span class="cloze">, their Markdown inside left as it is', () => {
    const rendered = card('{{cloze:Text}}', '{{cloze:Text}}', MD, { isCloze: true, format: 'markdown' });
    expect(rendered.question).toBe(
      'The <span class="cloze" data-cloze="&#x2A;&#x2A;capital&#x2A;&#x2A;" data-ordinal="1">[...]</span> is $x$',
    );
    expect(rendered.answer).toBe('The <span class="cloze" data-ordinal="1">**capital**</span> is $x$');
  });

  it('expects the text without its Markdown in a type box, and shows a hint as it is, saying so', () => {
    expect(card('{{type:Front}}', '', MD, { format: 'markdown' }).typeAnswer).toEqual({
      field: 'Front',
      expected: 'What is 2 + 2?',
    });
    expect(card('{{Front}}{{hint:Back}}', '', MD, { format: 'markdown' })).toEqual({
      question: 'What is **2 + 2**?`4`, or $2^2$',
      answer: '',
      notes: ['{{hint:Back}}: a Markdown card shows the hint as it is, not behind a "Back" link'],
    });
  });
});

describe('fieldReferences', () => {
  it('lists the note fields a template uses, once each, in order, without special fields or card conditions', () => {
    const template = parseTemplate(
      '{{#Extra}}{{Front}}{{/Extra}}{{FrontSide}}{{Tags}}{{cloze:Text}}{{#c1}}{{hint:Front}}{{/c1}}' +
        '{{tts en_US:}}<!-- {{Hidden}} -->{{^Back}}{{type:Back}}{{/Back}}',
    );
    expect(fieldReferences(template)).toEqual(['Extra', 'Front', 'Text', 'Back']);
    expect(fieldReferences(parseTemplate('no fields'))).toEqual([]);
  });
});
