/**
 * The options form's draft: a preset's options as the form shows them and back, each wrong field named
 * with the shared schema's message (the retention in percent, as the form shows it), and the core's
 * `details.issues` put beside the field they name.
 */
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../electron/core/dispatch';
import {
  checkDraft,
  fieldOfPath,
  issuesFromDetails,
  type OptionsDraft,
  toDraft,
} from '../../renderer/screens/options/options-draft';
import { CueError } from '../../shared/errors';
import { DEFAULT_PRESET_OPTIONS } from '../../shared/presets';
import { openTestCollection, TestClock } from '../helpers/collections';
import { thrown } from '../helpers/thrown';

const fresh = (): OptionsDraft => toDraft(DEFAULT_PRESET_OPTIONS, { newLimit: null, reviewLimit: 50 });

describe('the options draft', () => {
  it('goes from options to the form and back unchanged', () => {
    const draft = fresh();
    expect(draft).toMatchObject({
      desiredRetention: '90',
      newCountsAgainstReviews: true,
      deckNewLimit: '',
      deckReviewLimit: '50',
    });
    const { fsrsParameters: _, ...rest } = DEFAULT_PRESET_OPTIONS;
    expect(checkDraft(draft)).toEqual({ options: rest, limits: { newLimit: null, reviewLimit: 50 }, issues: {} });
    expect(checkDraft({ ...draft, desiredRetention: '92.5', newCountsAgainstReviews: false }).options).toMatchObject({
      desiredRetention: 0.925,
      newIgnoresReviewLimit: true,
    });
  });

  it('shows the key-point shares in percent and names one out of bounds', () => {
    const draft = fresh();
    expect(draft).toMatchObject({ pointsGoodShare: '100', pointsHardShare: '50', typedAnswer: false });
    expect(checkDraft({ ...draft, pointsGoodShare: '75', typedAnswer: true }).options).toMatchObject({
      pointsGoodShare: 0.75,
      pointsHardShare: 0.5,
      typedAnswer: true,
    });
    expect(checkDraft({ ...draft, pointsGoodShare: '40', pointsHardShare: '' }).issues).toEqual({
      pointsGoodShare: 'The share of key points for Good must be 50% to 100%',
      pointsHardShare: 'The share of key points for Hard must be a number',
    });
    const inverted = checkDraft({ ...draft, pointsGoodShare: '60', pointsHardShare: '80' });
    expect(inverted.issues).toEqual({
      pointsHardShare: 'The share of key points for Hard must not be more than the share for Good',
    });
    expect(inverted.options).toBeNull();
  });

  it('names each wrong field with the message the core would give', () => {
    const checked = checkDraft({
      ...fresh(),
      learningSteps: '1m 10x',
      relearningSteps: '2y',
      newPerDay: '',
      reviewsPerDay: '2.5',
      maximumInterval: '0',
      desiredRetention: '99.5',
      leechThreshold: '100',
      deckNewLimit: '-1',
      deckReviewLimit: 'lots',
    });
    expect(checked.options).toBeNull();
    expect(checked.limits).toBeNull();
    expect(checked.issues).toEqual({
      learningSteps: 'Learning steps: step 2 "10x" is not a number followed by s, m, h or d (as in 1m 10m 1h 1d)',
      relearningSteps: 'Relearning steps: step 1 "2y" is not a number followed by s, m, h or d (as in 1m 10m 1h 1d)',
      newPerDay: 'New cards a day must be a number',
      reviewsPerDay: 'Maximum reviews a day must be a whole number',
      maximumInterval: 'Maximum interval must be at least 1',
      desiredRetention: 'Desired retention must be at most 99%',
      leechThreshold: 'Leech threshold must be at most 99',
      deckNewLimit: "This deck's new cards a day must be at least 0",
      deckReviewLimit: "This deck's maximum reviews a day must be a number",
    });
  });

  it('puts the core’s issues beside their fields, whatever the path’s prefix', () => {
    expect(
      issuesFromDetails({
        issues: [
          { path: 'options.desiredRetention', message: 'Desired retention must be at least 0.70' },
          { path: 'newLimit', message: "This deck's new cards a day must be at least 0" },
          { path: 'options.newIgnoresReviewLimit', message: 'Invalid input' },
          { path: 'options.unknown', message: 'ignored' },
        ],
      }),
    ).toEqual({
      desiredRetention: 'Desired retention must be at least 70%',
      deckNewLimit: "This deck's new cards a day must be at least 0",
      newCountsAgainstReviews: 'Invalid input',
    });
    expect(issuesFromDetails(null)).toEqual({});
    expect(issuesFromDetails({ issues: 'no' })).toEqual({});
    expect(fieldOfPath('presetId')).toBeNull();
  });

  it('reads the issues the core really sends for a refused save', () => {
    const collection = openTestCollection(new TestClock(Date.UTC(2026, 5, 1)));
    const refused = thrown(CueError, () =>
      dispatch(collection, 'presets.update', {
        presetId: 1,
        options: { learningSteps: '1m 10x', desiredRetention: 0.5 },
      }),
    );
    expect(issuesFromDetails(refused.details)).toEqual({
      learningSteps: 'Learning steps: step 2 "10x" is not a number followed by s, m, h or d (as in 1m 10m 1h 1d)',
      desiredRetention: 'Desired retention must be at least 70%',
    });
    const limits = thrown(CueError, () =>
      dispatch(collection, 'decks.setLimits', { deckId: 1, newLimit: 1.5, reviewLimit: -2 }),
    );
    expect(issuesFromDetails(limits.details)).toEqual({
      deckNewLimit: "This deck's new cards a day must be a whole number",
      deckReviewLimit: "This deck's maximum reviews a day must be at least 0",
    });
  });
});
