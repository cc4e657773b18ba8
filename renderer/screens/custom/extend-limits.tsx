/**
 * "Increase today's limits": more new cards or reviews today than the deck's limits allow, through
 * decks.extendLimits (the study queue's limits; gone tomorrow). The fields are part of the custom study
 * form, so Enter in them sends it.
 */
import { call } from '../../lib/api-client';
import { plural } from '../../lib/format';
import { type ChoiceState, whole } from './custom-study-choice';

/** What decks.extendLimits answers: today's extra new cards and reviews, in total. */
export interface Extended {
  deckId: number;
  studyDay: string;
  newCards: number;
  reviews: number;
}

/**
 * decks.extendLimits belongs to the queue's daily limits and is called by its name; where the API does
 * not have it, the error the API gives (unknown method) is what the form shows.
 */
const callByName = call as unknown as (method: string, input: unknown) => Promise<unknown>;

export async function extendLimits(deckId: number, state: ChoiceState): Promise<Extended> {
  const input = { deckId, newCards: whole(state.newCards), reviews: whole(state.reviews) };
  return (await callByName('decks.extendLimits', input)) as Extended;
}

interface Props {
  state: ChoiceState;
  extended: Extended | null;
  onChange: (patch: Partial<ChoiceState>) => void;
}

export function ExtendLimits({ state, extended, onChange }: Props) {
  return (
    <div className="custom-session-options">
      <label className="option-field">
        <span>Extra new cards today</span>
        <input
          className="field"
          type="number"
          min={0}
          value={state.newCards}
          onChange={(event) => onChange({ newCards: event.target.value })}
          data-testid="extend-new"
        />
      </label>
      <label className="option-field">
        <span>Extra reviews today</span>
        <input
          className="field"
          type="number"
          min={0}
          value={state.reviews}
          onChange={(event) => onChange({ reviews: event.target.value })}
          data-testid="extend-reviews"
        />
      </label>
      {extended && (
        <p role="status" data-testid="extend-result">
          Today ({extended.studyDay}): {plural(extended.newCards, 'extra new card')} and{' '}
          {plural(extended.reviews, 'extra review')} beyond the deck’s limits.
        </p>
      )}
    </div>
  );
}
