/**
 * Custom study of a deck or section, as Anki's custom study: study ahead, forgotten cards, preview new
 * cards, cram a tag or a search, or raise today's limits. Keyboard first: the kinds are one radio group
 * (arrow keys move through it), each with its count of cards, and Enter starts.
 */
import { type FormEvent, type KeyboardEvent, useId, useState } from 'react';
import type { DeckSummary } from '../../../shared/domain';
import { call } from '../../lib/api-client';
import { ErrorPanel } from '../../lib/error-panel';
import { describeError } from '../../lib/errors';
import { KeyHint } from '../../lib/key-hint';
import { ScreenHeader } from '../../lib/screen-header';
import type { Scope, StudyTarget } from '../../lib/study-scope';
import { useBackKey } from '../../lib/use-back-key';
import { useLoad } from '../../lib/use-load';
import {
  type Choice,
  type ChoiceState,
  INITIAL_CHOICE,
  reschedules,
  sessionLabel,
  startInput,
} from './custom-study-choice';
import { type Count, countText, useCounts, useTags } from './custom-study-counts';
import { type Extended, ExtendLimits, extendLimits } from './extend-limits';

interface Props {
  scope: Scope;
  onHome: () => void;
  /** Opens the study screen on the session just started. */
  onStart: (target: StudyTarget) => void;
}

/** The deck's or section's name, from the deck list; not_found-like error text when it is not there. */
async function loadPlace(scope: Scope): Promise<{ name: string; deck: DeckSummary }> {
  const decks = await call('decks.list', {});
  const deck = decks.find((d) => d.id === scope.deckId);
  if (!deck) throw new Error(`There is no deck ${scope.deckId}.`);
  if (scope.sectionId === undefined) return { name: deck.name, deck };
  const section = deck.sections.find((s) => s.id === scope.sectionId);
  if (!section) throw new Error(`Deck “${deck.name}” has no section ${scope.sectionId}.`);
  return { name: section.name, deck };
}

export function CustomStudyScreen({ scope, onHome, onStart }: Props) {
  const place = useLoad(() => loadPlace(scope));
  const [state, setState] = useState<ChoiceState>(INITIAL_CHOICE);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [extended, setExtended] = useState<Extended | null>(null);
  const counts = useCounts(scope, state);
  const tags = useTags(scope);
  const titleId = useId();
  useBackKey(onHome);
  const change = (patch: Partial<ChoiceState>) => {
    setProblem(null);
    setState((old) => ({ ...old, ...patch }));
  };
  const tagChosen = state.tag || tags.tags?.[0]?.tag || '';

  const start = async (event: FormEvent) => {
    event.preventDefault();
    const chosen = { ...state, tag: tagChosen };
    const input = startInput(scope, chosen);
    if (busy || !place.data) return;
    setBusy(true);
    setExtended(null);
    try {
      if (input === null) {
        setExtended(await extendLimits(scope.deckId, state));
      } else {
        const session = await call('custom.start', input);
        const label = sessionLabel(chosen);
        onStart({ scope, title: place.data.name, custom: { ...session, kind: input.kind, label } });
        return;
      }
    } catch (reason) {
      setProblem(describeError(reason).message);
    }
    setBusy(false);
  };

  if (place.error !== null) return <ErrorPanel error={place.error} onRetry={place.reload} onHome={onHome} />;
  return (
    <main className="page custom-page" aria-labelledby={titleId}>
      <ScreenHeader backLabel="Decks" onBack={onHome} title="Custom study" titleId={titleId} />
      <p className="custom-place muted" data-testid="custom-place">
        {place.data ? `${scope.sectionId === undefined ? 'Deck' : 'Section'}: ${place.data.name}` : 'Loading…'}
      </p>
      <form className="custom-form" onSubmit={start} onKeyDown={submitOnEnter}>
        <fieldset className="format-choice custom-choices">
          <legend>What to study</legend>
          <Option state={state} value="ahead" label="Study ahead" count={counts.ahead} onChange={change}>
            Cards due in the next{' '}
            <DaysField
              value={state.aheadDays}
              onChange={(aheadDays) => change({ aheadDays, choice: 'ahead' })}
              name="ahead"
            />{' '}
            days, before they are due. Answers reschedule them, as an early review.
          </Option>
          <Option
            state={state}
            value="forgotten"
            label="Review forgotten cards"
            count={counts.forgotten}
            onChange={change}
          >
            Cards you answered Again in the last{' '}
            <DaysField
              value={state.forgottenDays}
              onChange={(forgottenDays) => change({ forgottenDays, choice: 'forgotten' })}
              name="forgotten"
            />{' '}
            days (today counts as one).
          </Option>
          <Option state={state} value="preview" label="Preview new cards" count={counts.preview} onChange={change}>
            New cards in order, without introducing them.
          </Option>
          <Option state={state} value="tag" label="Cram a tag" count={tagCount(tags.tags, tagChosen)} onChange={change}>
            <TagField
              tags={tags.tags}
              problem={tags.problem}
              value={tagChosen}
              onChange={(tag) => change({ tag, choice: 'tag' })}
            />
          </Option>
          <Option
            state={state}
            value="query"
            label="Cram a search"
            count={state.query.trim() ? counts.query : null}
            onChange={change}
          >
            <input
              className="field custom-query"
              aria-label="Search, as in the card browser"
              placeholder='e.g. tag:ml "gradient descent" -is:new'
              value={state.query}
              onChange={(event) => change({ query: event.target.value, choice: 'query' })}
              data-testid="custom-query"
            />
          </Option>
          <Option state={state} value="limits" label="Increase today’s limits" count={null} onChange={change}>
            More new cards or reviews today than the deck’s limits allow.
          </Option>
        </fieldset>
        <div className="custom-side">
          {state.choice === 'limits' ? (
            <ExtendLimits state={state} extended={extended} onChange={change} />
          ) : (
            <SessionOptions state={state} onChange={change} />
          )}
          {problem && (
            <p className="import-problem" role="alert" data-testid="custom-problem">
              {problem}
            </p>
          )}
          <div className="button-row">
            <button type="submit" className="button primary large" aria-disabled={busy} data-testid="custom-start">
              {state.choice === 'limits' ? 'Increase today’s limits' : 'Start custom session'} <KeyHint>Enter</KeyHint>
            </button>
          </div>
        </div>
      </form>
    </main>
  );
}

/** Enter on a radio button or the checkbox starts, as it would in a text field. */
function submitOnEnter(event: KeyboardEvent<HTMLFormElement>) {
  const target = event.target as HTMLElement;
  if (event.key !== 'Enter' || !(target instanceof HTMLInputElement)) return;
  if (target.type !== 'radio' && target.type !== 'checkbox') return;
  event.preventDefault();
  event.currentTarget.requestSubmit();
}

interface OptionProps {
  state: ChoiceState;
  value: Choice;
  label: string;
  count: Count;
  onChange: (patch: Partial<ChoiceState>) => void;
  children: React.ReactNode;
}

function Option({ state, value, label, count, onChange, children }: OptionProps) {
  const checked = state.choice === value;
  return (
    <div className="format-option custom-option" data-testid={`custom-option-${value}`}>
      <input
        type="radio"
        name="custom-kind"
        id={`custom-${value}`}
        value={value}
        checked={checked}
        onChange={() => onChange({ choice: value })}
        // biome-ignore lint/a11y/noAutofocus: the screen is for choosing; the choice has the focus.
        autoFocus={checked}
      />
      <div>
        <label htmlFor={`custom-${value}`} className="format-label">
          {label}
          {count !== null && (
            <span className="custom-count" data-testid={`custom-count-${value}`}>
              {countText(count)}
            </span>
          )}
        </label>
        <span className="format-note">{children}</span>
      </div>
    </div>
  );
}

function DaysField({ value, name, onChange }: { value: string; name: string; onChange: (days: string) => void }) {
  return (
    <input
      className="field custom-days"
      type="number"
      min={1}
      max={365}
      value={value}
      aria-label={name === 'ahead' ? 'Days ahead' : 'Days back'}
      onChange={(event) => onChange(event.target.value)}
      data-testid={`custom-days-${name}`}
    />
  );
}

type TagList = { tag: string; cards: number }[] | null;

function tagCount(tags: TagList, tag: string): Count {
  if (tags === null) return null;
  const found = tags.find((t) => t.tag === tag);
  return found ? { cards: found.cards } : { cards: 0 };
}

function TagField({
  tags,
  problem,
  value,
  onChange,
}: {
  tags: TagList;
  problem: string | null;
  value: string;
  onChange: (tag: string) => void;
}) {
  if (problem) return <>{problem}</>;
  if (tags === null) return <>Loading the tags…</>;
  if (tags.length === 0) return <>No cards here have tags; the card browser adds them.</>;
  return (
    <select
      className="field custom-tag"
      aria-label="Tag"
      value={value}
      onChange={(event) => onChange(event.target.value)}
      data-testid="custom-tag"
    >
      {tags.map((t) => (
        <option key={t.tag} value={t.tag}>
          {t.tag} ({t.cards})
        </option>
      ))}
    </select>
  );
}

/** The session's size, and for preview and cram whether answers reschedule. */
function SessionOptions({ state, onChange }: { state: ChoiceState; onChange: (patch: Partial<ChoiceState>) => void }) {
  const always = state.choice === 'ahead' || state.choice === 'forgotten';
  return (
    <div className="custom-session-options">
      <label className={`check${always ? ' is-disabled' : ''}`}>
        <input
          type="checkbox"
          checked={reschedules(state)}
          disabled={always}
          onChange={(event) => onChange({ reschedule: event.target.checked })}
          data-testid="custom-reschedule"
        />
        <span>
          Reschedule cards based on my answers
          <span className="format-note">
            {always
              ? 'Studying ahead and forgotten cards always reschedule, as ordinary study does.'
              : 'Off: practice only. The schedule and the review log stay as they are; Again and Hard show the card again later in the session.'}
          </span>
        </span>
      </label>
      <label className="option-field">
        <span>At most this many cards</span>
        <input
          className="field"
          type="number"
          min={1}
          max={9999}
          value={state.limit}
          onChange={(event) => onChange({ limit: event.target.value })}
          data-testid="custom-limit"
        />
      </label>
    </div>
  );
}
