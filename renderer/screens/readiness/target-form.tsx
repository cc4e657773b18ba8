/**
 * The target date of a deck (or of every deck: the collection's), with deadline mode, set and cleared
 * here. The date is a study day; a date before today is refused by Cue with a message shown beside it.
 */
import { type FormEvent, useId, useState } from 'react';
import type { DeckTarget } from '../../../shared/readiness';
import { call } from '../../lib/api-client';
import { describeError } from '../../lib/errors';

interface Props {
  deckId: number;
  target: DeckTarget;
  onChanged: () => void;
}

type Scope = 'deck' | 'collection';

export function TargetForm({ deckId, target, onChanged }: Props) {
  const current = target.effective;
  const [scope, setScope] = useState<Scope>(current?.source ?? 'deck');
  const [date, setDate] = useState(current?.date ?? '');
  const [deadlineMode, setDeadlineMode] = useState(current?.deadlineMode ?? true);
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const ids = { date: useId(), deadline: useId(), note: useId() };
  const save = async (value: string | null, clearScope = scope) => {
    setSaving(true);
    setProblem(null);
    try {
      const where = clearScope === 'deck' ? { deckId } : {};
      await call('readiness.setTarget', { ...where, date: value, deadlineMode });
      onChanged();
    } catch (error) {
      setProblem(describeError(error).message);
    } finally {
      setSaving(false);
    }
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!date) setProblem('Choose a date first.');
    else void save(date);
  };
  return (
    <form className="stats-card readiness-target" onSubmit={submit} aria-label="Target date" noValidate>
      <h2>Target date</h2>
      <div className="readiness-target-row">
        <label htmlFor={ids.date}>Interview on</label>
        <input
          id={ids.date}
          className="field"
          type="date"
          value={date}
          onChange={(event) => {
            setDate(event.target.value);
            setProblem(null);
          }}
          aria-describedby={ids.note}
          data-testid="target-date"
        />
        <fieldset className="readiness-scope">
          <legend className="visually-hidden">Applies to</legend>
          {(['deck', 'collection'] as const).map((value) => (
            <label key={value}>
              <input type="radio" name="scope" checked={scope === value} onChange={() => setScope(value)} />
              {value === 'deck' ? ' This deck' : ' Every deck'}
            </label>
          ))}
        </fieldset>
      </div>
      <label className="readiness-deadline" htmlFor={ids.deadline}>
        <input
          id={ids.deadline}
          type="checkbox"
          checked={deadlineMode}
          onChange={(event) => setDeadlineMode(event.target.checked)}
          data-testid="deadline-mode"
        />{' '}
        Deadline mode: until the date, shorten intervals so each card's last review before it leaves recall on the date
        at or above your desired retention
      </label>
      <p id={ids.note} className="muted stats-note">
        {noteFor(target)}
      </p>
      {problem && (
        <p className="import-problem" role="alert" data-testid="target-problem">
          {problem}
        </p>
      )}
      <div className="button-row">
        <button type="submit" className="button primary" disabled={saving} data-testid="save-target">
          Save
        </button>
        {current && (
          <button
            type="button"
            className="button ghost"
            disabled={saving}
            onClick={() => {
              setDate('');
              void save(null, current.source);
            }}
            data-testid="clear-target"
          >
            Clear the {current.source === 'deck' ? "deck's" : "collection's"} date
          </button>
        )}
      </div>
    </form>
  );
}

function noteFor(target: DeckTarget): string {
  if (!target.effective) return 'No target date yet. A date set for every deck applies to decks without their own.';
  const whose = target.effective.source === 'deck' ? "This deck's own date" : 'The date set for every deck';
  const over =
    target.effective.source === 'deck' && target.collection ? ` (over every deck's ${target.collection.date})` : '';
  return `${whose}${over}; deadline mode ${target.effective.deadlineMode ? 'on' : 'off'}.`;
}
