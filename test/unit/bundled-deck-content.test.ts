/**
 * The content of the bundled deck (deck/lead-ml-engineer.md) against the seed it was made from: every question
 * verbatim and in order, every line of code kept, the code tagged and highlighted as Python, math kept as math.
 * Loading it into a collection and updating it is bundled-decks.test.ts; the file format is deck-format.test.ts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import hljs from 'highlight.js/lib/core';
import python from 'highlight.js/lib/languages/python';
import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { parseDeck } from '../../electron/core/deck-format';
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
