/**
 * The note types (`#/notetypes`): every type with its fields, templates and how many notes use it;
 * one chosen to clone, rename, give fields and templates, or delete when no note uses it. Changes keep
 * what notes hold: each field and template says which old one it continues (type-edits.ts).
 */
import { useState } from 'react';
import type { NoteType } from '../../../shared/notes';
import { call } from '../../lib/api-client';
import { ErrorPanel } from '../../lib/error-panel';
import { plural } from '../../lib/format';
import { ScreenHeader } from '../../lib/screen-header';
import { Toast, useToast } from '../../lib/toast';
import { useBackKey } from '../../lib/use-back-key';
import { useLoad } from '../../lib/use-load';
import { DeleteNoteTypeDialog, NoteTypeNameDialog } from './note-type-dialogs';
import { NoteTypeFields } from './note-type-fields';
import { NoteTypeTemplates } from './note-type-templates';

interface Props {
  onBack: () => void;
  backLabel: string;
}

type Dialog = { kind: 'clone' | 'rename' | 'delete'; type: NoteType } | null;

export function NoteTypesScreen({ onBack, backLabel }: Props) {
  const { data, error, reload } = useLoad(() => call('notetypes.list', {}));
  const [chosenId, setChosenId] = useState<number | null>(null);
  const [dialog, setDialog] = useState<Dialog>(null);
  const { toast, say, clear } = useToast();
  useBackKey(onBack);
  const chosen = data?.find((t) => t.id === chosenId) ?? data?.[0];

  const saved = (type: NoteType, text: string) => {
    setChosenId(type.id);
    say(text);
    reload();
  };

  return (
    <main className="page notetypes" aria-labelledby="notetypes-title">
      <ScreenHeader
        className="app-header"
        backLabel={backLabel}
        onBack={onBack}
        backClassName="button ghost"
        title="Note types"
        titleId="notetypes-title"
        titleClassName="editor-title"
      />
      {error !== null && !data && <ErrorPanel error={error} onRetry={reload} />}
      {!data && error === null && <p className="muted loading">Loading…</p>}
      {data && chosen && (
        <div className="notetypes-grid">
          <ul className="notetype-list" aria-label="Note types" data-testid="note-type-list">
            {data.map((type) => (
              <li key={type.id}>
                <button
                  type="button"
                  className={`notetype-item${type.id === chosen.id ? ' is-active' : ''}`}
                  aria-current={type.id === chosen.id}
                  onClick={() => setChosenId(type.id)}
                  data-testid="note-type-item"
                  data-name={type.name}
                >
                  <span className="notetype-item-name">{type.name}</span>
                  <span className="notetype-item-meta">
                    {[
                      type.kind === 'cloze' ? 'Cloze' : type.kind === 'image_occlusion' ? 'Image Occlusion' : null,
                      type.format === 'html' ? 'HTML' : null,
                      type.builtin ? 'Built in' : null,
                    ]
                      .filter(Boolean)
                      .join(' · ')}
                    {type.kind !== 'normal' || type.format === 'html' || type.builtin ? ' · ' : ''}
                    <span data-testid="note-type-notes">{plural(type.notes, 'note')}</span>
                  </span>
                  <span className="notetype-item-detail">Fields: {type.fields.join(', ')}</span>
                  <span className="notetype-item-detail">Cards: {type.templates.map((t) => t.name).join(', ')}</span>
                </button>
              </li>
            ))}
          </ul>
          <section className="notetype-detail" aria-labelledby="notetype-name" data-testid="note-type-detail">
            <div className="notetype-detail-head">
              <h2 id="notetype-name">{chosen.name}</h2>
              <div className="button-row">
                <button
                  type="button"
                  className="button small"
                  onClick={() => setDialog({ kind: 'clone', type: chosen })}
                  data-testid="clone-note-type"
                >
                  Clone…
                </button>
                <button
                  type="button"
                  className="button small"
                  onClick={() => setDialog({ kind: 'rename', type: chosen })}
                  data-testid="rename-note-type"
                >
                  Rename…
                </button>
                {!chosen.builtin && (
                  <button
                    type="button"
                    className="button small danger"
                    onClick={() => setDialog({ kind: 'delete', type: chosen })}
                    data-testid="ask-delete-note-type"
                  >
                    Delete…
                  </button>
                )}
              </div>
            </div>
            <p className="muted notetype-summary">
              {chosen.kind === 'cloze'
                ? 'One card per cloze number'
                : chosen.kind === 'image_occlusion'
                  ? 'One card per occlusion'
                  : plural(chosen.templates.length, 'card')}{' '}
              per note; fields are {chosen.format === 'html' ? 'HTML' : 'Markdown'}. {plural(chosen.notes, 'note')} of
              this type.
            </p>
            <NoteTypeFields key={`f${chosen.id}:${chosen.updatedAt}`} type={chosen} onSaved={saved} />
            <NoteTypeTemplates key={`t${chosen.id}:${chosen.updatedAt}`} type={chosen} onSaved={saved} />
          </section>
        </div>
      )}
      {dialog?.kind === 'clone' && (
        <NoteTypeNameDialog
          title={`Clone “${dialog.type.name}”`}
          initial={`${dialog.type.name} copy`}
          submitLabel="Clone"
          onSubmit={async (name) => {
            const copy = await call('notetypes.create', { from: dialog.type.id, name });
            saved(copy, `Cloned as “${copy.name}”.`);
          }}
          onClose={() => setDialog(null)}
        />
      )}
      {dialog?.kind === 'rename' && (
        <NoteTypeNameDialog
          title={`Rename “${dialog.type.name}”`}
          initial={dialog.type.name}
          submitLabel="Rename"
          onSubmit={async (name) => {
            const { noteType } = await call('notetypes.update', { noteTypeId: dialog.type.id, name });
            saved(noteType, `Renamed to “${noteType.name}”.`);
          }}
          onClose={() => setDialog(null)}
        />
      )}
      {dialog?.kind === 'delete' && (
        <DeleteNoteTypeDialog
          type={dialog.type}
          onConfirm={async () => {
            await call('notetypes.delete', { noteTypeId: dialog.type.id });
            setChosenId(null);
            say(`Deleted “${dialog.type.name}”.`);
            reload();
          }}
          onClose={() => setDialog(null)}
        />
      )}
      <Toast toast={toast} onDone={clear} />
    </main>
  );
}
