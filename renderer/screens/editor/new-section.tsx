/**
 * New sections and decks, made from the editor's Section field: a new section goes into the deck of
 * the section chosen now; a new deck starts with one section. Either way the new section is chosen.
 * The fields live inside the editor's form, so Enter here creates instead of saving the card.
 */
import { type KeyboardEvent, useState } from 'react';
import type { DeckSummary } from '../../../shared/domain';
import { call } from '../../lib/api-client';
import { describeError } from '../../lib/errors';

interface Props {
  /** The deck a new section goes into. */
  deck: DeckSummary;
  onCreated: (sectionId: number) => void;
}

type Mode = 'section' | 'deck' | null;

export function NewSection({ deck, onCreated }: Props) {
  const [mode, setMode] = useState<Mode>(null);
  const [name, setName] = useState('');
  const [sectionName, setSectionName] = useState('General');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const close = () => {
    setMode(null);
    setName('');
    setError(null);
  };

  const create = async () => {
    if (busy || name.trim() === '' || (mode === 'deck' && sectionName.trim() === '')) return;
    setBusy(true);
    try {
      let sectionId: number;
      if (mode === 'deck') {
        const { deckId } = await call('decks.create', { name });
        ({ sectionId } = await call('sections.create', { deckId, name: sectionName }));
      } else {
        ({ sectionId } = await call('sections.create', { deckId: deck.id, name }));
      }
      close();
      onCreated(sectionId);
    } catch (reason) {
      setError(describeError(reason).message);
    } finally {
      setBusy(false);
    }
  };

  const onKey = (event: KeyboardEvent) => {
    if (event.key === 'Enter' && !(event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void create();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      close();
    }
  };

  if (mode === null) {
    return (
      <div className="new-section-buttons">
        <button type="button" className="button small ghost" onClick={() => setMode('section')}>
          New section…
        </button>
        <button type="button" className="button small ghost" onClick={() => setMode('deck')}>
          New deck…
        </button>
      </div>
    );
  }
  return (
    <fieldset className="new-section" onKeyDown={onKey}>
      <legend className="visually-hidden">{mode === 'deck' ? 'New deck' : `New section in ${deck.name}`}</legend>
      <input
        className="field"
        aria-label={mode === 'deck' ? 'Name of the new deck' : `Name of the new section in ${deck.name}`}
        placeholder={mode === 'deck' ? 'Deck name' : `Section name (in ${deck.name})`}
        value={name}
        onChange={(event) => setName(event.target.value)}
        // biome-ignore lint/a11y/noAutofocus: the person just asked to name it.
        autoFocus
        data-testid="new-name"
      />
      {mode === 'deck' && (
        <input
          className="field"
          aria-label="Name of its first section"
          placeholder="First section"
          value={sectionName}
          onChange={(event) => setSectionName(event.target.value)}
          data-testid="new-section-name"
        />
      )}
      <button type="button" className="button small primary" disabled={busy} onClick={() => void create()}>
        Create
      </button>
      <button type="button" className="button small ghost" onClick={close}>
        Cancel
      </button>
      {error && (
        <p className="editor-status is-error" role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}
