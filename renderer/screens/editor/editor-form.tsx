/**
 * The note editor's form: the note type, one labelled input per field (Markdown or HTML as the type
 * says), tags and section, beside the live preview of every card the note makes. The state is
 * editor-flow's.
 */
import { type ClipboardEvent, type DragEvent, type KeyboardEvent, useId, useRef, useState } from 'react';
import type { DeckSummary } from '../../../shared/domain';
import type { NoteType } from '../../../shared/notes';
import { call } from '../../lib/api-client';
import { KeyHint } from '../../lib/key-hint';
import { parseTags } from '../../lib/tags';
import { IMAGE_ACCEPT, imageFiles } from './card-images';
import { ChangeTypeDialog } from './change-type-dialog';
import { clozeAction } from './cloze';
import {
  deckOfSection,
  type EditorFlow,
  type EditorTarget,
  isDirty,
  type Loaded,
  typeOf,
  useEditorFlow,
} from './editor-flow';
import { NewSection } from './new-section';
import { NotePreview } from './note-preview';

interface Props {
  loaded: Loaded;
  deck: DeckSummary;
  target: EditorTarget;
  onSaved?: () => void;
  /** Opens the note types screen. */
  /** Opens the note types screen; absent where leaving would end what is under the editor (a study session). */
  onNoteTypes?: () => void;
}

export function EditorForm({ loaded, deck, target, onSaved, onNoteTypes }: Props) {
  const flow = useEditorFlow({ loaded, onSaved });
  const { state, dispatch } = flow;
  const type = typeOf(state);
  const chosenDeck = deckOfSection(state.decks, state.sectionId) ?? deck;
  const ids = useId();
  const [changingType, setChangingType] = useState(false);

  return (
    <>
      <form
        className="editor-grid"
        onSubmit={(event) => {
          event.preventDefault();
          void flow.save();
        }}
      >
        <div className="editor-fields">
          <TypeField id={`${ids}-type`} flow={flow} onChange={() => setChangingType(true)} onNoteTypes={onNoteTypes} />
          {type?.fields.map((name, index) => (
            <FieldInput
              key={`${type.id}:${name}`}
              id={`${ids}-f${index}`}
              flow={flow}
              index={index}
              name={name}
              type={type}
            />
          ))}
          <FieldHint flow={flow} type={type} />
          <label htmlFor={`${ids}-t`}>Tags</label>
          <input
            id={`${ids}-t`}
            className="field"
            value={state.tags}
            onChange={(event) => dispatch({ type: 'tags', text: event.target.value })}
            placeholder="space separated"
            data-testid="edit-tags"
          />
          <SectionField id={`${ids}-s`} flow={flow} deck={chosenDeck} />
          <div className="button-row editor-actions">
            <button
              type="submit"
              className="button primary"
              aria-keyshortcuts="Control+Enter"
              data-testid="editor-save"
            >
              {target.mode === 'edit' ? 'Save' : 'Add note'} <KeyHint>Ctrl+Enter</KeyHint>
            </button>
            <span
              className={`editor-status${state.status?.failed ? ' is-error' : ''}`}
              role="status"
              aria-live="polite"
              data-testid="editor-status"
            >
              {state.status?.text}
            </span>
            {state.status?.undo && (
              <button
                type="button"
                className="button small"
                onClick={() => state.status?.undo && void flow.undo(state.status.undo)}
                data-testid="editor-undo"
              >
                Undo
              </button>
            )}
          </div>
          <p className="editor-note" data-testid="edit-note">
            {state.note
              ? `${state.note.cards.length === 1 ? 'Its card keeps' : 'Its cards keep'} their ids and review history`
              : 'Each card the note makes is studied on its own'}
            {deck.bundled ? '; updates of the bundled deck leave your edits as you wrote them' : ''}.
          </p>
        </div>
        <NotePreview
          note={state.note}
          noteTypeId={state.noteTypeId}
          fields={state.fields}
          tags={parseTags(state.tags)}
          sectionId={state.sectionId}
        />
      </form>
      {changingType && state.note && (
        <ChangeTypeDialog
          note={state.note}
          fields={state.fields}
          types={state.types}
          dirty={isDirty(state)}
          tags={parseTags(state.tags)}
          onChanged={(note, text) => dispatch({ type: 'saved', note, text })}
          onClose={() => setChangingType(false)}
        />
      )}
    </>
  );
}

/** A new note's type is chosen here; a saved note's type is changed through the dialog. */
function TypeField({
  id,
  flow,
  onChange,
  onNoteTypes,
}: {
  id: string;
  flow: EditorFlow;
  onChange: () => void;
  /** Opens the note types screen; absent where leaving would end what is under the editor (a study session). */
  onNoteTypes?: () => void;
}) {
  const { state, dispatch } = flow;
  return (
    <>
      <label htmlFor={id}>Note type</label>
      <div className="editor-type-row">
        {state.note ? (
          <output id={id} className="editor-type-name" data-testid="edit-note-type">
            {state.note.noteType.name}
          </output>
        ) : (
          <select
            id={id}
            className="field"
            value={state.noteTypeId}
            onChange={(event) => dispatch({ type: 'note-type', noteTypeId: Number(event.target.value) })}
            data-testid="edit-note-type"
          >
            {state.types.map((each) => (
              <option key={each.id} value={each.id}>
                {each.name}
              </option>
            ))}
          </select>
        )}
        {state.note && (
          <button type="button" className="button small" onClick={onChange} data-testid="change-type">
            Change type…
          </button>
        )}
        {onNoteTypes && (
          <button type="button" className="button small ghost" onClick={onNoteTypes} data-testid="open-note-types">
            Note types…
          </button>
        )}
      </div>
    </>
  );
}

function FieldInput({
  id,
  flow,
  index,
  name,
  type,
}: {
  id: string;
  flow: EditorFlow;
  index: number;
  name: string;
  type: NoteType;
}) {
  const { state, dispatch } = flow;
  const html = type.format === 'html';
  return (
    <>
      <label htmlFor={id}>
        {name}
        {html && <span className="field-format"> (HTML)</span>}
      </label>
      <textarea
        id={id}
        ref={(element) => {
          flow.fieldRefs.current[index] = element;
        }}
        className={`field editor-text${html ? ' is-html' : ''}`}
        value={state.fields[index] ?? ''}
        onChange={(event) => dispatch({ type: 'edit', field: index, text: event.target.value })}
        onKeyDown={(event: KeyboardEvent<HTMLTextAreaElement>) => {
          const action = clozeAction(event);
          if (action === null) return;
          event.preventDefault();
          flow.cloze(action, index);
        }}
        rows={index === 0 ? 5 : type.fields.length > 2 ? 3 : 8}
        spellCheck={!html}
        data-testid={`edit-field-${index}`}
        data-field={name}
        {...imageEvents(flow, index)}
      />
    </>
  );
}

/** A field takes pasted and dropped images; other files and text are left to the browser. */
function imageEvents(flow: EditorFlow, field: number) {
  const take = (files: File[], event: { preventDefault: () => void }) => {
    if (files.length === 0) return;
    event.preventDefault();
    void flow.addImages(files, field);
  };
  return {
    onFocus: () => {
      flow.lastField.current = field;
    },
    onPaste: (event: ClipboardEvent<HTMLTextAreaElement>) => take(imageFiles(event.clipboardData.files), event),
    onDragOver: (event: DragEvent<HTMLTextAreaElement>) => {
      if (event.dataTransfer.types.includes('Files')) event.preventDefault();
    },
    onDrop: (event: DragEvent<HTMLTextAreaElement>) => take(imageFiles(event.dataTransfer.files), event),
  };
}

/**
 * The ways in without the keyboard: an image from a file chooser and, in a cloze type, the cloze button,
 * both into the field last in focus.
 */
function FieldHint({ flow, type }: { flow: EditorFlow; type: NoteType | undefined }) {
  const imageInput = useRef<HTMLInputElement>(null);
  return (
    <div className="editor-hint">
      {type?.kind !== 'normal' && (
        <button
          type="button"
          className="button small"
          // the selection stays in the field while the button is pressed
          onMouseDown={(event) => event.preventDefault()}
          onClick={() => flow.cloze('next')}
          aria-keyshortcuts="Control+Shift+C"
          data-testid="cloze-button"
        >
          Cloze […] <KeyHint>Ctrl+Shift+C</KeyHint>
        </button>
      )}
      <span>
        Paste or drop an image into a field, or{' '}
        <button type="button" className="link-button" onClick={() => imageInput.current?.click()}>
          choose one…
        </button>
      </span>
      <input
        ref={imageInput}
        type="file"
        accept={IMAGE_ACCEPT}
        multiple
        hidden
        onChange={(event) => {
          const files = imageFiles(event.target.files);
          event.target.value = '';
          void flow.addImages(files, flow.lastField.current);
        }}
        data-testid="image-input"
      />
    </div>
  );
}

/** The section the note's cards go in, from every deck, and the way to make a new one. */
function SectionField({ id, flow, deck }: { id: string; flow: EditorFlow; deck: DeckSummary }) {
  const { state, dispatch } = flow;
  return (
    <>
      <label htmlFor={id}>Section</label>
      <select
        id={id}
        className="field"
        value={state.sectionId}
        onChange={(event) => dispatch({ type: 'section', sectionId: Number(event.target.value) })}
        data-testid="edit-section"
      >
        {state.decks.map((each) => (
          <optgroup key={each.id} label={each.name}>
            {each.sections.map((section) => (
              <option key={section.id} value={section.id}>
                {section.name}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
      <NewSection
        deck={deck}
        onCreated={async (sectionId) => {
          dispatch({ type: 'section-created', decks: await call('decks.list', {}), sectionId });
        }}
      />
    </>
  );
}
