/**
 * What the browser's sidebar shows and runs, as pure functions: the tag tree built from `tags.list` by
 * Anki's `::` hierarchy, and the search each item runs (quoted as the query language reads it).
 */

export interface TagCount {
  tag: string;
  cards: number;
}

export interface TagNode {
  /** This level's name as first spelt ("ML" of "interview::ML"). */
  name: string;
  /** The whole tag down to this level, as `tag:` takes it ("interview::ML"). */
  path: string;
  /** Cards carrying exactly this tag; null when only its children are tags (interview of interview::ml). */
  cards: number | null;
  children: TagNode[];
}

const SEPARATOR = '::';

/** A tag's levels; empty ones (a stray leading, trailing or doubled `::`) are dropped rather than shown blank. */
function levels(tag: string): string[] {
  return tag.split(SEPARATOR).filter((level) => level.trim() !== '');
}

/**
 * The tags as a tree: `interview::ml` beneath `interview` (made even when no card carries `interview`
 * alone). Levels compare in any case, as the core's tags do: "Interview::ML" and "interview::ml::deep"
 * share their nodes, spelt as first listed. Siblings are alphabetical in any case.
 */
export function buildTagTree(tags: readonly TagCount[]): TagNode[] {
  const root: TagNode[] = [];
  for (const { tag, cards } of tags) {
    const parts = levels(tag);
    let siblings = root;
    let path = '';
    parts.forEach((part, depth) => {
      path = path ? `${path}${SEPARATOR}${part}` : part;
      let node = siblings.find((candidate) => candidate.name.toLowerCase() === part.toLowerCase());
      if (!node) {
        node = { name: part, path, cards: null, children: [] };
        siblings.push(node);
      }
      if (depth === parts.length - 1) node.cards = (node.cards ?? 0) + cards;
      path = node.path;
      siblings = node.children;
    });
  }
  return sortTree(root);
}

function sortTree(nodes: TagNode[]): TagNode[] {
  for (const node of nodes) sortTree(node.children);
  return nodes.sort((a, b) => a.name.localeCompare(b.name, 'en', { sensitivity: 'base' }));
}

/** Every node's path in the tree, parents before children (for expanding all, and for tests). */
export function tagPaths(nodes: readonly TagNode[]): string[] {
  return nodes.flatMap((node) => [node.path, ...tagPaths(node.children)]);
}

/**
 * A value as the query language reads it after `deck:` and friends: quoted when it holds a space or a
 * parenthesis; `*` (a wildcard there) escaped so a name matches itself.
 */
export function quotedValue(value: string): string {
  const escaped = value.replace(/\*/g, '\\*');
  return /[\s()]/.test(escaped) ? `"${escaped}"` : escaped;
}

export interface Place {
  name: string;
  key: string;
}

/** A name with a `"` in it cannot be quoted; its key (also matched by `deck:` and `section:`) is used instead. */
const placeValue = (place: Place) => quotedValue(place.name.includes('"') ? place.key : place.name);

export const deckSearch = (deck: Place) => `deck:${placeValue(deck)}`;
/** Section names repeat across decks ("Basics"), so a section's search names its deck too. */
export const sectionSearch = (deck: Place, section: Place) => `${deckSearch(deck)} section:${placeValue(section)}`;
/** `tag:` finds the tag's children too, as Anki's does; tags hold no spaces, and the core takes `*` as itself. */
export const tagSearch = (path: string) => `tag:${/[()]/.test(path) ? `"${path}"` : path}`;
export const flagSearch = (flag: number) => `flag:${flag}`;

/**
 * The search after choosing a sidebar item: the item's alone, or with Ctrl/Cmd held, the current search
 * and the item's together (an `or` in the current one is kept apart in parentheses, so the item narrows it all).
 */
export function combinedSearch(current: string, item: string, and: boolean): string {
  const trimmed = current.trim();
  if (!and || trimmed === '') return item;
  const grouped = /(^|\s)or(\s|$)/i.test(trimmed) ? `(${trimmed})` : trimmed;
  return `${grouped} ${item}`;
}
