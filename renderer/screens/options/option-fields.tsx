/**
 * One option of the form: its label, its control, a plain one-line explanation, and its message when
 * the value is wrong (the control marked aria-invalid and described by the message).
 */
import { useId } from 'react';
import type { DraftField, Issues, OptionsDraft } from './options-draft';

export interface FieldBinding {
  draft: OptionsDraft;
  issues: Issues;
  set: <F extends DraftField>(field: F, value: OptionsDraft[F]) => void;
}

interface Common {
  bind: FieldBinding;
  label: string;
  hint: string;
}

type TextKey = {
  [F in DraftField]: OptionsDraft[F] extends string ? F : never;
}[DraftField];
type FlagKey = {
  [F in DraftField]: OptionsDraft[F] extends boolean ? F : never;
}[DraftField];

function Message({ id, issue }: { id: string; issue: string | undefined }) {
  if (!issue) return null;
  return (
    <span className="option-issue" id={id} data-testid="option-issue">
      {issue}
    </span>
  );
}

/** A number or text option; `unit` follows the box ("days", "%"). */
export function TextOption({
  bind,
  field,
  label,
  hint,
  unit,
  numeric = true,
  placeholder,
}: Common & { field: TextKey; unit?: string; numeric?: boolean; placeholder?: string }) {
  const id = useId();
  const issue = bind.issues[field];
  return (
    <div className="option-row">
      <label className="option-label" htmlFor={`${id}-input`}>
        {label}
      </label>
      <div className="option-control">
        <input
          id={`${id}-input`}
          className={`field${numeric ? ' option-number' : ' option-text'}`}
          inputMode={numeric ? 'decimal' : undefined}
          value={bind.draft[field]}
          placeholder={placeholder}
          onChange={(event) => bind.set(field, event.target.value)}
          aria-invalid={issue ? true : undefined}
          aria-describedby={`${id}-hint${issue ? ` ${id}-issue` : ''}`}
          data-testid={`option-${field}`}
          spellCheck={false}
          autoComplete="off"
        />
        {unit && <span className="option-unit">{unit}</span>}
        <Message id={`${id}-issue`} issue={issue} />
      </div>
      <span className="format-note option-hint" id={`${id}-hint`}>
        {hint}
      </span>
    </div>
  );
}

export function ChoiceOption<F extends 'newCardOrder' | 'reviewOrder' | 'leechAction'>({
  bind,
  field,
  label,
  hint,
  choices,
}: Common & { field: F; choices: { value: OptionsDraft[F]; label: string }[] }) {
  const id = useId();
  return (
    <div className="option-row">
      <label className="option-label" htmlFor={`${id}-input`}>
        {label}
      </label>
      <div className="option-control">
        <select
          id={`${id}-input`}
          className="field"
          value={bind.draft[field]}
          onChange={(event) => bind.set(field, event.target.value as OptionsDraft[F])}
          aria-describedby={`${id}-hint`}
          data-testid={`option-${field}`}
        >
          {choices.map((choice) => (
            <option key={choice.value} value={choice.value}>
              {choice.label}
            </option>
          ))}
        </select>
      </div>
      <span className="format-note option-hint" id={`${id}-hint`}>
        {hint}
      </span>
    </div>
  );
}

export function FlagOption({ bind, field, label, hint }: Common & { field: FlagKey }) {
  const id = useId();
  return (
    <div className="option-row option-flag">
      <label className="option-check">
        <input
          type="checkbox"
          checked={bind.draft[field]}
          onChange={(event) => bind.set(field, event.target.checked)}
          aria-describedby={`${id}-hint`}
          data-testid={`option-${field}`}
        />
        <span>{label}</span>
      </label>
      <span className="format-note option-hint" id={`${id}-hint`}>
        {hint}
      </span>
    </div>
  );
}
