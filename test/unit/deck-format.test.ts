import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import hljs from 'highlight.js/lib/core';
import python from 'highlight.js/lib/languages/python';
import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { DeckSyntaxError, parseDeck, writeDeck } from '../../electron/core/deck-format';
import { BUNDLED_DECK_DIR, FIXTURES } from '../helpers/collections';

hljs.registerLanguage('python', python);

const deckPath = join(BUNDLED_DECK_DIR, 'lead-ml-engineer.md');
const deckText = readFileSync(deckPath, 'utf8');
const seedText = readFileSync(join(FIXTURES, 'seed', 'lead-ml-engineer.txt'), 'utf8');
const deck = parseDeck(deckText, deckPath);

const SECTION_NAMES = [
  'Core Concepts',
  'Data Structures and Algorithms',
  'System Design',
  'Coding and Debugging',
  'Behavioral Questions',
];

/** The seed's questions, "N. text" lines, in order. */
function seedQuestions(): string[] {
  return seedText
    .split('\n')
    .map((line) => /^\d+\. (.+)$/.exec(line.trim())?.[1])
    .filter((q): q is string => Boolean(q));
}

/** The non-blank lines inside the seed's ``` blocks, without surrounding whitespace. */
function seedCodeLines(): string[] {
  const lines: string[] = [];
  let inCode = false;
  for (const line of seedText.split('\n')) {
    if (line.trim().startsWith('```')) inCode = !inCode;
    else if (inCode && line.trim()) lines.push(line.trim());
  }
  return lines;
}

const allCards = deck.sections.flatMap((s) => s.cards);
const markdown = new MarkdownIt();
const fences = allCards.flatMap((card) =>
  markdown
    .parse(card.answer, {})
    .filter((token) => token.type === 'fence')
    .map((token) => ({ card, token })),
);

describe('the bundled deck', () => {
  it('has the seed title and the five sections of ten cards, in order', () => {
    expect(deck.name).toBe('Lead Machine Learning Engineer: Interview Questions and Answers');
    expect(deck.sections.map((s) => s.name)).toEqual(SECTION_NAMES);
    for (const section of deck.sections) expect(section.cards).toHaveLength(10);
  });

  it('gives every card a unique stable id', () => {
    const ids = allCards.map((c) => c.key);
    expect(new Set(ids).size).toBe(50);
    expect(ids.slice(0, 2)).toEqual(['core-01', 'core-02']);
  });

  it('holds every seed question verbatim, in the seed order', () => {
    const questions = seedQuestions();
    expect(questions).toHaveLength(50);
    expect(allCards.map((c) => c.question)).toEqual(questions);
  });

  it('keeps every line of the seed code', () => {
    const deckCode = fences.flatMap(({ token }) => token.content.split('\n').map((l) => l.trim()));
    const missing = seedCodeLines().filter((line) => !deckCode.includes(line));
    expect(missing).toEqual([]);
  });

  it('tags every code block as python, and highlight.js reads each one as python', () => {
    expect(fences.length).toBeGreaterThanOrEqual(40);
    for (const { card, token } of fences) {
      expect(token.info, card.key).toBe('python');
      const highlighted = hljs.highlight(token.content, { language: token.info });
      expect(highlighted.illegal, card.key).toBe(false);
      expect(highlighted.value, card.key).toContain('hljs-');
    }
  });

  it('repairs the extraction damage: joined code blocks, restored indentation, no trailing spaces', () => {
    expect(deckText).not.toMatch(/[ \t]+$/m);
    const card = (key: string) => allCards.find((c) => c.key === key)?.answer ?? '';
    expect(card('dsa-02').match(/```python/g)).toHaveLength(1);
    expect(card('system-design-09')).toContain(
      '    def update_config(self, key, value):\n        version = create_version()',
    );
    expect(card('coding-07')).toContain('class TempWeights:\n    def __init__(self, model, layer_name, new_weights):');
    expect(card('behavioral-07')).toContain('became a template for future cross-functional projects.');
    for (const fence of fences) expect(fence.token.content).not.toMatch(/^\n|\n\n$/);
  });

  it('keeps math as math and the STAR structure of behavioral answers', () => {
    expect(allCards.find((c) => c.key === 'dsa-01')?.question).toContain('$O(1)$');
    expect(allCards.find((c) => c.key === 'dsa-03')?.answer).toContain('$O(n \\log n)$');
    for (const card of deck.sections[4].cards) {
      const labels = ['**Situation:**', '**Task:**', '**Action:**', '**Result:**'].map((l) => card.answer.indexOf(l));
      expect(
        labels.every((at) => at >= 0),
        card.key,
      ).toBe(true);
      expect([...labels].sort((a, b) => a - b)).toEqual(labels);
    }
  });
});

describe('the deck format', () => {
  const header = '---\ncue-deck: 1\nid: t\nname: "Test: deck"\nversion: 3\n---\n';

  it('round-trips through writeDeck, including multi-line questions and tags', () => {
    const text = `${header}\n# One {#one}\n\n## {#q1 .alpha .beta}\n\n::: question\nLine one\n\n\`\`\`js\nx()\n\`\`\`\n:::\n\nAnswer\n\n## Short? {#q2}\n\nYes.\n\n# in an answer? no: a section\n`;
    expect(() => parseDeck(text, 't.md')).toThrow(DeckSyntaxError);
    const valid = parseDeck(text.replace('# in an answer? no: a section\n', ''), 't.md');
    expect(valid.sections[0].cards[0]).toMatchObject({
      key: 'q1',
      question: 'Line one\n\n```js\nx()\n```',
      answer: 'Answer',
      tags: ['alpha', 'beta'],
    });
    const again = parseDeck(writeDeck(valid), 'again.md');
    expect(again.sections).toEqual(
      valid.sections.map((s) => ({
        ...s,
        line: expect.any(Number),
        cards: s.cards.map((c) => ({ ...c, line: expect.any(Number) })),
      })),
    );
    expect(again).toMatchObject({ key: 't', name: 'Test: deck', version: 3 });
    expect(
      parseDeck(writeDeck(deck), 'bundled.md').sections.flatMap((s) =>
        s.cards.map((c) => [c.key, c.question, c.answer]),
      ),
    ).toEqual(allCards.map((c) => [c.key, c.question, c.answer]));
  });

  it('treats # lines inside code blocks as code', () => {
    const parsed = parseDeck(`${header}# S {#s}\n## Q {#q}\n\n\`\`\`python\n# a comment\n## another\n\`\`\`\n`, 'c.md');
    expect(parsed.sections[0].cards[0].answer).toBe('```python\n# a comment\n## another\n```');
  });

  it('keeps heading-like lines that cannot be a heading, or sit in a verbatim block, as text', () => {
    const text = [
      header,
      '# S {#s}',
      '## Q {#q}',
      '```markdown',
      '## Not an id {#Not_An_Id}',
      ' ## indented {#x}',
      '```',
      '## Verbatim {#v}',
      '',
      '````cue-markdown',
      '```python',
      '## Q2 {#q2}',
      '# S2 {#s2}',
      '````',
      '',
      '## {#e}',
      '::: question',
      '```cue-markdown',
      '## Inside {#inside}',
      '```',
      ':::',
      '',
      '```cue-markdown',
      '```',
    ].join('\n');
    const cards = parseDeck(text, 'ok.md').sections[0].cards;
    expect(cards.map((c) => [c.key, c.question, c.answer])).toEqual([
      ['q', 'Q', '```markdown\n## Not an id {#Not_An_Id}\n ## indented {#x}\n```'],
      ['v', 'Verbatim', '````cue-markdown\n```python\n## Q2 {#q2}\n# S2 {#s2}\n````'],
      ['e', '```cue-markdown\n## Inside {#inside}\n```', '```cue-markdown\n```'],
    ]);
  });

  it('reads a line of inline code in triple backticks as text, not as a fence (as CommonMark does)', () => {
    const parsed = parseDeck(`${header}# S {#s}\n## I {#i}\n\`\`\`inline\`\`\` code\n## J {#j}\nJ\n`, 'i.md');
    expect(parsed.sections[0].cards.map((c) => [c.key, c.answer])).toEqual([
      ['i', '```inline``` code'],
      ['j', 'J'],
    ]);
  });

  const broken: [string, string, number, RegExp][] = [
    ['a card without an id', `${header}# S {#s}\n## Question\n`, 8, /stable id/],
    [
      'a duplicated card id, with the line of its first use',
      `${header}# S {#s}\n## A {#a}\nOne\n## B {#a}\nTwo\n`,
      10,
      /card id "a" is used twice: here and at line 8/,
    ],
    [
      'a duplicated section id, with the line of its first use',
      `${header}# S {#s}\n## A {#a}\nOne\n# T {#s}\n`,
      10,
      /section id "s" is used twice: here and at line 7/,
    ],
    [
      'a code block never closed, at the line that opened it',
      `${header}# S {#s}\n## A {#a}\n\`\`\`python\nx\n`,
      9,
      /opened here with ``` is never closed/,
    ],
    [
      'a code block closed only in a later card, at the heading it swallows',
      `${header}# S {#s}\n## A {#a}\n\`\`\`python\nx = 1\n\n## B {#b}\n\nB's answer\n\`\`\`\n`,
      12,
      /looks like a card heading but is inside the code block opened at line 9; close that block first/,
    ],
    [
      'a section heading swallowed by a ~~~ block',
      `${header}# S {#s}\n## A {#a}\n~~~\n\`\`\`\n# T {#t}\n~~~\n`,
      11,
      /looks like a section heading but is inside the code block opened at line 9/,
    ],
    [
      'a question block left open over the next card',
      `${header}# S {#s}\n## {#a}\n::: question\nWhy?\n\n## B {#b}\n:::\nAnswer\n`,
      12,
      /card heading but is inside the question block opened at line 9; close that block with ":::" first/,
    ],
    [
      'a code block left open in a question block',
      `${header}# S {#s}\n## {#a}\n::: question\n\`\`\`js\nf()\n## B {#b}\n\`\`\`\n:::\nAnswer\n`,
      12,
      /inside the code block opened at line 10/,
    ],
    ['a card with no answer', `${header}# S {#s}\n## A {#a}\n\n## B {#b}\nB\n`, 8, /this card has no answer/],
    ['a last card with no answer', `${header}# S {#s}\n## A {#a}\nA\n## B {#b}\n\n\n`, 10, /no answer/],
    [
      'a card with a question block and no answer',
      `${header}# S {#s}\n## {#a}\n::: question\nWhy?\n:::\n\n# T {#t}\n`,
      8,
      /no answer/,
    ],
    ['a card before any section', `${header}## A {#a}\nA\n`, 7, /after a section/],
    ['no header', '# S {#s}\n', 1, /header/],
    ['a bad version', header.replace('version: 3', 'version: three'), 2, /whole number/],
    ['an unclosed question block', `${header}# S {#s}\n## {#a}\n::: question\nWhy?\n`, 9, /never closed/],
  ];
  for (const [what, text, line, reason] of broken) {
    it(`names the file and line of ${what}`, () => {
      let error: unknown;
      try {
        parseDeck(text, 'decks/broken.md');
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(DeckSyntaxError);
      expect((error as DeckSyntaxError).message).toMatch(new RegExp(`^decks/broken\\.md:${line}: `));
      expect((error as DeckSyntaxError).message).toMatch(reason);
    });
  }
});
