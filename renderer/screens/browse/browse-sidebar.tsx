/**
 * The browser's sidebar, as Anki's: saved searches, today's shortcuts, card states, flags, decks with
 * their sections and the tags as a tree. Choosing an item replaces the search with the item's (Ctrl or
 * Cmd held: joins it to the search). Tags can be renamed or deleted from here, children with them.
 */
import { type MouseEvent, type ReactNode, useId, useState } from 'react';
import type { DeckSummary } from '../../../shared/domain';
import { FLAG_NAMES } from '../../../shared/flags';
import type { SavedSearch } from '../../../shared/search';
import { call } from '../../lib/api-client';
import { describeError } from '../../lib/errors';
import { useLoad } from '../../lib/use-load';
import { buildTagTree, deckSearch, flagSearch, sectionSearch, type TagNode, tagSearch } from './sidebar-queries';
import { TagDialog, type TagDialogState } from './tag-dialogs';

export interface SidebarProps {
  id: string;
  /** The search as typed, to save and to mark the item it is. */
  query: string;
  /** Runs an item's search: alone, or joined to the current one (`and`). */
  onRun: (query: string, and: boolean) => void;
  /** After a tag was renamed or deleted (the rows show tags): the results load again. */
  onTagsChanged: (change: { from: string; to: string | null }) => void;
  say: (text: string) => void;
  /** Changes when the cards' tags may have changed elsewhere (find and replace in tags, the tag form). */
  tagsVersion: number;
}

const TODAY: { label: string; query: string }[] = [
  { label: 'Added today', query: 'added:1' },
  { label: 'Studied today', query: 'rated:1' },
  { label: 'Again today', query: 'rated:1:1' },
  { label: 'Due', query: 'is:due' },
];

const STATES: { label: string; query: string }[] = [
  { label: 'New', query: 'is:new' },
  { label: 'Learning', query: 'is:learning' },
  { label: 'Review', query: 'is:review' },
  { label: 'Suspended', query: 'is:suspended' },
  { label: 'Buried', query: 'is:buried' },
];

export function BrowseSidebar(props: SidebarProps) {
  const { id, query, onRun } = props;
  const searches = useLoad(() => call('searches.list', {}));
  const [saved, setSaved] = useState<SavedSearch[] | null>(null);
  const decks = useLoad(() => call('decks.list', {}));
  const tags = useLoad(() => call('tags.list', {}), String(props.tagsVersion));
  const [dialog, setDialog] = useState<TagDialogState | null>(null);
  const current = query.trim();
  const item = (label: ReactNode, search: string, extra?: { testId?: string; className?: string }) => (
    <SidebarItem label={label} query={search} current={current === search} onRun={onRun} {...extra} />
  );

  return (
    <nav id={id} className="browse-sidebar" aria-label="Browser sidebar" data-testid="browse-sidebar">
      <SidebarGroup title="Saved searches">
        <SavedSearches
          searches={saved ?? searches.data ?? []}
          error={searches.error}
          query={query}
          current={current}
          onRun={onRun}
          onList={setSaved}
          say={props.say}
        />
      </SidebarGroup>
      <SidebarGroup title="Today">
        <ul className="sidebar-list">
          {TODAY.map((entry) => (
            <li key={entry.query}>{item(entry.label, entry.query)}</li>
          ))}
        </ul>
      </SidebarGroup>
      <SidebarGroup title="Flags">
        <ul className="sidebar-list">
          {FLAG_NAMES.slice(1).map((name, index) => (
            <li key={name}>
              {item(
                <>
                  <span className={`flag-dot flag-${index + 1}`} aria-hidden="true" />
                  {name}
                </>,
                flagSearch(index + 1),
                { testId: `sidebar-flag-${index + 1}` },
              )}
            </li>
          ))}
        </ul>
      </SidebarGroup>
      <SidebarGroup title="Card state" startOpen={false}>
        <ul className="sidebar-list">
          {STATES.map((entry) => (
            <li key={entry.query}>{item(entry.label, entry.query)}</li>
          ))}
        </ul>
      </SidebarGroup>
      <SidebarGroup title="Decks">
        {decks.error !== null && <p className="sidebar-note">{describeError(decks.error).message}</p>}
        <DeckList decks={decks.data ?? []} current={current} onRun={onRun} />
      </SidebarGroup>
      <SidebarGroup title="Tags">
        {tags.error !== null && <p className="sidebar-note">{describeError(tags.error).message}</p>}
        {tags.data?.length === 0 && <p className="sidebar-note">No card has a tag yet.</p>}
        <TagTree
          nodes={buildTagTree(tags.data ?? [])}
          current={current}
          onRun={onRun}
          onAction={(action, path) => setDialog({ action, tag: path })}
        />
      </SidebarGroup>
      {dialog && (
        <TagDialog
          state={dialog}
          onClose={() => setDialog(null)}
          onDone={(message, to) => {
            props.say(message);
            tags.reload();
            props.onTagsChanged({ from: dialog.tag, to });
          }}
        />
      )}
    </nav>
  );
}

/** A group with a heading that shows or hides it (Anki's sidebar folds the same way). */
function SidebarGroup({
  title,
  children,
  startOpen = true,
}: {
  title: string;
  children: ReactNode;
  startOpen?: boolean;
}) {
  const [open, setOpen] = useState(startOpen);
  const bodyId = useId();
  return (
    <section className="sidebar-group" aria-label={title}>
      <h2 className="sidebar-heading">
        <button type="button" aria-expanded={open} aria-controls={bodyId} onClick={() => setOpen(!open)}>
          <span className="sidebar-caret" aria-hidden="true">
            {open ? '▾' : '▸'}
          </span>
          {title}
        </button>
      </h2>
      <div id={bodyId} hidden={!open}>
        {children}
      </div>
    </section>
  );
}

interface ItemProps {
  label: ReactNode;
  query: string;
  current: boolean;
  onRun: (query: string, and: boolean) => void;
  testId?: string;
  className?: string;
  count?: number | null;
}

/** One search: a click runs it, Ctrl/Cmd-click joins it to the search (as in Anki). */
function SidebarItem({ label, query, current, onRun, testId, className, count }: ItemProps) {
  return (
    <button
      type="button"
      className={`sidebar-item${className ? ` ${className}` : ''}`}
      aria-current={current ? 'true' : undefined}
      title={`${query} (Ctrl-click to add to the search)`}
      onClick={(event: MouseEvent) => onRun(query, event.ctrlKey || event.metaKey)}
      data-testid={testId}
      data-query={query}
    >
      <span className="sidebar-label">{label}</span>
      {count !== undefined && count !== null && <span className="sidebar-count">{count.toLocaleString()}</span>}
    </button>
  );
}

interface SavedProps {
  searches: SavedSearch[];
  error: unknown;
  query: string;
  current: string;
  onRun: (query: string, and: boolean) => void;
  onList: (searches: SavedSearch[]) => void;
  say: (text: string) => void;
}

function SavedSearches({ searches, error, query, current, onRun, onList, say }: SavedProps) {
  const [naming, setNaming] = useState(false);
  const remove = async (name: string) => {
    try {
      onList(await call('searches.delete', { name }));
      say(`Deleted the saved search “${name}”.`);
    } catch (reason) {
      say(describeError(reason).message);
    }
  };
  return (
    <>
      {error !== null && <p className="sidebar-note">{describeError(error).message}</p>}
      {searches.length === 0 && error === null && <p className="sidebar-note">None saved yet.</p>}
      <ul className="sidebar-list">
        {searches.map((search) => (
          <li key={search.name} className="sidebar-row">
            <SidebarItem
              label={search.name}
              query={search.query}
              current={current === search.query.trim()}
              onRun={onRun}
              testId="saved-search"
            />
            <button
              type="button"
              className="sidebar-action"
              aria-label={`Delete the saved search ${search.name}`}
              title="Delete this saved search"
              onClick={() => void remove(search.name)}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      {naming ? (
        <SaveSearchForm
          query={query}
          onSaved={(list, name) => {
            onList(list);
            setNaming(false);
            say(`Saved the search as “${name}”.`);
          }}
          onCancel={() => setNaming(false)}
        />
      ) : (
        <button
          type="button"
          className="button small ghost sidebar-save"
          disabled={query.trim() === ''}
          onClick={() => setNaming(true)}
          data-testid="save-search"
        >
          Save current search…
        </button>
      )}
    </>
  );
}

function SaveSearchForm(props: {
  query: string;
  onSaved: (list: SavedSearch[], name: string) => void;
  onCancel: () => void;
}) {
  const [name, setName] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const problemId = useId();
  const save = async () => {
    try {
      props.onSaved(await call('searches.save', { name, query: props.query }), name.trim());
    } catch (reason) {
      setProblem(describeError(reason).message);
    }
  };
  return (
    <form
      className="sidebar-form"
      aria-label="Save the current search"
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
      onKeyDown={(event) => {
        if (event.key !== 'Escape') return;
        event.preventDefault();
        event.stopPropagation();
        props.onCancel();
      }}
    >
      <input
        className="field"
        aria-label="Name for the search"
        placeholder="Name"
        value={name}
        maxLength={100}
        required
        aria-invalid={problem !== null}
        aria-describedby={problem ? problemId : undefined}
        onChange={(event) => {
          setName(event.target.value);
          setProblem(null);
        }}
        // biome-ignore lint/a11y/noAutofocus: the person just asked to name the search.
        autoFocus
        data-testid="save-search-name"
      />
      {problem && (
        <p id={problemId} className="search-error" role="alert">
          {problem}
        </p>
      )}
      <div className="sidebar-form-buttons">
        <button type="submit" className="button small primary">
          Save
        </button>
        <button type="button" className="button small ghost" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function DeckList({
  decks,
  current,
  onRun,
}: {
  decks: DeckSummary[];
  current: string;
  onRun: (query: string, and: boolean) => void;
}) {
  const [open, setOpen] = useState<ReadonlySet<number>>(new Set());
  return (
    <ul className="sidebar-list sidebar-tree">
      {decks.map((deck) => {
        const expanded = open.has(deck.id);
        const search = deckSearch(deck);
        return (
          <li key={deck.id}>
            <div className="sidebar-row">
              <TreeToggle
                expanded={expanded}
                label={deck.name}
                hasChildren={deck.sections.length > 0}
                onToggle={() => setOpen(toggledIn(open, deck.id))}
              />
              <SidebarItem
                label={deck.name}
                query={search}
                current={current === search}
                onRun={onRun}
                count={deck.cards}
                testId="sidebar-deck"
              />
            </div>
            {expanded && (
              <ul className="sidebar-list">
                {deck.sections.map((section) => {
                  const inSection = sectionSearch(deck, section);
                  return (
                    <li key={section.id} className="sidebar-row sidebar-child">
                      <SidebarItem
                        label={section.name}
                        query={inSection}
                        current={current === inSection}
                        onRun={onRun}
                        testId="sidebar-section"
                      />
                    </li>
                  );
                })}
              </ul>
            )}
          </li>
        );
      })}
    </ul>
  );
}

function toggledIn<T>(set: ReadonlySet<T>, value: T): Set<T> {
  const next = new Set(set);
  if (next.has(value)) next.delete(value);
  else next.add(value);
  return next;
}

function TreeToggle(props: { expanded: boolean; label: string; hasChildren: boolean; onToggle: () => void }) {
  if (!props.hasChildren) return <span className="tree-toggle-space" aria-hidden="true" />;
  return (
    <button
      type="button"
      className="tree-toggle"
      aria-expanded={props.expanded}
      aria-label={`${props.expanded ? 'Collapse' : 'Expand'} ${props.label}`}
      onClick={props.onToggle}
    >
      <span aria-hidden="true">{props.expanded ? '▾' : '▸'}</span>
    </button>
  );
}

interface TreeProps {
  nodes: TagNode[];
  current: string;
  onRun: (query: string, and: boolean) => void;
  onAction: (action: 'rename' | 'delete', path: string) => void;
}

function TagTree(props: TreeProps) {
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const toggle = (path: string) => setOpen(toggledIn(open, path.toLowerCase()));
  return <TagLevel {...props} open={open} onToggle={toggle} />;
}

function TagLevel(props: TreeProps & { open: ReadonlySet<string>; onToggle: (path: string) => void }) {
  return (
    <ul className="sidebar-list sidebar-tree">
      {props.nodes.map((node) => {
        const expanded = props.open.has(node.path.toLowerCase());
        const search = tagSearch(node.path);
        return (
          <li key={node.path}>
            <div className="sidebar-row">
              <TreeToggle
                expanded={expanded}
                label={node.path}
                hasChildren={node.children.length > 0}
                onToggle={() => props.onToggle(node.path)}
              />
              <SidebarItem
                label={node.name}
                query={search}
                current={props.current === search}
                onRun={props.onRun}
                count={node.cards}
                testId="sidebar-tag"
              />
              <TagActions path={node.path} onAction={props.onAction} />
            </div>
            {expanded && <TagLevel {...props} nodes={node.children} />}
          </li>
        );
      })}
    </ul>
  );
}

/** Rename and delete for a tag, behind one small button so the tree stays readable. */
function TagActions({ path, onAction }: { path: string; onAction: TreeProps['onAction'] }) {
  const [open, setOpen] = useState(false);
  const menuId = useId();
  const act = (action: 'rename' | 'delete') => {
    setOpen(false);
    onAction(action, path);
  };
  return (
    <span className="tag-actions">
      <button
        type="button"
        className="sidebar-action"
        aria-label={`Actions for the tag ${path}`}
        aria-expanded={open}
        aria-controls={menuId}
        onClick={() => setOpen(!open)}
        data-testid="tag-actions"
      >
        ⋯
      </button>
      {open && (
        <span id={menuId} className="tag-actions-menu">
          <button type="button" className="button small" onClick={() => act('rename')}>
            Rename…
          </button>
          <button type="button" className="button small danger" onClick={() => act('delete')}>
            Delete…
          </button>
        </span>
      )}
    </span>
  );
}
