/**
 * Find and replace in the notes of the selected cards (Anki's Ctrl+Alt+F): plain text or a regular
 * expression, in every field, the tags or one field. As the person types, the core previews what would
 * change (nothing is written) and the dialog lists it, before → after; Apply makes the change.
 * A problem of the input (a regular expression that does not compile, a field none of the notes has)
 * is said at the field it concerns.
 */
import { type FormEvent, type ReactNode, useEffect, useId, useState } from 'react';
import type { ApiInput } from '../../../shared/api';
import type { FindReplaceResult } from '../../../shared/notes';
import { call } from '../../lib/api-client';
import { useModal } from '../../lib/dialog-hooks';
import { describeError } from '../../lib/errors';
import { plural } from '../../lib/format';
import { changeSnippet } from './change-snippet';
import { useDebounced } from './search-pages';

type Target = ApiInput<'notes.findReplace'>['in'];

interface Props {
  cardIds: number[];
  onClose: () => void;
  /** After the change was made, with what it changed. */
  onApplied: (result: FindReplaceResult) => void;
}

const PREVIEW_DEBOUNCE_MS = 200;

/** The `in` choices: every field, the tags, or one field of the notes' types (by name). */
function targetOf(choice: string): Target {
  if (choice === 'fields' || choice === 'tags') return choice;
  return { field: choice.slice('field:'.length) };
}

/** Where a refusal belongs: at the find field (a bad pattern), at the `in` choice (no such field), or the dialog. */
function problemPlace(reason: unknown): 'find' | 'in' | 'dialog' {
  const details = (reason as { details?: unknown })?.details;
  if (details && typeof details === 'object' && 'find' in details) return 'find';
  if (details && typeof details === 'object' && 'field' in details) return 'in';
  return 'dialog';
}

export function FindReplaceDialog({ cardIds, onClose, onApplied }: Props) {
  const [find, setFind] = useState('');
  const [replace, setReplace] = useState('');
  const [regex, setRegex] = useState(false);
  const [matchCase, setMatchCase] = useState(false);
  const [where, setWhere] = useState('fields');
  const [busy, setBusy] = useState(false);
  const [applyProblem, setApplyProblem] = useState<string | null>(null);
  const dialog = useModal(busy);
  const titleId = useId();
  const fields = useFieldNames();
  const input = { cardIds, find, replace, regex, matchCase, in: targetOf(where) };
  const settled = useDebounced(JSON.stringify(input), PREVIEW_DEBOUNCE_MS);
  const preview = usePreview(settled);
  const current = preview.for === JSON.stringify(input);
  const place = preview.problem ? problemPlace(preview.problem) : null;
  const message = preview.problem ? describeError(preview.problem).message : null;
  const ready = current && preview.result !== null && preview.result.notes > 0 && !busy;

  const apply = async (event: FormEvent) => {
    event.preventDefault();
    if (!ready) return;
    setBusy(true);
    setApplyProblem(null);
    try {
      const result = await call('notes.findReplace', { ...input, preview: false });
      onApplied(result);
      setBusy(false);
      dialog.current?.close();
    } catch (reason) {
      setApplyProblem(describeError(reason).message);
      setBusy(false);
    }
  };

  return (
    <dialog
      ref={dialog}
      className="modal find-replace-dialog"
      aria-labelledby={titleId}
      onClose={onClose}
      onCancel={(event) => busy && event.preventDefault()}
      data-testid="find-replace-dialog"
    >
      <form onSubmit={apply}>
        <h2 id={titleId}>Find and replace in {plural(cardIds.length, 'selected card')}</h2>
        <div className="find-replace-grid">
          <Field label="Find" problem={place === 'find' ? message : null}>
            {(controlId, describedBy) => (
              <input
                id={controlId}
                className="field"
                value={find}
                maxLength={1000}
                onChange={(event) => setFind(event.target.value)}
                aria-invalid={place === 'find'}
                aria-describedby={describedBy}
                autoFocus
                data-testid="find-text"
              />
            )}
          </Field>
          <Field label="Replace with">
            {(controlId) => (
              <input
                id={controlId}
                className="field"
                value={replace}
                maxLength={10_000}
                onChange={(event) => setReplace(event.target.value)}
                placeholder={regex ? '$1 for the first group' : undefined}
                data-testid="replace-text"
              />
            )}
          </Field>
          <Field label="In" problem={place === 'in' ? message : null}>
            {(controlId, describedBy) => (
              <select
                id={controlId}
                className="field"
                value={where}
                onChange={(event) => setWhere(event.target.value)}
                aria-invalid={place === 'in'}
                aria-describedby={describedBy}
                data-testid="find-in"
              >
                <option value="fields">All fields</option>
                {fields.map((field) => (
                  <option key={field} value={`field:${field}`}>
                    {fieldLabel(field)}
                  </option>
                ))}
                <option value="tags">Tags</option>
              </select>
            )}
          </Field>
        </div>
        <div className="find-replace-options">
          <label>
            <input type="checkbox" checked={regex} onChange={(event) => setRegex(event.target.checked)} /> Regular
            expression
          </label>
          <label>
            <input type="checkbox" checked={matchCase} onChange={(event) => setMatchCase(event.target.checked)} /> Match
            case
          </label>
        </div>
        <PreviewList
          find={find}
          result={current ? preview.result : null}
          problem={place === 'dialog' ? message : null}
        />
        {applyProblem && (
          <p className="import-problem" role="alert">
            {applyProblem}
          </p>
        )}
        <div className="button-row modal-actions">
          <button type="submit" className="button primary" aria-disabled={!ready} data-testid="find-replace-apply">
            {busy
              ? 'Replacing…'
              : current && preview.result
                ? `Replace in ${plural(preview.result.notes, 'note')}`
                : 'Replace'}
          </button>
          <button type="button" className="button" onClick={() => !busy && dialog.current?.close()}>
            Cancel
          </button>
        </div>
      </form>
    </dialog>
  );
}

/** The built-in types' fields read as the question and answer they make. */
function fieldLabel(field: string): string {
  if (field === 'Front' || field === 'Text') return `${field} (question)`;
  if (field === 'Back') return `${field} (answer)`;
  return field;
}

function Field(props: {
  label: string;
  problem?: string | null;
  children: (id: string, describedBy: string | undefined) => ReactNode;
}) {
  const problemId = useId();
  const controlId = useId();
  return (
    <div className="find-replace-field">
      <label htmlFor={controlId}>{props.label}</label>
      {props.children(controlId, props.problem ? problemId : undefined)}
      {props.problem && (
        <span id={problemId} className="search-error" role="alert" data-testid="find-replace-problem">
          {props.problem}
        </span>
      )}
    </div>
  );
}

function PreviewList({
  find,
  result,
  problem,
}: {
  find: string;
  result: FindReplaceResult | null;
  problem: string | null;
}) {
  if (problem) {
    return (
      <p className="import-problem" role="alert">
        {problem}
      </p>
    );
  }
  if (find === '') return <p className="muted find-replace-status">Type what to find; the changes show here first.</p>;
  if (result === null) return <p className="muted find-replace-status">Looking…</p>;
  const listed = new Set(result.changes.map((change) => change.noteId)).size;
  const more = listed < result.notes ? ' (the first are listed)' : '';
  return (
    <section className="find-replace-preview" aria-label="What would change" data-testid="find-replace-preview">
      <p className="find-replace-status" role="status" data-testid="find-replace-count">
        {result.notes === 0
          ? 'Nothing matches in the selected cards’ notes.'
          : `${plural(result.notes, 'note')} (${plural(result.cards, 'card')}) would change${more}.`}
      </p>
      {result.changes.length > 0 && (
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling list is reached by keyboard too.
        <ol className="find-replace-changes" tabIndex={0} aria-label="Changes">
          {result.changes.map((change, index) => {
            const part = changeSnippet(change.before, change.after);
            return (
              // one note can change in several fields; the list is replaced whole on each preview
              // biome-ignore lint/suspicious/noArrayIndexKey: a change has no identity of its own.
              <li key={index} data-testid="find-replace-change">
                <span className="find-replace-where">
                  Note {change.noteId} · {change.field}
                </span>
                <span className="find-replace-before">
                  {part.before}
                  <del>{part.removed}</del>
                  {part.after}
                </span>
                <span aria-hidden="true" className="find-replace-arrow">
                  →
                </span>
                <span className="visually-hidden">becomes</span>
                <span className="find-replace-after">
                  {part.before}
                  <ins>{part.added}</ins>
                  {part.after}
                </span>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}

/** The names of the fields of every note type that has notes, for the `in` choice. */
function useFieldNames(): string[] {
  const [fields, setFields] = useState<string[]>([]);
  useEffect(() => {
    let current = true;
    call('notetypes.list', {}).then(
      (types) => {
        if (!current) return;
        const names = types.filter((type) => type.notes > 0).flatMap((type) => type.fields);
        setFields([...new Set(names)]);
      },
      () => {}, // then only all fields and the tags are offered
    );
    return () => {
      current = false;
    };
  }, []);
  return fields;
}

interface Preview {
  /** The input (as JSON) this preview answers. */
  for: string;
  result: FindReplaceResult | null;
  problem: unknown;
}

/** The core's preview of the settled input; an answer that arrives after a newer request is dropped. */
function usePreview(settled: string): Preview {
  const [preview, setPreview] = useState<Preview>({ for: '', result: null, problem: null });
  useEffect(() => {
    const input = JSON.parse(settled) as ApiInput<'notes.findReplace'>;
    if (input.find === '') {
      setPreview({ for: settled, result: null, problem: null });
      return;
    }
    let current = true;
    call('notes.findReplace', { ...input, preview: true }).then(
      (result) => current && setPreview({ for: settled, result, problem: null }),
      (problem: unknown) => current && setPreview({ for: settled, result: null, problem }),
    );
    return () => {
      current = false;
    };
  }, [settled]);
  return preview;
}
