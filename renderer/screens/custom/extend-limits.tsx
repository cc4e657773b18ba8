/**
 * "Increase today's limits": more new cards or reviews today than the deck's limits allow, through
 * decks.extendLimits (the study queue's limits; gone tomorrow). The fields are part of the custom study
 * form, so Enter in them sends it.
 */
import type { LimitExtension } from '../../../shared/domain';
import { call } from '../../lib/api-client';
import { plural } from '../../lib/format';
import { type ChoiceState, whole } from './custom-study-choice';

export type Extended = LimitExtension;

export async function extendLimits(deckId: number, state: ChoiceState): Promise<Extended> {
  const input = { deckId, newCards: whole(state.newCards), reviews: whole(state.reviews) };
  return call('decks.extendLimits', input);
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
