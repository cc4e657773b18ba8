/**
 * The card editor: `#/edit/17` changes a card, `#/add/3` adds cards to a section one after another.
 * Question and answer are Cue's Markdown, previewed live with the same renderer as study.
 * Ctrl+Enter saves; Escape goes back to where the person came from.
 */
import { type ClipboardEvent, type DragEvent, useCallback, useEffect, useId, useRef, useState } from 'react';
import type { DeckSummary } from '../../../shared/domain';
import type { CardDetail } from '../../../shared/search';
import { call } from '../../lib/api-client';
import { CardContent } from '../../lib/card-content';
import { ErrorPanel } from '../../lib/error-panel';
import { describeError } from '../../lib/errors';
import { KeyHint } from '../../lib/key-hint';
import { ScreenHeader } from '../../lib/screen-header';
import { parseTags } from '../../lib/tags';
import { useBackKey } from '../../lib/use-back-key';
import { useLoad } from '../../lib/use-load';
import { IMAGE_ACCEPT, imageFiles, insertSnippet, storeImages } from './card-images';
import { NewSection } from './new-section';

type Field = 'question' | 'answer';

export type EditorTarget = { mode: 'edit'; cardId: number } | { mode: 'add'; sectionId: number };

interface Props {
  target: EditorTarget;
  /** Where Escape goes. */
  onBack: () => void;
  /** Called after a save of an existing card; absent to stay in the editor. */
  onSaved?: () => void;
}

interface Loaded {
  card: CardDetail | null;
  /** The deck the card (or the new card's section) is in; a card can move to a section of any deck. */
  deck: DeckSummary | null;
  decks: DeckSummary[];
  sectionId: number;
}

async function loadEditor(target: EditorTarget): Promise<Loaded> {
  const [decks, card] = await Promise.all([
    call('decks.list', {}),
    target.mode === 'edit' ? call('cards.get', { cardId: target.cardId }) : Promise.resolve(null),
  ]);
  const sectionId = card ? card.sectionId : target.mode === 'add' ? target.sectionId : 0;
  const deck = decks.find((d) => d.sections.some((s) => s.id === sectionId)) ?? null;
  return { card, deck, decks, sectionId };
}

export function CardEditor({ target, onBack, onSaved }: Props) {
  const key = target.mode === 'edit' ? `edit:${target.cardId}` : `add:${target.sectionId}`;
  const { data, error, reload } = useLoad(() => loadEditor(target), key);
  useBackKey(onBack);
  const title = target.mode === 'edit' ? 'Edit card' : 'Add cards';

  return (
    <main className="page editor" aria-labelledby="editor-title">
      <ScreenHeader
        className="app-header"
        backLabel="Back"
        onBack={onBack}
        backClassName="button ghost"
        title={title}
        titleId="editor-title"
        titleClassName="editor-title"
      />
      {error !== null && !data && <ErrorPanel error={error} onRetry={reload} />}
      {!data && error === null && <p className="muted loading">Loading…</p>}
      {data && (data.deck === null || (target.mode === 'edit' && data.card === null)) && (
        <p role="alert">This section no longer exists.</p>
      )}
      {data?.deck && data.card?.format === 'html' && <HtmlCard card={data.card} />}
      {data?.deck && data.card?.format !== 'html' && (
        <EditorForm key={key} loaded={data} deck={data.deck} target={target} onSaved={onSaved} />
      )}
    </main>
  );
}

function HtmlCard({ card }: { card: CardDetail }) {
  return (
    <div className="editor-readonly">
      <p className="editor-note" data-testid="html-note">
        This card was imported as HTML and cannot be edited as Markdown yet. It is shown here as it appears in study.
      </p>
      <div className="editor-preview card">
        <CardContent source={card.question} format="html" testId="preview-question" className="question" />
        <hr className="answer-divider" />
        <CardContent source={card.answer} format="html" testId="preview-answer" className="answer" />
      </div>
    </div>
  );
}

interface FormProps {
  loaded: Loaded;
  deck: DeckSummary;
  target: EditorTarget;
  onSaved?: () => void;
}

function EditorForm({ loaded, deck, target, onSaved }: FormProps) {
  const { card } = loaded;
  const [question, setQuestion] = useState(card?.question ?? '');
  const [answer, setAnswer] = useState(card?.answer ?? '');
  const [tags, setTags] = useState(card?.tags.join(' ') ?? '');
  const [sectionId, setSectionId] = useState(loaded.sectionId);
  const [decks, setDecks] = useState(loaded.decks);
  const chosenDeck = decks.find((d) => d.sections.some((s) => s.id === sectionId)) ?? deck;
  const [status, setStatus] = useState<{ id: number; text: string; failed: boolean } | null>(null);
  const saving = useRef(false);
  const questionRef = useRef<HTMLTextAreaElement>(null);
  const answerRef = useRef<HTMLTextAreaElement>(null);
  const lastField = useRef<Field>('answer');
  const imageInput = useRef<HTMLInputElement>(null);
  const ids = useId();

  useEffect(() => {
    questionRef.current?.focus();
  }, []);

  const say = useCallback(
    (text: string, failed = false) => setStatus((s) => ({ id: (s?.id ?? 0) + 1, text, failed })),
    [],
  );

  const save = useCallback(async () => {
    if (saving.current) return;
    if (question.trim() === '') {
      say('The question cannot be empty.', true);
      questionRef.current?.focus();
      return;
    }
    saving.current = true;
    try {
      if (target.mode === 'edit') {
        await call('cards.update', { cardId: target.cardId, question, answer, tags: parseTags(tags), sectionId });
        say('Saved');
        onSaved?.();
      } else {
        await call('cards.create', { sectionId, question, answer, tags: parseTags(tags) });
        say('Saved. Next card:');
        setQuestion('');
        setAnswer('');
        questionRef.current?.focus();
      }
    } catch (reason) {
      say(describeError(reason).message, true);
    } finally {
      saving.current = false;
    }
  }, [question, answer, tags, sectionId, target, onSaved, say]);

  // Images go in where the caret was in the field they were pasted or dropped into (or the last one used).
  const addImages = useCallback(
    async (files: File[], field: Field) => {
      if (files.length === 0) return;
      const area = field === 'question' ? questionRef.current : answerRef.current;
      const start = area?.selectionStart ?? Number.MAX_SAFE_INTEGER;
      const end = area?.selectionEnd ?? start;
      try {
        const snippet = await storeImages(files);
        const setText = field === 'question' ? setQuestion : setAnswer;
        let caret = 0;
        setText((text) => {
          const next = insertSnippet(text, Math.min(start, text.length), Math.min(end, text.length), snippet);
          caret = next.caret;
          return next.text;
        });
        requestAnimationFrame(() => {
          area?.focus();
          area?.setSelectionRange(caret, caret);
        });
        say(files.length === 1 ? 'Image added' : `${files.length} images added`);
      } catch (reason) {
        say(describeError(reason).message, true);
      }
    },
    [say],
  );
  const imageEvents = (field: Field) => ({
    onFocus: () => {
      lastField.current = field;
    },
    onPaste: (event: ClipboardEvent<HTMLTextAreaElement>) => {
      const files = imageFiles(event.clipboardData.files);
      if (files.length === 0) return;
      event.preventDefault();
      void addImages(files, field);
    },
    onDragOver: (event: DragEvent<HTMLTextAreaElement>) => {
      if (event.dataTransfer.types.includes('Files')) event.preventDefault();
    },
    onDrop: (event: DragEvent<HTMLTextAreaElement>) => {
      const files = imageFiles(event.dataTransfer.files);
      if (files.length === 0) return;
      event.preventDefault();
      void addImages(files, field);
    },
  });

  const latestSave = useRef(save);
  latestSave.current = save;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Enter' || !(event.ctrlKey || event.metaKey) || event.altKey || event.repeat) return;
      event.preventDefault();
      void latestSave.current();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <form
      className="editor-grid"
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <div className="editor-fields">
        <label htmlFor={`${ids}-q`}>Question</label>
        <textarea
          id={`${ids}-q`}
          ref={questionRef}
          className="field editor-text"
          value={question}
          onChange={(event) => setQuestion(event.target.value)}
          rows={5}
          data-testid="edit-question"
          {...imageEvents('question')}
        />
        <label htmlFor={`${ids}-a`}>Answer</label>
        <textarea
          id={`${ids}-a`}
          ref={answerRef}
          className="field editor-text"
          value={answer}
          onChange={(event) => setAnswer(event.target.value)}
          rows={12}
          data-testid="edit-answer"
          {...imageEvents('answer')}
        />
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
              void addImages(files, lastField.current);
            }}
            data-testid="image-input"
          />
        </p>
        <label htmlFor={`${ids}-t`}>Tags</label>
        <input
          id={`${ids}-t`}
          className="field"
          value={tags}
          onChange={(event) => setTags(event.target.value)}
          placeholder="space separated"
          data-testid="edit-tags"
        />
        <label htmlFor={`${ids}-s`}>Section</label>
        <select
          id={`${ids}-s`}
          className="field"
          value={sectionId}
          onChange={(event) => setSectionId(Number(event.target.value))}
          data-testid="edit-section"
        >
          {decks.map((each) => (
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
          deck={chosenDeck}
          onCreated={async (created) => {
            setDecks(await call('decks.list', {}));
            setSectionId(created);
          }}
        />
        <div className="button-row editor-actions">
          <button type="submit" className="button primary" aria-keyshortcuts="Control+Enter">
            {target.mode === 'edit' ? 'Save' : 'Add card'} <KeyHint>Ctrl+Enter</KeyHint>
          </button>
          <span
            className={`editor-status${status?.failed ? ' is-error' : ''}`}
            role="status"
            aria-live="polite"
            data-testid="editor-status"
          >
            {status?.text}
          </span>
        </div>
        <p className="editor-note" data-testid="edit-note">
          {card?.editedAt ? `You last edited this card on ${new Date(card.editedAt).toLocaleDateString()}. ` : ''}
          Edits keep the card's id and its review history
          {deck.bundled ? ', and updates of the bundled deck leave them as you wrote them' : ''}.
        </p>
      </div>
      <section className="editor-preview card" aria-label="Preview">
        <CardContent source={question} format="markdown" testId="preview-question" className="question" />
        <hr className="answer-divider" />
        <CardContent source={answer} format="markdown" testId="preview-answer" className="answer" />
      </section>
    </form>
  );
}
