/**
 * A note type's card templates (question, answer, in Anki's template syntax) and its CSS, saved
 * together. A normal type can have several templates (one card each); a cloze type has one. What the
 * save refuses (a template that cannot be read, a cloze type without `{{cloze:…}}`) is said here, under
 * the templates, and nothing changes.
 */
import { useId, useState } from 'react';
import type { NoteType } from '../../../shared/notes';
import { call } from '../../lib/api-client';
import { describeError } from '../../lib/errors';
import { addTemplate, editTemplate, moveRow, removeRow, templateRows, templatesChanged } from './type-edits';

interface Props {
  type: NoteType;
  onSaved: (type: NoteType, text: string) => void;
}

export function NoteTypeTemplates({ type, onSaved }: Props) {
  const ids = useId();
  const [rows, setRows] = useState(() => templateRows(type));
  const [css, setCss] = useState(type.css);
  const [open, setOpen] = useState(0);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const current = rows[Math.min(open, rows.length - 1)];
  const index = Math.min(open, rows.length - 1);
  const changed = templatesChanged(type, rows, css);

  const save = async () => {
    if (busy) return;
    setBusy(true);
    try {
      const result = await call('notetypes.update', { noteTypeId: type.id, templates: rows, css });
      setProblem(null);
      const cards = result.added + result.retired;
      onSaved(
        result.noteType,
        `Templates saved${cards ? `: ${result.added} ${result.added === 1 ? 'card' : 'cards'} added, ${result.retired} retired` : ''}.`,
      );
    } catch (reason) {
      setProblem(describeError(reason).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="notetype-section" aria-labelledby={`${ids}-h`}>
      <h3 className="notetype-section-title" id={`${ids}-h`}>
        Card templates
      </h3>
      <div className="notetype-tabs">
        <div className="notetype-tablist" role="tablist" aria-label="Templates">
          {rows.map((row, i) => (
            <button
              key={row.previous ?? `new-${i}`}
              type="button"
              role="tab"
              aria-selected={i === index}
              className={`notetype-tab${i === index ? ' is-active' : ''}`}
              onClick={() => setOpen(i)}
              data-testid="template-tab"
            >
              {row.name || `Card ${i + 1}`}
            </button>
          ))}
        </div>
        {type.kind === 'normal' && (
          <button
            type="button"
            className="button small ghost"
            onClick={() => {
              setRows(addTemplate(rows, type.fields));
              setOpen(rows.length);
            }}
            data-testid="add-template"
          >
            Add template
          </button>
        )}
      </div>
      {current && (
        <div className="notetype-template" role="tabpanel">
          <label htmlFor={`${ids}-name`}>Name</label>
          <div className="notetype-template-name">
            <input
              id={`${ids}-name`}
              className="field"
              value={current.name}
              onChange={(event) => setRows(editTemplate(rows, index, { name: event.target.value }))}
              data-testid="template-name"
            />
            {type.kind === 'normal' && (
              <>
                <button
                  type="button"
                  className="button small ghost"
                  disabled={index === 0}
                  onClick={() => {
                    setRows(moveRow(rows, index, -1));
                    setOpen(index - 1);
                  }}
                >
                  Move left
                </button>
                <button
                  type="button"
                  className="button small ghost"
                  disabled={rows.length === 1}
                  onClick={() => {
                    setRows(removeRow(rows, index));
                    setOpen(Math.max(0, index - 1));
                  }}
                  data-testid="remove-template"
                >
                  Remove
                </button>
              </>
            )}
          </div>
          <label htmlFor={`${ids}-q`}>Question</label>
          <textarea
            id={`${ids}-q`}
            className="field editor-text"
            rows={4}
            value={current.question}
            onChange={(event) => setRows(editTemplate(rows, index, { question: event.target.value }))}
            spellCheck={false}
            data-testid="template-question"
          />
          <label htmlFor={`${ids}-a`}>Answer</label>
          <textarea
            id={`${ids}-a`}
            className="field editor-text"
            rows={5}
            value={current.answer}
            onChange={(event) => setRows(editTemplate(rows, index, { answer: event.target.value }))}
            spellCheck={false}
            data-testid="template-answer"
          />
        </div>
      )}
      <label htmlFor={`${ids}-css`}>CSS (every card of the type)</label>
      <textarea
        id={`${ids}-css`}
        className="field editor-text"
        rows={4}
        value={css}
        onChange={(event) => setCss(event.target.value)}
        spellCheck={false}
        data-testid="template-css"
      />
      {problem && (
        <p className="notetype-problem" role="alert" data-testid="templates-problem">
          {problem}
        </p>
      )}
      <div className="button-row">
        <button
          type="button"
          className="button small primary"
          disabled={!changed}
          aria-disabled={busy}
          onClick={() => void save()}
          data-testid="save-templates"
        >
          Save templates
        </button>
        {changed && (
          <button
            type="button"
            className="button small ghost"
            onClick={() => {
              setRows(templateRows(type));
              setCss(type.css);
              setProblem(null);
            }}
          >
            Discard
          </button>
        )}
      </div>
    </section>
  );
}
