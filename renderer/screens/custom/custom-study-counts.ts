/**
 * How many cards each choice of the custom study screen would hold, asked of the collection as the
 * person types (custom.count changes nothing), and the tags there are to cram. An answer that comes
 * back after a newer question is dropped.
 */
import { useEffect, useState } from 'react';
import type { ApiInput } from '../../../shared/api';
import { call } from '../../lib/api-client';
import { describeError } from '../../lib/errors';
import type { Scope } from '../../lib/study-scope';
import type { ChoiceState } from './custom-study-choice';

/** A count, or why there is none (a search that does not parse, days out of range). */
export type Count = { cards: number } | { problem: string } | null;

function useCount(input: ApiInput<'custom.count'> | null): Count {
  const [count, setCount] = useState<Count>(null);
  const key = JSON.stringify(input);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` is the input, by value.
  useEffect(() => {
    if (input === null) {
      setCount(null);
      return;
    }
    let current = true;
    call('custom.count', input).then(
      (result) => current && setCount(result),
      (reason: unknown) => current && setCount({ problem: describeError(reason).message }),
    );
    return () => {
      current = false;
    };
  }, [key]);
  return count;
}

const days = (text: string) => (/^\s*\d+\s*$/.test(text) ? Number(text) : Number.NaN);

export interface Counts {
  ahead: Count;
  forgotten: Count;
  preview: Count;
  query: Count;
}

export function useCounts(scope: Scope, state: ChoiceState): Counts {
  return {
    ahead: useCount({ ...scope, kind: 'ahead', days: days(state.aheadDays) }),
    forgotten: useCount({ ...scope, kind: 'forgotten', days: days(state.forgottenDays) }),
    preview: useCount({ ...scope, kind: 'preview' }),
    query: useCount(state.query.trim() ? { ...scope, kind: 'cram', query: state.query } : null),
  };
}

export type Tags = { tag: string; cards: number }[];

export function useTags(scope: Scope): { tags: Tags | null; problem: string | null } {
  const [tags, setTags] = useState<Tags | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const { deckId, sectionId } = scope;
  useEffect(() => {
    let current = true;
    call('custom.tags', sectionId === undefined ? { deckId } : { deckId, sectionId }).then(
      (result) => current && setTags(result),
      (reason: unknown) => current && setProblem(describeError(reason).message),
    );
    return () => {
      current = false;
    };
  }, [deckId, sectionId]);
  return { tags, problem };
}

/** "12 cards", "no cards", "…" while it is asked, or the problem. */
export function countText(count: Count): string {
  if (count === null) return '…';
  if ('problem' in count) return count.problem;
  if (count.cards === 0) return 'no cards';
  return count.cards === 1 ? '1 card' : `${count.cards} cards`;
}
