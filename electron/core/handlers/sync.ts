/** Sync through a folder a file-sync tool keeps in step (see sync/sync-runner.ts). */
import { feature, type HandlerContext } from './context';

export function syncHandlers(core: Pick<HandlerContext, 'sync'>) {
  return feature({
    'sync.status': () => core.sync.status(),
    'sync.preview': ({ folder }) => core.sync.preview(folder),
    'sync.setFolder': ({ folder }) => core.sync.setFolder(folder),
    'sync.mergeNow': () => core.sync.mergeNow(),
    'sync.snapshot': () => core.sync.snapshot(),
    'sync.conflicts': ({ cardId, limit }) => core.sync.conflicts(cardId, limit),
  });
}
