/**
 * The optimisation screen's state: the deck's preset and what its history holds, then a fit from its
 * start through its progress (polled) to its result, and accepting or keeping the current parameters.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { OptimizeHistory, OptimizeProgress, OptimizeResult } from '../../../shared/optimize';
import type { Preset } from '../../../shared/presets';
import { call } from '../../lib/api-client';
import { useLoad } from '../../lib/use-load';

export type Stage =
  | { name: 'idle' }
  | { name: 'running'; jobId: number; progress: OptimizeProgress | null; cancelling: boolean }
  | { name: 'result'; jobId: number; result: OptimizeResult }
  | { name: 'accepted'; result: OptimizeResult; preset: Preset }
  | { name: 'kept'; result: OptimizeResult }
  | { name: 'cancelled' }
  | { name: 'failed'; error: unknown };

/** How often a running fit is asked how far it got. */
const POLL_MS = 150;

/** The share of the fit done, 0-100. */
export function percentDone(progress: OptimizeProgress | null): number {
  if (!progress || progress.total <= 0) return 0;
  return Math.min(100, Math.max(0, Math.round((100 * progress.current) / progress.total)));
}

/** Whether the result offers other parameters than the ones in use. */
export function offersChange(result: OptimizeResult): boolean {
  return result.params.some((value, index) => value !== result.current[index]);
}

/** What refuses a fit before it starts, in the words the core uses; null when there is enough history. */
export function tooLittleHistory(history: OptimizeHistory): string | null {
  if (history.reviews >= history.minimum) return null;
  return `Optimising needs at least ${history.minimum} reviews; this preset's decks have ${history.reviews}.`;
}

async function loadPresetOf(deckId: number): Promise<{ preset: Preset; history: OptimizeHistory; deckName: string }> {
  const [presets, decks] = await Promise.all([call('presets.list', {}), call('decks.list', {})]);
  const preset = presets.find((p) => p.deckIds.includes(deckId));
  const deck = decks.find((d) => d.id === deckId);
  if (!preset || !deck) throw new Error(`There is no deck ${deckId}.`);
  const history = await call('optimize.history', { presetId: preset.id });
  return { preset, history, deckName: deck.name };
}

export function useOptimizeSession(deckId: number) {
  const loaded = useLoad(() => loadPresetOf(deckId), String(deckId));
  const [stage, setStage] = useState<Stage>({ name: 'idle' });
  const stageRef = useRef(stage);
  stageRef.current = stage;

  const jobId = stage.name === 'running' ? stage.jobId : null;
  useEffect(() => {
    if (jobId === null) return;
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const progress = await call('optimize.progress', { jobId });
        if (!live) return;
        if (progress.state === 'running') {
          setStage((s) => (s.name === 'running' && s.jobId === jobId ? { ...s, progress } : s));
          timer = setTimeout(poll, POLL_MS);
        } else if (progress.state === 'done') {
          const result = await call('optimize.result', { jobId });
          if (live) setStage({ name: 'result', jobId, result });
        } else if (progress.state === 'cancelled') {
          setStage({ name: 'cancelled' });
        } else {
          setStage({ name: 'failed', error: new Error(progress.error ?? 'The optimisation failed.') });
        }
      } catch (error) {
        if (live) setStage({ name: 'failed', error });
      }
    };
    void poll();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [jobId]);

  const start = useCallback(async () => {
    const preset = loaded.data?.preset;
    if (!preset || stageRef.current.name === 'running') return;
    try {
      const started = await call('optimize.start', { presetId: preset.id });
      setStage({ name: 'running', jobId: started.jobId, progress: null, cancelling: false });
    } catch (error) {
      setStage({ name: 'failed', error });
    }
  }, [loaded.data]);

  const cancel = useCallback(async () => {
    const current = stageRef.current;
    if (current.name !== 'running') return;
    setStage({ ...current, cancelling: true });
    try {
      await call('optimize.cancel', { jobId: current.jobId });
    } catch (error) {
      setStage({ name: 'failed', error });
    }
  }, []);

  const accept = useCallback(async () => {
    const current = stageRef.current;
    if (current.name !== 'result') return;
    try {
      const preset = await call('optimize.accept', { jobId: current.jobId });
      setStage({ name: 'accepted', result: current.result, preset });
    } catch (error) {
      setStage({ name: 'failed', error });
    }
  }, []);

  const keep = useCallback(() => {
    const current = stageRef.current;
    if (current.name === 'result') setStage({ name: 'kept', result: current.result });
  }, []);

  return { loaded, stage, start, cancel, accept, keep };
}
