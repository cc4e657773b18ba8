/**
 * A link in a card opens only after Cue's confirmation, which shows the full address; only web and
 * email links open (in a new window, without a handle on Cue's), others are refused with the reason.
 * Keys pressed while the confirmation is open belong to it, never to the study session behind it.
 * The web site the link names is answered by the test itself, so nothing leaves the machine.
 */
import type { DeckSummary } from '../../shared/domain';
import { callHost, type RunningHost } from '../helpers/cue-process';
import { expect, openCue, test } from './fixtures';
import { progress, studySection } from './study-helpers';

const SITE = 'https://example.org/cue/path?q=1&lang=en#part';

async function addLinkCard(host: RunningHost): Promise<void> {
  const { deckId } = await callHost<{ deckId: number }>(host, 'decks.create', { name: 'Links' });
  const { sectionId } = await callHost<{ sectionId: number }>(host, 'sections.create', { deckId, name: 'Web' });
  await callHost(host, 'cards.create', {
    sectionId,
    question: `Links: [the site](${SITE}), [a phone](tel:+15550100) and [a page of Cue](/api/decks.list)`,
    answer: 'Or [write to us](mailto:someone@example.org).',
  });
}

test('a card link opens after a confirmation showing its address; other schemes are refused', async ({ page, cue }) => {
  await addLinkCard(cue.host);
  const opened: string[] = [];
  await page.context().route('https://example.org/**', (route) => {
    opened.push(route.request().url());
    return route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>example</title>' });
  });
  await openCue(page, cue.host);
  await studySection(page, 'Web');
  const question = page.getByTestId('question');
  const dialog = page.getByTestId('link-dialog');

  // Enter on a focused link asks first; the safe choice has the focus, and study keys do nothing.
  await question.getByRole('link', { name: 'the site' }).focus();
  await page.keyboard.press('Enter');
  await expect(dialog.getByRole('heading')).toHaveText('Open this link?');
  await expect(dialog.getByTestId('link-url')).toHaveText(SITE);
  await expect(dialog.getByTestId('link-site')).toHaveText('example.org');
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  // Bury and suspend would take the card away; in the dialog they are just keys.
  await page.keyboard.press('-');
  await page.keyboard.press('@');
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(progress(page)).toHaveText('done 0 · left 1');

  // Open, with the mouse: a new window on that address.
  await question.getByRole('link', { name: 'the site' }).click();
  const popup = page.context().waitForEvent('page');
  await dialog.getByRole('button', { name: 'Open link' }).click();
  const opener = await popup;
  await expect.poll(() => opener.url()).toBe(SITE);
  expect(await opener.evaluate(() => window.opener)).toBeNull();
  await opener.close();
  await expect(dialog).toHaveCount(0);

  // A middle click asks too, and Cancel leaves it there.
  await question.getByRole('link', { name: 'the site' }).click({ button: 'middle' });
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toHaveCount(0);

  // Other schemes and links into Cue itself are refused, with what they are.
  await question.getByRole('link', { name: 'a phone' }).click();
  await expect(dialog.getByRole('heading')).toHaveText('Cue does not open this link');
  await expect(dialog).toContainText('this is a tel: link');
  await expect(dialog.getByTestId('link-url')).toHaveText('tel:+15550100');
  await expect(dialog.getByRole('button', { name: 'Open link' })).toHaveCount(0);
  await page.keyboard.press('Escape');
  await question.getByRole('link', { name: 'a page of Cue' }).click();
  await expect(dialog).toContainText('not a full web address');
  await dialog.getByRole('button', { name: 'OK' }).click();
  await expect(dialog).toHaveCount(0);

  // On the answer side a rating key in the dialog rates nothing: the one answer is the Easy after it.
  await page.getByRole('button', { name: /^Show answer/ }).click();
  await page.getByTestId('answer').getByRole('link', { name: 'write to us' }).click();
  await expect(dialog.getByRole('heading')).toHaveText('Write this email?');
  await expect(dialog.getByTestId('link-url')).toHaveText('mailto:someone@example.org');
  await page.keyboard.press('3');
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await page.keyboard.press('4');
  await expect(page.getByTestId('done')).toBeVisible();
  await expect(progress(page)).toHaveText('done 1 · left 0');
  const decks = await callHost<DeckSummary[]>(cue.host, 'decks.list');
  expect(decks.find((deck) => deck.name === 'Links')?.reviewedToday).toBe(1);
  // one request, for the one Open (the fragment stays in the browser)
  expect(opened).toEqual([SITE.replace(/#.*/, '')]);
});
