/**
 * The part of a field a find and replace changes, with a little text either side: a long field previewed
 * whole would push the change out of sight, and several notes could not be compared at a glance.
 */
export interface ChangeSnippet {
  /** Unchanged text before the change, cut to `context` characters ("…" marks a cut). */
  before: string;
  removed: string;
  added: string;
  after: string;
}

/**
 * Where `from` and `to` differ (after their common start and end), with up to `context` characters of
 * what is the same either side. Only the first to last differing character is marked, so several
 * replacements in one field show as one stretch.
 */
export function changeSnippet(from: string, to: string, context = 40): ChangeSnippet {
  let start = 0;
  while (start < from.length && start < to.length && from[start] === to[start]) start++;
  let end = 0;
  while (
    end < from.length - start &&
    end < to.length - start &&
    from[from.length - 1 - end] === to[to.length - 1 - end]
  ) {
    end++;
  }
  const head = from.slice(0, start);
  const tail = from.slice(from.length - end);
  return {
    before: head.length > context ? `…${head.slice(head.length - context)}` : head,
    removed: from.slice(start, from.length - end),
    added: to.slice(start, to.length - end),
    after: tail.length > context ? `${tail.slice(0, context)}…` : tail,
  };
}
