/**
 * Setting up a mock interview: the sections to draw from, each with its time limit (editable, kept per
 * section), how many questions, weakest first or at random; or resume the one in progress.
 */
import { type FormEvent, useId, useState } from 'react';
import type { MockSectionLimit, MockSetup } from '../../../shared/mock';
import { call } from '../../lib/api-client';
import { ErrorPanel } from '../../lib/error-panel';
import { describeError } from '../../lib/errors';
import { KeyHint } from '../../lib/key-hint';
import { ScreenHeader } from '../../lib/screen-header';
import { useBackKey } from '../../lib/use-back-key';
import { useLoad } from '../../lib/use-load';
import { clockText } from './mock-clock';
import {
  availableCards,
  initialChoice,
  minutesText,
  parseMinutes,
  type SetupChoice,
  startInput,
} from './mock-setup-form';

interface Props {
  deckId: number;
  onHome: () => void;
  onSession: (sessionId: number) => void;
}

export function MockSetupScreen({ deckId, onHome, onSession }: Props) {
  const setup = useLoad(() => call('mock.sections', { deckId }), String(deckId));
  const titleId = useId();
  useBackKey(onHome);
  if (setup.error !== null) return <ErrorPanel error={setup.error} onRetry={setup.reload} onHome={onHome} />;
  return (
    <main className="page mock-page" aria-labelledby={titleId}>
      <ScreenHeader backLabel="Decks" onBack={onHome} title="Mock interview" titleId={titleId} />
      {setup.data ? (
        <SetupForm key={setup.data.sections.length} setup={setup.data} onSession={onSession} />
      ) : (
        <p className="muted">Loading…</p>
      )}
    </main>
  );
}

function SetupForm({ setup, onSession }: { setup: MockSetup; onSession: (sessionId: number) => void }) {
  const [sections, setSections] = useState(setup.sections);
  const [choice, setChoice] = useState<SetupChoice>(() => initialChoice(setup.sections));
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const change = (patch: Partial<SetupChoice>) => {
    setProblem(null);
    setChoice((old) => ({ ...old, ...patch }));
  };
  const start = async (event: FormEvent) => {
    event.preventDefault();
    const checked = startInput(setup.deckId, sections, choice);
    if ('problem' in checked) return setProblem(checked.problem);
    if (busy) return;
    setBusy(true);
    try {
      onSession((await call('mock.start', checked.input)).sessionId);
    } catch (reason) {
      setProblem(describeError(reason).message);
      setBusy(false);
    }
  };
  const replace = (row: MockSectionLimit) =>
    setSections((old) => old.map((s) => (s.sectionId === row.sectionId ? row : s)));
  return (
    <form className="mock-form" onSubmit={start}>
      {setup.running && (
        <p className="mock-resume">
          An interview is in progress (question {setup.running.position} of {setup.running.total}).{' '}
          <button
            type="button"
            className="button"
            onClick={() => onSession(setup.running?.sessionId ?? 0)}
            data-testid="mock-resume"
          >
            Resume it
          </button>
        </p>
      )}
      <fieldset className="format-choice mock-sections">
        <legend>Sections and their time per question</legend>
        {sections.map((section) => (
          <SectionRow
            key={section.sectionId}
            section={section}
            checked={choice.chosen.includes(section.sectionId)}
            onCheck={(on) =>
              change({
                chosen: on
                  ? [...choice.chosen, section.sectionId]
                  : choice.chosen.filter((id) => id !== section.sectionId),
              })
            }
            onLimit={replace}
          />
        ))}
      </fieldset>
      <SessionFields choice={choice} available={availableCards(sections, choice.chosen)} onChange={change} />
      {problem && (
        <p className="import-problem" role="alert" data-testid="mock-problem">
          {problem}
        </p>
      )}
      <div className="button-row">
        <button type="submit" className="button primary large" aria-disabled={busy} data-testid="mock-start">
          Start the interview <KeyHint>Enter</KeyHint>
        </button>
      </div>
    </form>
  );
}

interface RowProps {
  section: MockSectionLimit;
  checked: boolean;
  onCheck: (checked: boolean) => void;
  onLimit: (row: MockSectionLimit) => void;
}

function SectionRow({ section, checked, onCheck, onLimit }: RowProps) {
  const [text, setText] = useState(minutesText(section.limitMs));
  const [problem, setProblem] = useState<string | null>(null);
  const fieldId = useId();
  const save = async (seconds: number | null) => {
    try {
      const row = await call('mock.setLimit', { sectionId: section.sectionId, seconds });
      onLimit(row);
      setText(minutesText(row.limitMs));
      setProblem(null);
    } catch (reason) {
      setProblem(describeError(reason).message);
    }
  };
  const commit = () => {
    const parsed = parseMinutes(text);
    if ('problem' in parsed) return setProblem(parsed.problem);
    if (parsed.seconds * 1000 !== section.limitMs) void save(parsed.seconds);
  };
  return (
    <div className="format-option mock-section" data-testid={`mock-section-${section.key}`}>
      <label className="check mock-section-name">
        <input
          type="checkbox"
          checked={checked}
          disabled={section.cards === 0}
          onChange={(event) => onCheck(event.target.checked)}
        />
        <span>
          {section.name} <span className="muted">({section.cards} cards)</span>
          {section.medianMs !== null && (
            <span className="format-note">your median {clockText(section.medianMs, 'down')}</span>
          )}
        </span>
      </label>
      <span className="mock-limit">
        <label htmlFor={fieldId}>Minutes</label>
        <input
          id={fieldId}
          className="field mock-limit-field"
          inputMode="decimal"
          value={text}
          aria-invalid={problem !== null}
          onChange={(event) => setText(event.target.value)}
          onBlur={commit}
          onKeyDown={(event) => {
            // Enter saves the limit typed here rather than starting the interview with the old one
            if (event.key !== 'Enter') return;
            event.preventDefault();
            commit();
          }}
          data-testid={`mock-limit-${section.key}`}
        />
        {section.custom && (
          <button type="button" className="button ghost small" onClick={() => void save(null)}>
            Default ({minutesText(section.defaultLimitMs)})
          </button>
        )}
      </span>
      {problem && (
        <span className="import-problem mock-limit-problem" role="alert">
          {problem}
        </span>
      )}
    </div>
  );
}

interface FieldsProps {
  choice: SetupChoice;
  available: number;
  onChange: (patch: Partial<SetupChoice>) => void;
}

function SessionFields({ choice, available, onChange }: FieldsProps) {
  const countId = useId();
  return (
    <div className="mock-session-fields">
      <span className="option-field">
        <label htmlFor={countId}>Questions</label>
        <input
          id={countId}
          className="field mock-count"
          type="number"
          min={1}
          max={available}
          value={choice.count}
          onChange={(event) => onChange({ count: event.target.value })}
          data-testid="mock-count"
        />
        <span className="muted">of {available}</span>
      </span>
      <fieldset className="mock-order">
        <legend>Order</legend>
        <label className="check">
          <input
            type="radio"
            name="mock-order"
            checked={choice.order === 'weakest'}
            onChange={() => onChange({ order: 'weakest' })}
          />
          Weakest first <span className="format-note">never studied, then the cards you are likeliest to forget</span>
        </label>
        <label className="check">
          <input
            type="radio"
            name="mock-order"
            checked={choice.order === 'random'}
            onChange={() => onChange({ order: 'random' })}
          />
          Random
        </label>
      </fieldset>
    </div>
  );
}
