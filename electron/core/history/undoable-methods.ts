/**
 * The methods whose changes the history records, each with the label its step gets ("Suspend 3 cards"),
 * read from what it was asked and what it did. A labeller that gives null records nothing (a preview).
 * An import is recorded where it writes (apply-import.ts), after the backup it makes first. Everything
 * else either changes nothing a person would undo (study sessions keep their own undo, uploads, this
 * computer's preferences) or runs in the background (a reschedule).
 */
import type { ApiOutput, ApiParsedInput, MethodName } from '../../../shared/api';

type Labeller<M extends MethodName> = (input: ApiParsedInput<M>, output: ApiOutput<M>) => string | null;

const BULK_VERBS: Record<string, string> = {
  suspend: 'Suspend',
  unsuspend: 'Unsuspend',
  bury: 'Bury',
  unbury: 'Unbury',
  reset: 'Reset',
  setDue: 'Set due date of',
  setFlag: 'Flag',
  addTags: 'Add tags to',
  removeTags: 'Remove tags from',
};

/** Whether a call of `method` can change what undo and redo would take (the desktop menu's labels follow). */
export function changesHistory(method: string): boolean {
  return (
    method in undoableMethods || method.startsWith('history.') || method === 'study.undo' || method === 'import.apply'
  );
}

export function cardCount(count: number): string {
  return count === 1 ? '1 card' : `${count.toLocaleString('en')} cards`;
}

export const undoableMethods: { [M in MethodName]?: Labeller<M> } = {
  'study.answer': () => 'Answer',
  'cards.bury': () => 'Bury',
  'cards.suspend': () => 'Suspend',
  'cards.unsuspend': () => 'Unsuspend',
  'cards.bulk': ({ cardIds, change }) => {
    const verb = change.action === 'setFlag' && change.flag === 0 ? 'Unflag' : BULK_VERBS[change.action];
    return `${verb} ${cardCount(cardIds.length)}`;
  },
  'cards.create': () => 'Add card',
  'cards.update': () => 'Edit card',
  'cards.delete': (_input, { deleted }) => `Delete ${cardCount(deleted)}`,
  'cards.restore': (_input, { restored }) => `Restore ${cardCount(restored)}`,
  'sections.delete': () => 'Delete section',
  'decks.delete': () => 'Delete deck',
  'sections.rename': () => 'Rename section',
  'decks.rename': () => 'Rename deck',
  'sections.create': () => 'Add section',
  'decks.create': () => 'Add deck',
  'decks.setOptions': () => 'Change deck options',
  'decks.setLimits': () => 'Change daily limits',
  'decks.extendLimits': () => 'Extend today’s limits',
  'tags.rename': ({ from }) => `Rename tag ${from}`,
  'tags.delete': ({ tag }) => `Delete tag ${tag}`,
  'settings.set': () => 'Change settings',
  'presets.create': () => 'Add preset',
  'presets.update': () => 'Change preset',
  'presets.delete': () => 'Delete preset',
  'presets.assign': () => 'Change preset of deck',
  'optimize.accept': () => 'Use optimised parameters',
  'notes.create': () => 'Add note',
  'notes.update': () => 'Edit note',
  'notes.changeType': () => 'Change note type',
  'notes.findReplace': ({ preview }, { notes }) =>
    preview ? null : `Replace in ${notes === 1 ? '1 note' : `${notes} notes`}`,
  'notetypes.create': () => 'Add note type',
  'notetypes.update': () => 'Change note type',
  'notetypes.delete': () => 'Delete note type',
  'mock.setLimit': () => 'Change time limit',
  'searches.save': ({ name }) => `Save search ${name}`,
  'searches.delete': ({ name }) => `Delete saved search ${name}`,
};
