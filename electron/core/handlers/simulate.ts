/**
 * Workload simulation of a deck's preset, and rescheduling a preset's cards after its retention or
 * parameters changed (with a preview of the next 30 days first).
 */
import { getPreset } from '../presets';
import { optionsWith, simulatePreset } from '../simulate/preset-workload';
import { reschedulePreset, reschedulePreview } from '../simulate/reschedule';
import { feature, type HandlerContext } from './context';

export type SimulateContext = Pick<HandlerContext, 'db' | 'boundary' | 'now' | 'schedulerWith'>;

export function simulateHandlers(core: SimulateContext) {
  return feature({
    simulate: (request) => simulatePreset(core.db, core.boundary, core.now(), request),
    'presets.reschedulePreview': ({ presetId, options }) => {
      const tried = optionsWith(getPreset(core.db, presetId).options, options);
      return reschedulePreview(core.db, core.schedulerWith(tried), presetId, core.now());
    },
    'presets.reschedule': async ({ presetId }) => {
      const schedulerNow = () => core.schedulerWith(getPreset(core.db, presetId).options);
      // not a step of the history: an undo of an answer before it finds its card changed since, and says so
      return reschedulePreset(core.db, schedulerNow, presetId, () => core.now());
    },
  });
}
