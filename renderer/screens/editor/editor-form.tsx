/** The editor's fields (question, answer, tags, section) beside the live preview; the state is editor-flow's. */
import { type ClipboardEvent, type DragEvent, useId, useRef } from 'react';
import type { DeckSummary } from '../../../shared/domain';
import { call } from '../../lib/api-client';
import { CardContent } from '../../lib/card-content';
import { KeyHint } from '../../lib/key-hint';
import { IMAGE_ACCEPT, imageFiles } from './card-images';
import {
  deckOfSection,
  type EditorFlow,
  type EditorTarget,
  type Field,
  type Loaded,
  useEditorFlow,
} from './editor-flow';
import { NewSection } from './new-section';

interface Props {
  loaded: Loaded;
  deck: DeckSummary;
  target: EditorTarget;
  onSaved?: () => void;
}

export function EditorForm({ loaded, deck, target, onSaved }: Props) {
  const flow = useEditorFlow({ loaded, target, onSaved });
  const { state, dispatch } = flow;
  const card = loaded.card;
  const chosenDeck = deckOfSection(state.decks, state.sectionId) ?? deck;
  const ids = useId();

  return (
    <form
      className="editor-grid"
      onSubmit={(event) => {
        event.preventDefault();
        void flow.save();
      }}
    >
      <div className="editor-fields">
        <label htmlFor={`${ids}-q`}>Question</label>
        <textarea
          id={`${ids}-q`}
          ref={flow.questionRef}
          className="field editor-text"
          value={state.question}
          onChange={(event) => dispatch({ type: 'edit', field: 'question', text: event.target.value })}
          rows={5}
          data-testid="edit-question"
          {...imageEvents(flow, 'question')}
        />
        <label htmlFor={`${ids}-a`}>Answer</label>
        <textarea
          id={`${ids}-a`}
          ref={flow.answerRef}
          className="field editor-text"
          value={state.answer}
          onChange={(event) => dispatch({ type: 'edit', field: 'answer', text: event.target.value })}
          rows={12}
          data-testid="edit-answer"
          {...imageEvents(flow, 'answer')}
        />
        <ImageHint flow={flow} />
        <label htmlFor={`${ids}-t`}>Tags</label>
        <input
          id={`${ids}-t`}
          className="field"
          value={state.tags}
          onChange={(event) => dispatch({ type: 'edit', field: 'tags', text: event.target.value })}
          placeholder="space separated"
          data-testid="edit-tags"
        />
        <SectionField id={`${ids}-s`} flow={flow} deck={chosenDeck} />
        <div className="button-row editor-actions">
          <button type="submit" className="button primary" aria-keyshortcuts="Control+Enter">
            {target.mode === 'edit' ? 'Save' : 'Add card'} <KeyHint>Ctrl+Enter</KeyHint>
          </button>
          <span
            className={`editor-status${state.status?.failed ? ' is-error' : ''}`}
            role="status"
            aria-live="polite"
            data-testid="editor-status"
          >
            {state.status?.text}
          </span>
        </div>
        <p className="editor-note" data-testid="edit-note">
          {card?.editedAt ? `You last edited this card on ${new Date(card.editedAt).toLocaleDateString()}. ` : ''}
          Edits keep the card's id and its review history
          {deck.bundled ? ', and updates of the bundled deck leave them as you wrote them' : ''}.
        </p>
      </div>
      <section className="editor-preview card" aria-label="Preview">
        <CardContent source={state.question} format="markdown" testId="preview-question" className="question" />
        <hr className="answer-divider" />
        <CardContent source={state.answer} format="markdown" testId="preview-answer" className="answer" />
      </section>
    </form>
  );
}

/** A field takes pasted and dropped images; other files and text are left to the browser. */
function imageEvents(flow: EditorFlow, field: Field) {
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

/** The way to add an image without pasting: a file chooser, into the field last in focus. */
function ImageHint({ flow }: { flow: EditorFlow }) {
  const imageInput = useRef<HTMLInputElement>(null);
  return (
    <p className="editor-hint">
      Paste or drop an image into the question or the answer, or{' '}
      <button type="button" className="link-button" onClick={() => imageInput.current?.click()}>
        choose one…
      </button>
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
    </p>
  );
}

/** The section the card goes in, from every deck, and the way to make a new one. */
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
