/** FSRS optimisation of a preset: started in a process of its own, watched, cancelled, and accepted into the preset. */
import { presetHistory } from '../optimize/fsrs-items';
import { MIN_OPTIMIZE_REVIEWS } from '../optimize/optimize-jobs';
import { getPreset, updatePreset } from '../presets';
import { feature, type HandlerContext } from './context';

export type OptimizeContext = Pick<HandlerContext, 'db' | 'now' | 'boundary' | 'presetsChanged' | 'optimizeJobs'>;

export function optimizeHandlers(core: OptimizeContext) {
  // read when called: the collection makes its jobs after its handler table
  const jobs = () => core.optimizeJobs;
  return feature({
    'optimize.start': ({ presetId }) => jobs().start(core.db, getPreset(core.db, presetId), core.boundary),
    'optimize.history': ({ presetId }) => {
      getPreset(core.db, presetId);
      const { reviews, cards } = presetHistory(core.db, presetId, core.boundary);
      return { presetId, reviews, cards: cards.length, minimum: MIN_OPTIMIZE_REVIEWS };
    },
    'optimize.progress': ({ jobId }) => jobs().progress(jobId),
    'optimize.cancel': ({ jobId }) => jobs().cancel(jobId),
    'optimize.result': ({ jobId }) => jobs().result(jobId),
    // the parameters apply from the next answer; each answer records the ones it was scheduled with
    'optimize.accept': ({ jobId }) => {
      const { presetId, params } = jobs().result(jobId);
      const preset = updatePreset(core.db, presetId, { options: { fsrsParameters: params } }, core.now());
      core.presetsChanged();
      return preset;
    },
  });
}
