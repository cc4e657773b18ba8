/** Deck option presets: listing, creating (or cloning), changing, deleting and assigning them. */
import { assignPreset, createPreset, deletePreset, getPreset, listPresets, updatePreset } from '../presets';
import { feature, type HandlerContext } from './context';

export type PresetsContext = Pick<HandlerContext, 'db' | 'now' | 'presetsChanged'>;

export function presetHandlers(core: PresetsContext) {
  /** A write, after which answers are scheduled with what it changed. */
  const changing = <T>(result: T): T => {
    core.presetsChanged();
    return result;
  };
  return feature({
    'presets.list': () => listPresets(core.db),
    'presets.get': ({ presetId }) => getPreset(core.db, presetId),
    'presets.create': ({ name, from }) => changing(createPreset(core.db, name, core.now(), from)),
    'presets.update': ({ presetId, name, options }) =>
      changing(updatePreset(core.db, presetId, { name, options }, core.now())),
    'presets.delete': ({ presetId }) => changing(deletePreset(core.db, presetId)),
    'presets.assign': ({ deckId, presetId }) => changing(assignPreset(core.db, deckId, presetId)),
  });
}
