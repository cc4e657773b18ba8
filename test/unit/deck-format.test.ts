/**
 * The Cue deck format (electron/core/deck-format.ts): Markdown cards with stable ids, read and written back
 * unchanged, and broken files refused with their file and line. Reading and writing deck files as imports and
 * exports is cue-deck-io.test.ts; the bundled deck's content is bundled-deck-content.test.ts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DeckSyntaxError, parseDeck, writeDeck } from '../../electron/core/deck-format';
import { BUNDLED_DECK_DIR } from '../helpers/collections';

const deckPath = join(BUNDLED_DECK_DIR, 'lead-ml-engineer.md');
const deck = parseDeck(readFileSync(deckPath, 'utf8'), deckPath);
const allCards = deck.sections.flatMap((s) => s.cards);

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
