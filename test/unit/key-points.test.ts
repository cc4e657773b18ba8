import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { parseDeck } from '../../electron/core/deck-format';
import { readCueDeck, writeCueDeck } from '../../electron/core/io/cue-deck-io';
import { extractKeyPoints } from '../../shared/key-points';
import { keyPointsBlock } from '../../shared/key-points-markdown';
import { suggestRating } from '../../shared/rating-suggestion';
import { BUNDLED_DECK_DIR } from '../helpers/collections';

/** Each bundled question's key point count, read off the deck by hand. */
const SEED_POINTS: Record<string, number> = {
  'core-01': 3,
  'core-02': 3,
  'core-03': 3,
  'core-04': 3,
  'core-05': 3,
  'core-06': 3,
  'core-07': 3,
  'core-08': 3,
  'core-09': 3,
  'core-10': 3,
  'dsa-01': 2,
  'dsa-02': 3,
  'dsa-03': 2,
  'dsa-04': 3,
  'dsa-05': 2,
  'dsa-06': 2,
  'dsa-07': 2,
  'dsa-08': 3,
  'dsa-09': 3,
  'dsa-10': 2,
  // two lists each: requirements or components, then considerations or features
  'system-design-01': 8,
  'system-design-02': 8,
  'system-design-03': 8,
  'system-design-04': 7,
  'system-design-05': 7,
  'system-design-06': 7,
  'system-design-07': 7,
  'system-design-08': 7,
  'system-design-09': 7,
  'system-design-10': 7,
  // 06, 07 and 08 are code alone: no checklist
  'coding-01': 3,
  'coding-02': 3,
  'coding-03': 6,
  'coding-04': 3,
  'coding-05': 4,
  'coding-06': 0,
  'coding-07': 0,
  'coding-08': 0,
  'coding-09': 3,
  'coding-10': 3,
  // Situation, Task, Action, Result
  'behavioral-01': 4,
  'behavioral-02': 4,
  'behavioral-03': 4,
  'behavioral-04': 4,
  'behavioral-05': 4,
  'behavioral-06': 4,
  'behavioral-07': 4,
  'behavioral-08': 4,
  'behavioral-09': 4,
  'behavioral-10': 4,
};

const seed = parseDeck(readFileSync(join(BUNDLED_DECK_DIR, 'lead-ml-engineer.md'), 'utf8'));
const seedCards = seed.sections.flatMap((section) => section.cards);
const seedCard = (key: string) => seedCards.find((card) => card.key === key)?.answer ?? '';

describe('key points of the bundled deck', () => {
  it('lists every one of the 50 questions', () => {
    expect(seedCards.map((card) => card.key).sort()).toEqual(Object.keys(SEED_POINTS).sort());
  });

  it.each(seedCards.map((card) => [card.key, card.answer] as const))('%s has its points', (key, answer) => {
    const points = extractKeyPoints(answer, 'markdown');
    expect(points).toHaveLength(SEED_POINTS[key]);
    expect(new Set(points.map((point) => point.id)).size).toBe(points.length);
    for (const point of points) {
      expect(point.label).not.toBe('');
      expect(point.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    }
  });

  it('leaves no answer with bullets outside code without points', () => {
    const md = new MarkdownIt();
    for (const card of seedCards) {
      const hasBullets = md.parse(card.answer, {}).some((token) => token.type === 'bullet_list_open');
      if (hasBullets) expect(extractKeyPoints(card.answer, 'markdown').length, card.key).toBeGreaterThan(0);
    }
  });

  it('labels a bullet by its bold lead and keeps the rest as its text', () => {
    expect(extractKeyPoints(seedCard('core-02'), 'markdown')[0]).toEqual({
      id: 'elastic-weight-consolidation-ewc',
      label: 'Elastic Weight Consolidation (EWC)',
      text: 'Adds regularization term to preserve important weights',
    });
  });

  it('labels a bullet without a bold lead by its first words, or by a short lead before a colon', () => {
    const [hashMap] = extractKeyPoints(seedCard('dsa-01'), 'markdown');
    expect(hashMap.label).toBe('Use a HashMap to store key-value…');
    expect(hashMap.text).toBe('Use a HashMap to store key-value pairs for $O(1)$ lookups');
    expect(extractKeyPoints(seedCard('dsa-03'), 'markdown').map((p) => [p.label, p.text])).toEqual([
      ['Time Complexity', '$O(n \\log n)$'],
      ['Space Complexity', '$O(1)$'],
    ]);
  });

  it('reads a behavioural answer as one point per label, the Action’s bullets being its text', () => {
    const points = extractKeyPoints(seedCard('behavioral-01'), 'markdown');
    expect(points.map((point) => point.id)).toEqual(['situation', 'task', 'action', 'result']);
    expect(points[2].text).toBe(
      'I: Architected a hybrid approach using both rule-based systems and deep learning; Implemented automated ML ' +
        'pipeline using Kubeflow; Set up A/B testing framework to validate models; Established weekly code reviews ' +
        'and model evaluation sessions',
    );
  });

  it('finds no points in an answer that is only code, even when the code holds list-like lines', () => {
    expect(extractKeyPoints(seedCard('coding-06'), 'markdown')).toEqual([]);
    expect(extractKeyPoints('```python\n- not a point\n**Label:** no\n```', 'markdown')).toEqual([]);
  });
});

describe('the ::: points marking', () => {
  const marked = [
    'Intro with a list that is not the points:',
    '',
    '- an aside',
    '',
    '::: points',
    '- **Stream Processing:** Kafka',
    '- **Incremental Learning**: partial_fit',
    '  - nested detail',
    '- **Stream Processing:** said twice',
    ':::',
    '',
    '```text',
    ':::',
    '```',
  ].join('\n');

  it('makes only the items inside it points, with ids deduplicated', () => {
    expect(extractKeyPoints(marked, 'markdown')).toEqual([
      { id: 'stream-processing', label: 'Stream Processing', text: 'Kafka' },
      { id: 'incremental-learning', label: 'Incremental Learning', text: 'partial_fit; nested detail' },
      { id: 'stream-processing-2', label: 'Stream Processing', text: 'said twice' },
    ]);
  });

  it('with nothing inside turns the checklist off', () => {
    expect(extractKeyPoints('- one\n- two\n\n::: points\n:::', 'markdown')).toEqual([]);
  });

  it('is not closed by a ::: line inside code, and left open it is plain text', () => {
    const points = extractKeyPoints('::: points\n- **A:** a\n\n```\n:::\n```\n- **B:** b\n:::', 'markdown');
    expect(points.map((point) => point.id)).toEqual(['a', 'b']);
    expect(extractKeyPoints('::: points\n- **A:** a', 'markdown').map((point) => point.id)).toEqual(['a']);
  });

  it('renders as the list inside it, the two lines gone', () => {
    const md = new MarkdownIt();
    md.use(keyPointsBlock);
    const html = md.render('::: points\n- **A:** a\n- b\n:::\n\nAfter.');
    expect(html).toBe('<ul>\n<li><strong>A:</strong> a</li>\n<li>b</li>\n</ul>\n<p>After.</p>\n');
    expect(md.render('::: points\nnever closed')).toBe('<p>::: points\nnever closed</p>\n');
  });

  it('survives an export and import of Cue’s deck format unchanged', () => {
    const text = writeCueDeck({
      key: 'd',
      name: 'D',
      version: 1,
      description: '',
      sections: [
        {
          key: 's',
          name: 'S',
          description: '',
          cards: [{ key: 'c', question: 'Q?', answer: marked, format: 'markdown', tags: [], reviews: [] }],
        },
      ],
    } as unknown as Parameters<typeof writeCueDeck>[0]);
    const card = readCueDeck(text, 'd.md').decks[0].sections[0].cards[0];
    expect(text).toContain(`## Q? {#c}\n\n${marked}\n`);
    expect(card.answer).toBe(marked);
    expect(extractKeyPoints(card.answer, 'markdown')).toHaveLength(3);
  });
});

describe('key points of imported HTML', () => {
  it('are the top-level <li> items, labelled by a bold lead', () => {
    const html =
      '<ul><li><b>Token bucket:</b> smooth &amp; simple<ul><li>nested</li></ul></li>' +
      '<li>Sliding window for precise control of bursts</li></ul><ol><li><strong>Redis</strong></li></ol>';
    expect(extractKeyPoints(html, 'html')).toEqual([
      { id: 'token-bucket', label: 'Token bucket', text: 'smooth & simple nested' },
      {
        id: 'sliding-window-for-precise-control-of',
        label: 'Sliding window for precise control of…',
        text: 'Sliding window for precise control of bursts',
      },
      { id: 'redis', label: 'Redis', text: '' },
    ]);
  });

  it('are none when the card has no list, so it studies as before', () => {
    expect(extractKeyPoints('HyperText Markup Language<br><b>HTML:</b> yes', 'html')).toEqual([]);
  });
});

describe('the rating the checklist suggests', () => {
  const thresholds = { goodShare: 1, hardShare: 0.5 };

  it('is Good at the Good share, Hard from the Hard share, Again below it, and never Easy', () => {
    expect(suggestRating(4, 4, thresholds)).toBe(3);
    expect(suggestRating(3, 4, thresholds)).toBe(2);
    expect(suggestRating(2, 4, thresholds)).toBe(2);
    expect(suggestRating(1, 4, thresholds)).toBe(1);
    expect(suggestRating(0, 4, thresholds)).toBe(1);
  });

  it('moves with the thresholds, at each boundary exactly', () => {
    const loose = { goodShare: 0.75, hardShare: 0.25 };
    expect(suggestRating(3, 4, loose)).toBe(3);
    expect(suggestRating(2, 4, loose)).toBe(2);
    expect(suggestRating(1, 4, loose)).toBe(2);
    expect(suggestRating(0, 4, loose)).toBe(1);
    expect(suggestRating(0, 4, { goodShare: 1, hardShare: 0 })).toBe(2);
  });

  it('suggests nothing when there are no points', () => {
    expect(suggestRating(0, 0, thresholds)).toBeNull();
  });
});
