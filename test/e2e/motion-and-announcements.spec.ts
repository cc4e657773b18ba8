/**
 * What a screen reader hears and what moves: the answer appears inside a polite live region that was on the
 * page before the reveal (study and mock interviews), a toast is a status message, reduced motion as the
 * system asks stops Cue's animations and transitions, and every control the Tab key reaches on the home
 * screen and the study screen shows a focus ring.
 */
import type { Page } from '@playwright/test';
import { expect, openCue, test } from './fixtures';
import { studySection } from './study-helpers';

/** The home screen's toast, by renaming a section. */
async function renameToToast(page: Page): Promise<void> {
  await page.getByLabel('More for Core Concepts').click();
  await page.getByRole('button', { name: 'Rename section…' }).click();
  await page.getByTestId('place-name').fill('Fundamentals');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('toast')).toBeVisible();
}

test('the revealed answer arrives in a live region that was there before it', async ({ page, cue }) => {
  await openCue(page, cue.host);
  await studySection(page, 'Core Concepts');
  const live = page.getByTestId('answer-live');
  await expect(live).toHaveAttribute('aria-live', 'polite');
  await expect(live).toBeEmpty();
  const before = await live.elementHandle();
  await page.keyboard.press('Space');
  await expect(live.getByTestId('answer')).toBeVisible();
  // the same element: a region added with its content would not be announced
  expect(await live.evaluate((el, old) => el === old, before)).toBe(true);
});

test('a mock interview’s model answer arrives in a live region too', async ({ page, cue }) => {
  await openCue(page, cue.host);
  await page.keyboard.press('m');
  await page.getByTestId('mock-count').fill('1');
  await page.getByTestId('mock-start').click();
  const live = page.getByTestId('answer-live');
  await expect(live).toHaveAttribute('aria-live', 'polite');
  await expect(live).toBeEmpty();
  await page.keyboard.press('Space');
  await expect(live.getByTestId('answer')).toBeVisible();
});

test('a toast is a status message', async ({ page, cue }) => {
  await openCue(page, cue.host);
  await renameToToast(page);
  await expect(page.getByRole('status').filter({ has: page.getByTestId('toast') })).toHaveText(
    'Renamed to “Fundamentals”.',
  );
});

test('reduced motion stops the toast’s animation and every transition; without it they run', async ({ page, cue }) => {
  const animationOf = () => page.getByTestId('toast').evaluate((el) => getComputedStyle(el).animationName);
  const transitions = () =>
    page.evaluate(
      () =>
        [...document.querySelectorAll('*')].filter((el) =>
          getComputedStyle(el)
            .transitionDuration.split(',')
            .some((duration) => Number.parseFloat(duration) > 0),
        ).length,
    );
  await page.emulateMedia({ reducedMotion: 'no-preference' });
  await openCue(page, cue.host);
  await renameToToast(page);
  expect(await animationOf()).toBe('toast-in');
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await expect.poll(animationOf).toBe('none');

  // the import screen's drop zone fades its highlight in
  await page.emulateMedia({ reducedMotion: 'no-preference' });
  await page.keyboard.press('Escape');
  await page.keyboard.press('i');
  await expect(page.locator('.drop-zone')).toBeVisible();
  expect(await transitions()).toBeGreaterThan(0);
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await expect.poll(transitions).toBe(0);
});

/** Tabs through the page (up to `limit` stops) and names every focused control that shows no ring. */
async function unringedStops(page: Page, limit: number): Promise<{ stops: number; unringed: string[] }> {
  const unringed: string[] = [];
  const seen = new Set<string>();
  let stops = 0;
  for (; stops < limit; stops++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return null;
      const style = getComputedStyle(el);
      const ring = style.outlineStyle !== 'none' && Number.parseFloat(style.outlineWidth) >= 1;
      const path = `${el.tagName.toLowerCase()}${el.dataset.testid ? `[${el.dataset.testid}]` : ''}: ${(
        el.getAttribute('aria-label') ??
        el.textContent ??
        ''
      )
        .trim()
        .slice(0, 40)}`;
      return { path, ring, key: `${path}@${el.getBoundingClientRect().top}` };
    });
    if (!focused || seen.has(focused.key)) break;
    seen.add(focused.key);
    if (!focused.ring) unringed.push(focused.path);
  }
  return { stops, unringed };
}

test('every control Tab reaches on home and in study shows a focus ring', async ({ page, cue }) => {
  await openCue(page, cue.host);
  const home = await unringedStops(page, 80);
  expect(home.stops).toBeGreaterThan(20);
  expect(home.unringed).toEqual([]);

  await studySection(page, 'Core Concepts');
  await page.keyboard.press('Space');
  await expect(page.getByTestId('answer')).toBeVisible();
  const study = await unringedStops(page, 40);
  expect(study.stops).toBeGreaterThan(5);
  expect(study.unringed).toEqual([]);
});
