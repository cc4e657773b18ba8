/** Cards one by one and in bulk: search, read, create, edit, set aside, delete and bring back; card images. */
import type { CardDetail } from '../../../shared/search';
import { bulkAction, createCard, updateCard } from '../card-editing';
import { cardSummary, pick } from '../card-rows';
import type { Db } from '../database';
import { dayNumber, dayStart } from '../days';
import { deleteCards, restoreDeleted } from '../deletion';
import { addCardImage } from '../media-files';
import { cardNote } from '../notes/card-note';
import { findCard } from '../review-log';
import { searchCards } from '../search/card-search';
import { deleteTag, listTags, renameTag } from '../tags';
import { feature, type HandlerContext, readContext } from './context';

export type CardsContext = Pick<HandlerContext, 'db' | 'scheduler' | 'boundary' | 'now' | 'mediaDir' | 'fs'>;

export function cardHandlers(core: CardsContext) {
  return feature({
    'cards.search': (input) => searchCards(readContext(core), input),
    'cards.get': ({ cardId }) => cardDetail(core.db, cardId),
    'cards.create': ({ sectionId, ...content }) => createCard(core.db, sectionId, content, core.now()),
    'cards.update': ({ cardId, ...changes }) => updateCard(core.db, cardId, changes, core.now()),
    'cards.bulk': ({ cardIds, change }) => bulkAction(core.db, core.boundary, cardIds, change, core.now()),
    'tags.list': () => listTags(core.db),
    'tags.rename': ({ from, to }) => renameTag(core.db, from, to, core.now()),
    'tags.delete': ({ tag }) => deleteTag(core.db, tag, core.now()),
    'cards.bury': ({ cardId }) =>
      core.db.transaction(() => {
        findCard(core.db, cardId);
        const buriedUntil = dayStart(dayNumber(core.now(), core.boundary) + 1, core.boundary);
        core.db.prepare('UPDATE cards SET buried_until = ? WHERE id = ?').run(buriedUntil, cardId);
        return { cardId, buriedUntil };
      })(),
    'cards.suspend': ({ cardId }) => setSuspended(core.db, cardId, true),
    'cards.unsuspend': ({ cardId }) => setSuspended(core.db, cardId, false),
    'cards.delete': ({ cardIds }) => deleteCards(core.db, cardIds, core.now()),
    'cards.restore': ({ batch }) => restoreDeleted(core.db, batch),
    'media.add': ({ name, dataBase64 }) =>
      addCardImage(core.mediaDir, name, Buffer.from(dataBase64, 'base64'), core.fs),
  });
}

function cardDetail(db: Db, cardId: number): CardDetail {
  const card = findCard(db, cardId);
  const editedAt = db.prepare('SELECT user_edited_at FROM cards WHERE id = ?').pluck().get(cardId) as number | null;
  return {
    ...pick(cardSummary(card), [
      'id',
      'key',
      'deckId',
      'sectionId',
      'question',
      'format',
      'tags',
      'state',
      'suspended',
    ]),
    answer: card.answer,
    editedAt,
    ...cardNote(db, card),
  };
}

function setSuspended(db: Db, cardId: number, suspended: boolean): { cardId: number } {
  return db.transaction(() => {
    findCard(db, cardId);
    db.prepare('UPDATE cards SET suspended = ? WHERE id = ?').run(suspended ? 1 : 0, cardId);
    return { cardId };
  })();
}
