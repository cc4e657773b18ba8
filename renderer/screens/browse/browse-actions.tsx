/**
 * The browser's toolbar: what can be done to the selected cards, and to the card in focus. Actions
 * that need a value (tags, a due date) or a second thought (reset) open a small form in place.
 */
import { type ReactNode, useRef, useState } from 'react';
import type { CardSearchRow } from '../../../shared/search';
import { plural } from '../../lib/format';
import { KeyHint } from '../../lib/key-hint';
import { routeHash } from '../../lib/route-hash';
import { parseTags } from '../../lib/tags';
import type { BulkChange } from './browse-session';

interface Props {
  selectedCount: number;
  /** The card in focus: Add card goes to its section, Info shows it. */
  active: CardSearchRow | undefined;
  /** Where Add card goes when no card is in focus (an empty search): the first section. */
  firstSectionId: number | undefined;
  onBulk: (change: BulkChange, done: string) => void;
  onDelete: () => void;
  onFindReplace: () => void;
}

type Form = 'tags' | 'due' | 'reset' | null;

export function BrowseActions({ selectedCount, active, firstSectionId, onBulk, onDelete, onFindReplace }: Props) {
  const addTo = active?.sectionId ?? firstSectionId;
  const [form, setForm] = useState<Form>(null);
  const none = selectedCount === 0;
  const close = () => setForm(null);
  const act = (change: BulkChange, done: string) => {
    close();
    onBulk(change, done);
  };
  const simple = (label: string, change: BulkChange, done: string) => (
    <button type="button" className="button small" disabled={none} onClick={() => act(change, done)}>
      {label}
    </button>
  );
  const opener = (label: string, which: Exclude<Form, null>) => (
    <button
      type="button"
      className="button small"
      disabled={none}
      aria-expanded={form === which}
      onClick={() => setForm(form === which ? null : which)}
    >
      {label}
    </button>
  );
  // The actions a narrow window folds into More, least used first (CSS container queries decide which
  // show where, so the toolbar stays one line); each is drawn twice, in the bar and in the menu.
  const foldable: [string, () => ReactNode][] = [
    ['suspend', () => simple('Suspend', { action: 'suspend' }, 'Suspended')],
    ['set-due', () => opener('Set due…', 'due')],
    ['reset', () => opener('Reset…', 'reset')],
    ['bury', () => simple('Bury', { action: 'bury' }, 'Buried until tomorrow')],
    ['unsuspend', () => simple('Unsuspend', { action: 'unsuspend' }, 'Unsuspended')],
    ['unbury', () => simple('Unbury', { action: 'unbury' }, 'Unburied')],
  ];

  return (
    <div className="browse-actions-wrap">
      <div className="browse-actions" role="toolbar" aria-label="Selected cards">
        {addTo !== undefined && (
          <a className="button small primary" href={routeHash({ name: 'add', sectionId: addTo, from: 'browse' })}>
            Add card
          </a>
        )}
        {active && (
          <a
            className="button small"
            href={routeHash({ name: 'card', cardId: active.id, deckId: active.deckId, from: 'browse' })}
            data-testid="card-info"
          >
            Card info
          </a>
        )}
        <span className="browse-selected" data-testid="selected-count">
          {none ? 'None selected' : `${selectedCount} selected`}
        </span>
        {opener('Tags…', 'tags')}
        <button
          type="button"
          className="button small"
          disabled={none}
          onClick={() => {
            close();
            onFindReplace();
          }}
          aria-keyshortcuts="Control+Alt+F"
          data-testid="find-replace"
        >
          Find and replace…
        </button>
        {foldable.map(([key, draw]) => (
          <span key={key} className={`fold fold-${key}`}>
            {draw()}
          </span>
        ))}
        <MoreMenu>
          {foldable.map(([key, draw]) => (
            <span key={key} className={`folded fold-${key}`}>
              {draw()}
            </span>
          ))}
        </MoreMenu>
        <button
          type="button"
          className="button small danger browse-delete"
          disabled={none}
          onClick={() => {
            close();
            onDelete();
          }}
          aria-keyshortcuts="Control+Delete"
        >
          Delete <KeyHint>Ctrl+Del</KeyHint>
        </button>
      </div>
      {!none && form === 'reset' && (
        <InlineForm
          label={`Reset ${plural(selectedCount, 'card')} to new? They will be studied as new cards again; their review log is kept.`}
          submit="Reset to new"
          onSubmit={() => act({ action: 'reset' }, 'Reset to new')}
          onCancel={close}
        />
      )}
      {!none && form === 'due' && (
        <DueForm onSet={(date) => act({ action: 'setDue', date }, `Due ${date}`)} onCancel={close} />
      )}
      {!none && form === 'tags' && (
        <TagsForm
          onAdd={(tags) => act({ action: 'addTags', tags }, `Tagged ${tags.join(' ')}`)}
          onRemove={(tags) => act({ action: 'removeTags', tags }, `Removed ${tags.join(' ')}`)}
          onCancel={close}
        />
      )}
    </div>
  );
}

/**
 * The actions that did not fit. A click on one closes the menu; so does Escape, leaving the focus on More.
 */
function MoreMenu({ children }: { children: ReactNode }) {
  const menu = useRef<HTMLDetailsElement>(null);
  return (
    <details
      ref={menu}
      className="more-menu"
      onClick={(event) => {
        if ((event.target as Element).closest('.more-menu-list button')) menu.current?.removeAttribute('open');
      }}
      onKeyDown={(event) => {
        if (event.key !== 'Escape' || !menu.current?.open) return;
        event.preventDefault();
        event.stopPropagation();
        menu.current.removeAttribute('open');
        menu.current.querySelector('summary')?.focus();
      }}
    >
      <summary className="button small" aria-label="More actions">
        More <span aria-hidden="true">▾</span>
      </summary>
      <div className="more-menu-list">{children}</div>
    </details>
  );
}

interface InlineFormProps {
  label: string;
  submit: string;
  onSubmit: () => void;
  onCancel: () => void;
  children?: ReactNode;
  extra?: ReactNode;
}

/** A one-line form under the toolbar; Escape closes it without leaving the browser. */
function InlineForm({ label, submit, onSubmit, onCancel, children, extra }: InlineFormProps) {
  return (
    <form
      className="browse-form"
      aria-label={label}
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit();
      }}
      onKeyDown={(event) => {
        if (event.key !== 'Escape') return;
        event.preventDefault();
        event.stopPropagation();
        onCancel();
      }}
    >
      <span>{label}</span>
      {children}
      <button
        type="submit"
        className="button small primary"
        // biome-ignore lint/a11y/noAutofocus: with nothing to type, the answer to the question is the next key.
        autoFocus={children === undefined}
      >
        {submit}
      </button>
      {extra}
      <button type="button" className="button small ghost" onClick={onCancel}>
        Cancel
      </button>
    </form>
  );
}

function tomorrow(): string {
  const date = new Date(Date.now() + 86_400_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

function DueForm({ onSet, onCancel }: { onSet: (date: string) => void; onCancel: () => void }) {
  const [date, setDate] = useState(tomorrow);
  return (
    <InlineForm label="Due on" submit="Set due date" onSubmit={() => date && onSet(date)} onCancel={onCancel}>
      <input
        type="date"
        className="field"
        aria-label="Due date"
        value={date}
        required
        onChange={(event) => setDate(event.target.value)}
        // biome-ignore lint/a11y/noAutofocus: the person just asked to pick a date.
        autoFocus
        data-testid="due-date"
      />
    </InlineForm>
  );
}

function TagsForm(props: {
  onAdd: (tags: string[]) => void;
  onRemove: (tags: string[]) => void;
  onCancel: () => void;
}) {
  const [text, setText] = useState('');
  const tags = parseTags(text);
  return (
    <InlineForm
      label="Tags"
      submit="Add"
      onSubmit={() => tags.length > 0 && props.onAdd(tags)}
      onCancel={props.onCancel}
      extra={
        <button
          type="button"
          className="button small"
          disabled={tags.length === 0}
          onClick={() => props.onRemove(tags)}
        >
          Remove
        </button>
      }
    >
      <input
        className="field"
        aria-label="Tags, separated by spaces"
        value={text}
        onChange={(event) => setText(event.target.value)}
        // biome-ignore lint/a11y/noAutofocus: the person just asked to type a tag.
        autoFocus
        data-testid="tags-input"
      />
    </InlineForm>
  );
}
