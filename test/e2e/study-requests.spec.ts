/**
 * The study screen's round trips: each answer is one request to Cue (study.answer brings the next
 * card with it), not an answer and then a request for the next card.
 */
import { expect, openCue, test } from './fixtures';
import { progress, rate, reveal, studySection } from './study-helpers';

const ANSWERS = 10;

test('ten answers make ten requests, one study.answer each', async ({ page, cue }) => {
  await openCue(page, cue.host);
  await studySection(page, 'Data Structures and Algorithms');
  await expect(progress(page)).toHaveText('done 0 · left 10');

  const requests: string[] = [];
  page.on('request', (request) => {
    const { pathname } = new URL(request.url());
    if (pathname.startsWith('/api/')) requests.push(`${request.method()} ${pathname}`);
  });
  for (let done = 1; done <= ANSWERS; done++) {
    await reveal(page);
    await rate(page, done % 3 === 0 ? '4' : '3', done);
  }
  // the card after the tenth answer is on screen, with its answer side still to come
  await reveal(page);

  expect(requests).toEqual(Array.from({ length: ANSWERS }, () => 'POST /api/study.answer'));
});
