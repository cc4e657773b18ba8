/**
 * The statistics graphs on a history made through the API over two study days ten days apart: every graph
 * shows, switches to its table and back, and its table's numbers follow from the answers the test gave;
 * the section switcher narrows them. A fresh collection says there are no reviews yet instead of drawing
 * empty axes. At 1024x700 every column of the per-section table is in view, or the table says it scrolls
 * and each column can be scrolled to.
 */
import type { Locator, Page } from '@playwright/test';
import { callHost, type RunningHost } from '../helpers/cue-process';
import { expect, openCue, test } from './fixtures';

const DSA = 'Data Structures and Algorithms';
const BEHAVIORAL = 'Behavioral Questions';
const DECK_CARDS = 50;
// midday, well away from the 4 am day boundary
const DAY0 = '2026-03-02T12:00:00Z';
const DAY10 = '2026-03-12T12:00:00Z';

const GRAPHS = [
  'graph-reviews',
  'graph-added',
  'graph-calibration',
  'graph-intervals',
  'graph-stability',
  'graph-difficulty',
  'graph-retrievability',
];

interface Section {
  id: number;
  name: string;
}

async function sectionCards(host: RunningHost, section: Section, count: number): Promise<number[]> {
  const { cards } = await callHost<{ cards: { id: number }[] }>(host, 'stats.cards', {
    deckId: 1,
    sectionId: section.id,
    limit: count,
  });
  return cards.map((card) => card.id);
}

async function answer(host: RunningHost, cardId: number, rating: 1 | 2 | 3 | 4): Promise<void> {
  await callHost(host, 'study.answer', { deckId: 1, cardId, rating, durationMs: 6000 });
}

async function sections(host: RunningHost): Promise<Record<string, Section>> {
  const decks = await callHost<{ id: number; sections: Section[] }[]>(host, 'decks.list', {});
  const deck = decks.find((d) => d.id === 1);
  if (!deck) throw new Error('the bundled deck 1 is missing');
  return Object.fromEntries(deck.sections.map((s) => [s.name, s]));
}

/**
 * Day 0: three DSA cards Easy (to review), one Good (learning); a Behavioral card Easy, another Again.
 * Day 10: two of the Easy DSA cards (one Good, one Again) and the Easy Behavioral card (Good) come back
 * as young review cards, the answers the calibration counts.
 */
const HISTORY = {
  deck: { answers: 9, learning: 6, young: 3, reviewCards: 3, studied: 6, calibration: 3, passed: 2 },
  dsa: { answers: 6, learning: 4, young: 2, reviewCards: 2, studied: 4, calibration: 2, passed: 1 },
};

async function makeHistory(cue: { host: RunningHost; restart: (env: NodeJS.ProcessEnv) => Promise<RunningHost> }) {
  const named = await sections(cue.host);
  const [a1, a2, a3, a4] = await sectionCards(cue.host, named[DSA], 4);
  const [b1, b2] = await sectionCards(cue.host, named[BEHAVIORAL], 2);
  for (const id of [a1, a2, a3]) await answer(cue.host, id, 4);
  await answer(cue.host, a4, 3);
  await answer(cue.host, b1, 4);
  await answer(cue.host, b2, 1);
  const host = await cue.restart({ CUE_NOW: DAY10 });
  await answer(host, a1, 3);
  await answer(host, a2, 1);
  await answer(host, b1, 3);
  return host;
}

/** Presses "Show as table" and waits for the table; the plot (or its empty note) is gone. */
async function showTable(graph: Locator): Promise<Locator> {
  const toggle = graph.getByRole('button', { name: 'Show as table' });
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  const table = graph.getByRole('table');
  await expect(table).toBeVisible();
  await expect(graph.locator('.chart-plot, .chart-empty')).toHaveCount(0);
  return table;
}

async function showChart(graph: Locator): Promise<void> {
  const toggle = graph.getByRole('button', { name: 'Show as table' });
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  await expect(graph.getByRole('table')).toHaveCount(0);
}

/** A cell of a table's total row, by its column header's position (the row header is column 0). */
function totalCell(graph: Locator, testId: string, column: number): Locator {
  return graph
    .getByTestId(`${testId}-total`)
    .locator('td')
    .nth(column - 1);
}

async function openStats(page: Page, host: RunningHost): Promise<void> {
  await openCue(page, host);
  await page.keyboard.press('t');
  await expect(page.getByTestId('stats-row-deck')).toBeVisible();
  await expect(page.getByTestId('graph-reviews')).toBeVisible();
}

/** The numbers each graph's table must hold for one scope of the history. */
async function expectTables(page: Page, expected: (typeof HISTORY)['deck'], addedCards: number): Promise<void> {
  const reviews = page.getByTestId('graph-reviews');
  await showTable(reviews);
  // columns: Learning, Young, Mature, Relearning, Total answers, then the same for time
  await expect(totalCell(reviews, 'graph-reviews-table', 1)).toHaveText(String(expected.learning));
  await expect(totalCell(reviews, 'graph-reviews-table', 2)).toHaveText(String(expected.young));
  await expect(totalCell(reviews, 'graph-reviews-table', 3)).toHaveText('0');
  await expect(totalCell(reviews, 'graph-reviews-table', 5)).toHaveText(String(expected.answers));
  // six seconds an answer
  const seconds = expected.answers * 6;
  const time = seconds < 60 ? `${seconds} s` : `${Math.round(seconds / 60)} min`;
  await expect(totalCell(reviews, 'graph-reviews-table', 10)).toHaveText(time);
  await expect(page.getByTestId('graph-reviews-total')).toContainText(`${expected.answers} reviews in ${time}`);
  await showChart(reviews);
  await expect(reviews.locator('.recharts-surface')).toBeVisible();

  const added = page.getByTestId('graph-added');
  await showTable(added);
  await expect(totalCell(added, 'graph-added-table', 1)).toHaveText(String(addedCards));
  await showChart(added);

  const calibration = page.getByTestId('graph-calibration');
  await showTable(calibration);
  await expect(totalCell(calibration, 'graph-calibration-table', 1)).toHaveText(String(expected.calibration));
  const actual = `${((100 * expected.passed) / expected.calibration).toFixed(1)}%`;
  await expect(totalCell(calibration, 'graph-calibration-table', 3)).toHaveText(actual);
  await showChart(calibration);
  await expect(calibration.getByText('A good fit keeps the actual line close to the predicted one')).toBeVisible();

  const histograms: [string, number][] = [
    ['graph-intervals', expected.reviewCards],
    ['graph-stability', expected.studied],
    ['graph-difficulty', expected.studied],
    ['graph-retrievability', expected.studied],
  ];
  for (const [testId, cards] of histograms) {
    const graph = page.getByTestId(testId);
    const table = await showTable(graph);
    await expect(totalCell(graph, `${testId}-table`, 1)).toHaveText(String(cards));
    // the buckets add up to the total
    const counts = await table.locator('tbody tr td:nth-of-type(1)').allTextContents();
    expect(
      counts.reduce((sum, n) => sum + Number(n), 0),
      testId,
    ).toBe(cards);
    await showChart(graph);
    await expect(graph.locator('.recharts-surface')).toBeVisible();
  }
}

test.describe('with two days of history', () => {
  test.use({ hostEnv: { CUE_NOW: DAY0 } });

  test('every graph shows, switches to its table and back, and the tables add up to the answers', async ({
    page,
    cue,
  }) => {
    const host = await makeHistory(cue);
    await openStats(page, host);
    for (const id of GRAPHS) {
      await expect(page.getByTestId(id).locator('.recharts-surface')).toBeVisible();
    }
    await expectTables(page, HISTORY.deck, DECK_CARDS);

    // A longer period holds the same answers, grouped by week; "All" by month from the first answer.
    const period = page.getByTestId('graphs-period');
    await period.selectOption({ label: '1 year' });
    const reviews = page.getByTestId('graph-reviews');
    await expect(page.getByTestId('graph-reviews-total')).toContainText('per week');
    await expect(page.getByTestId('graph-reviews-total')).toContainText(`${HISTORY.deck.answers} reviews`);
    await period.selectOption({ label: 'All' });
    await expect(page.getByTestId('graph-reviews-total')).toContainText('per month');
    const table = await showTable(reviews);
    // both study days are in March 2026
    await expect(table.locator('tbody tr')).toHaveCount(1);
    await expect(totalCell(reviews, 'graph-reviews-table', 5)).toHaveText(String(HISTORY.deck.answers));

    // Count and Time switch what the bars measure.
    await showChart(reviews);
    await reviews.getByRole('button', { name: 'Time' }).click();
    await expect(reviews.getByRole('button', { name: 'Time' })).toHaveAttribute('aria-pressed', 'true');
    await expect(reviews.getByRole('button', { name: 'Count' })).toHaveAttribute('aria-pressed', 'false');
    await expect(page.getByTestId('graph-reviews-total')).toContainText('Minutes spent per month');
  });

  test('the section switcher scopes the graphs to one section', async ({ page, cue }) => {
    const host = await makeHistory(cue);
    await openStats(page, host);
    await expect(page.getByTestId('graph-reviews-total')).toContainText(`${HISTORY.deck.answers} reviews`);
    await page.getByRole('combobox', { name: 'Section' }).selectOption({ label: DSA });
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Statistics: ${DSA}`);
    await expect(page.getByTestId('graph-reviews-total')).toContainText(`${HISTORY.dsa.answers} reviews`);
    // the ten DSA cards were added with the collection, on day 0
    await expectTables(page, HISTORY.dsa, 10);
  });
});

test('a fresh collection says there are no reviews yet instead of drawing empty axes', async ({ page, cue }) => {
  await openStats(page, cue.host);
  const reviews = page.getByTestId('graph-reviews');
  await expect(reviews.locator('.chart-empty')).toHaveText('No reviews yet in this period.');
  await expect(reviews.locator('.recharts-surface')).toHaveCount(0);
  await expect(page.getByTestId('graph-calibration').locator('.chart-empty')).toContainText('No reviews');
  for (const id of ['graph-intervals', 'graph-stability', 'graph-difficulty', 'graph-retrievability']) {
    await expect(page.getByTestId(id).locator('.chart-empty')).toContainText('study some cards to see this');
    await expect(page.getByTestId(id).locator('.recharts-surface')).toHaveCount(0);
  }
  // the cards were added today
  await expect(page.getByTestId('graph-added').locator('.recharts-surface')).toBeVisible();
  // the tables are there all the same, with their zeros
  const table = await showTable(reviews);
  await expect(totalCell(reviews, 'graph-reviews-table', 5)).toHaveText('0');
  await expect(table.locator('tbody tr')).toHaveCount(30);
});

/** Every header of the last header row of the per-section table, with its box and the scrolling box's. */
async function columnBoxes(page: Page) {
  const box = page.getByTestId('section-table');
  const headers = box.locator('thead th');
  const count = await headers.count();
  expect(count).toBe(19);
  return { box, headers, count };
}

for (const size of [
  { width: 1024, height: 700 },
  { width: 1440, height: 900 },
]) {
  test(`at ${size.width}x${size.height} every column of the section table is in view`, async ({ page, cue }) => {
    await page.setViewportSize(size);
    await openStats(page, cue.host);
    const { box, headers, count } = await columnBoxes(page);
    await expect(page.getByTestId('section-table-scroll-hint')).toHaveCount(0);
    const frame = await box.boundingBox();
    if (!frame) throw new Error('the section table has no box');
    expect(frame.x + frame.width).toBeLessThanOrEqual(size.width);
    for (let i = 0; i < count; i++) {
      const header = await headers.nth(i).boundingBox();
      const name = await headers.nth(i).textContent();
      expect(header, `header ${name}`).not.toBeNull();
      if (!header) continue;
      expect(header.x, `header ${name}`).toBeGreaterThanOrEqual(frame.x - 0.5);
      expect(header.x + header.width, `header ${name}`).toBeLessThanOrEqual(frame.x + frame.width + 0.5);
    }
    // the shortened headers still carry their full names
    await expect(page.getByTestId('section-table').locator('abbr[title="Suspended"]')).toHaveCount(1);
  });
}

test('in a window too narrow for the section table, it says it scrolls and each column can be scrolled to by keyboard', async ({
  page,
  cue,
}) => {
  await page.setViewportSize({ width: 820, height: 700 });
  await openStats(page, cue.host);
  const hint = page.getByTestId('section-table-scroll-hint');
  await expect(hint).toBeVisible();
  await expect(hint).toContainText('scroll sideways');
  // a Tab stop named after the table's caption
  const region = page.getByRole('region', { name: 'Cards, mastery, retention, reviews and due cards per section' });
  const last = page.getByTestId('stats-row-deck').getByTestId('cell-due-7');
  const frame = await region.boundingBox();
  const before = await last.boundingBox();
  if (!frame || !before) throw new Error('the section table has no box');
  // the last column starts off the right edge
  expect(before.x + before.width).toBeGreaterThan(frame.x + frame.width);
  await region.focus();
  // arrow keys scroll the focused box a step at a time, until its right edge is reached
  await expect(async () => {
    await page.keyboard.press('ArrowRight');
    await expect(hint).toContainText('More columns to the left', { timeout: 250 });
  }).toPass();
  const after = await last.boundingBox();
  if (!after) throw new Error('the last column has no box');
  expect(after.x + after.width).toBeLessThanOrEqual(frame.x + frame.width + 0.5);
  expect(after.x).toBeGreaterThanOrEqual(frame.x);
});
