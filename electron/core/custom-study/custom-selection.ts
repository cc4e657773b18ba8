/**
 * Which cards a custom study session holds, as Anki's custom study picks them for a filtered deck:
 * cards due in the next N days that are not due yet ('ahead'), cards answered Again in the last N days
 * ('forgotten'), new cards ('preview'), or the cards of a tag or a browser search ('cram'). Suspended
 * and buried cards are left out, as Anki leaves them out.
 */
import type { CustomKind } from '../../../shared/domain';
import { CueError } from '../../../shared/errors';
import type { Db } from '../database';
import { type DayBoundary, dayNumber, dayStart } from '../days';
import type { Scheduler } from '../scheduler';
import { searchCardIds } from '../search/card-search';

export interface CustomSelection {
  deckId: number;
  sectionId?: number;
  kind: CustomKind;
  days?: number;
  tag?: string;
  query?: string;
}

export interface SelectContext {
  db: Db;
  scheduler: Scheduler;
  boundary: DayBoundary;
  now: number;
}

/** The deck or section the selection is over, by name, for messages; an unknown one is not_found. */
export function placeOf(db: Db, selection: Pick<CustomSelection, 'deckId' | 'sectionId'>): string {
  const deck = db.prepare('SELECT name FROM decks WHERE id = ?').pluck().get(selection.deckId) as string | undefined;
  if (deck === undefined) {
    throw new CueError('not_found', `There is no deck ${selection.deckId}.`, { deckId: selection.deckId });
  }
  if (selection.sectionId === undefined) return `the deck “${deck}”`;
  const section = db
    .prepare('SELECT name FROM sections WHERE id = ? AND deck_id = ?')
    .pluck()
    .get(selection.sectionId, selection.deckId) as string | undefined;
  if (section === undefined) {
    throw new CueError('not_found', `Deck ${selection.deckId} has no section ${selection.sectionId}.`, {
      deckId: selection.deckId,
      sectionId: selection.sectionId,
    });
  }
  return `the section “${section}”`;
}

/** Refuses fields that mean nothing for the kind, so a mistaken call is not silently read as another. */
export function checkSelection(selection: CustomSelection): void {
  const { kind } = selection;
  const refuse = (message: string, field: string) => {
    throw new CueError('invalid_input', message, { field });
  };
  if (kind !== 'cram' && (selection.tag !== undefined || selection.query !== undefined)) {
    refuse(
      `A tag or a search chooses the cards of a cram session only, not of “${kind}”.`,
      selection.tag ? 'tag' : 'query',
    );
  }
  if ((kind === 'preview' || kind === 'cram') && selection.days !== undefined) {
    refuse(`Days apply to studying ahead and to forgotten cards, not to “${kind}”.`, 'days');
  }
  if (kind === 'cram' && (selection.tag === undefined) === (selection.query === undefined)) {
    refuse('A cram session takes either a tag or a search, one of the two.', 'tag');
  }
}

/** Active cards of the deck or section, as SQL over `c` with its parameters. */
function withinScope(selection: CustomSelection, now: number) {
  const scope = selection.sectionId === undefined ? 'c.deck_id = @deckId' : 'c.section_id = @sectionId';
  return {
    where: `${scope} AND c.suspended = 0 AND (c.buried_until IS NULL OR c.buried_until <= @now)`,
    params: { deckId: selection.deckId, sectionId: selection.sectionId ?? null, now },
  };
}

/** Every card the selection finds, in the order the session shows them. The caller has checked it. */
export function selectCards(ctx: SelectContext, selection: CustomSelection): number[] {
  const within = withinScope(selection, ctx.now);
  const today = dayNumber(ctx.now, ctx.boundary);
  const days = selection.days ?? 1;
  const ids = (condition: string, order: string, extra: Record<string, number | string> = {}) =>
    ctx.db
      .prepare(`SELECT c.id FROM cards c WHERE ${within.where} AND ${condition} ORDER BY ${order}`)
      .pluck()
      .all({ ...within.params, ...extra }) as number[];
  switch (selection.kind) {
    case 'ahead':
      // not due today (the day's queue has those), due before the end of the Nth day after it
      return ids('c.state != 0 AND c.due >= @from AND c.due < @until', 'c.due, c.position, c.id', {
        from: dayStart(today + 1, ctx.boundary),
        until: dayStart(today + 1 + days, ctx.boundary),
      });
    case 'forgotten':
      return ids('c.id IN (SELECT card_id FROM reviews WHERE rating = 1 AND study_day > @since)', 'c.position, c.id', {
        since: today - days,
      });
    case 'preview':
      return ids('c.state = 0', 'c.position, c.id');
    case 'cram':
      if (selection.tag !== undefined) {
        return ids(`(' ' || c.tags || ' ') LIKE '% ' || @tag || ' %' ESCAPE '\\'`, 'c.position, c.id', {
          tag: escapeLike(selection.tag),
        });
      }
      return searchCardIds(ctx, selection.query ?? '', within);
  }
}

/** A tag matched literally: `_` and `%` are ordinary characters in a tag. */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Why a selection found nothing, in words, for the error a session that would be empty gives. */
export function nothingFound(selection: CustomSelection, place: string): string {
  const days = selection.days ?? 1;
  const span = days === 1 ? 'tomorrow' : `in the next ${days} days`;
  switch (selection.kind) {
    case 'ahead':
      return `No cards of ${place} fall due ${span}; nothing to study ahead.`;
    case 'forgotten':
      return `No cards of ${place} were answered Again ${days === 1 ? 'today' : `in the last ${days} days`}.`;
    case 'preview':
      return `${capital(place)} has no new cards to preview.`;
    case 'cram':
      return selection.tag !== undefined
        ? `No cards of ${place} have the tag “${selection.tag}” (suspended and buried cards are left out).`
        : `The search “${selection.query}” finds no cards in ${place}.`;
  }
}

const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** The tags of the scope's active cards, with how many cards each has, most first. */
export function scopeTags(db: Db, selection: Pick<CustomSelection, 'deckId' | 'sectionId'>, now: number) {
  const within = withinScope({ ...selection, kind: 'cram' }, now);
  const rows = db
    .prepare(`SELECT c.tags FROM cards c WHERE ${within.where} AND c.tags != ''`)
    .pluck()
    .all(within.params) as string[];
  const counts = new Map<string, number>();
  for (const tags of rows) for (const tag of new Set(tags.split(' '))) counts.set(tag, (counts.get(tag) ?? 0) + 1);
  return [...counts]
    .map(([tag, cards]) => ({ tag, cards }))
    .sort((a, b) => b.cards - a.cards || a.tag.localeCompare(b.tag));
}
