/**
 * The simulation screen's state: the deck's preset, the simulation (with limits tried but not saved),
 * saving a new desired retention, and whether rescheduling the cards is worth offering. The pure parts
 * (reading a retention as typed, the chart's marks) are exported for unit tests.
 */
import { useCallback, useEffect, useState } from 'react';
import type { DeckSummary } from '../../../shared/domain';
import type { Preset, PresetOptions } from '../../../shared/presets';
import type { Simulation } from '../../../shared/simulate';
import { call } from '../../lib/api-client';
import { describeError } from '../../lib/errors';

/** "0.85", "85" and "85%" all mean 85 %; the preset takes 0.70 to 0.99 in hundredths. */
export function parseRetention(text: string): number | { error: string } {
  const trimmed = text.trim().replace(/%$/, '').trim();
  if (!/^\d+(\.\d+)?$|^\.\d+$/.test(trimmed)) return { error: 'Type a retention such as 0.85 or 85%.' };
  const value = Number(trimmed);
  const share = value > 1 ? value / 100 : value;
  const rounded = Math.round(share * 100) / 100;
  if (rounded < 0.7 || rounded > 0.99) return { error: 'Desired retention must be from 70% to 99%.' };
  return rounded;
}

export interface Mark {
  retention: number;
  label: string;
  kind: 'current' | 'best';
  side: 'left' | 'right';
  /** 0: the first line above the plot; 1: the second, when both labels would otherwise collide. */
  row: 0 | 1;
}

/** A label this close to an end of the axis goes on the side that has room. */
const EDGE = 0.05;
/** Labels on the same side closer than this would overlap. */
const TOO_CLOSE = 0.1;

/**
 * The preset's retention and the best one. Their labels face away from each other, except near an end
 * of the axis, where a label goes where there is room; if both end up on one side, near each other,
 * the best goes on a second line.
 */
export function marksFor(current: number, best: number): Mark[] {
  const pct = (r: number) => `${Math.round(r * 100)}%`;
  const room = (retention: number, side: Mark['side']): Mark['side'] => {
    if (retention - 0.7 < EDGE) return 'right';
    if (0.99 - retention < EDGE) return 'left';
    return side;
  };
  const currentLeft = current <= best;
  const currentSide = room(current, currentLeft ? 'left' : 'right');
  const bestSide = room(best, currentLeft ? 'right' : 'left');
  const collide = currentSide === bestSide && Math.abs(current - best) < TOO_CLOSE;
  return [
    { retention: current, label: `Current ${pct(current)}`, kind: 'current', side: currentSide, row: 0 },
    { retention: best, label: `Best ${pct(best)}`, kind: 'best', side: bestSide, row: collide ? 1 : 0 },
  ];
}

/** Limits tried on the screen, not saved: the simulation runs with them over the preset's. */
export interface TriedLimits {
  days: number;
  newPerDay?: number;
  reviewsPerDay?: number;
}

export const DAY_CHOICES = [90, 180, 365, 730] as const;

interface Loaded {
  deck: DeckSummary;
  preset: Preset;
}

export function useSimulateSession(deckId: number) {
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [simulation, setSimulation] = useState<Simulation | null>(null);
  const [tried, setTried] = useState<TriedLimits>({ days: 365 });
  const [error, setError] = useState<unknown>(null);
  const [running, setRunning] = useState(false);
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  /** The retention was changed here: existing cards are still scheduled for the old one. */
  const [changed, setChanged] = useState(false);
  const [attempt, setAttempt] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` is what "Try again" changes, to load again.
  useEffect(() => {
    let current = true;
    Promise.all([call('decks.list', {}), call('presets.list', {})]).then(
      ([decks, presets]) => {
        if (!current) return;
        const deck = decks.find((d) => d.id === deckId);
        const preset = presets.find((p) => p.id === deck?.presetId);
        if (!deck || !preset) setError(new Error(`There is no deck ${deckId}.`));
        else setLoaded({ deck, preset });
      },
      (reason: unknown) => current && setError(reason),
    );
    return () => {
      current = false;
    };
  }, [deckId, attempt]);

  const saved = loaded?.preset.options.desiredRetention;
  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` is what "Try again" changes, to load again.
  useEffect(() => {
    if (saved === undefined) return;
    let current = true;
    setRunning(true);
    const options: Partial<PresetOptions> = {};
    if (tried.newPerDay !== undefined) options.newPerDay = tried.newPerDay;
    if (tried.reviewsPerDay !== undefined) options.reviewsPerDay = tried.reviewsPerDay;
    // the method answers with a promise of its own (it runs in turns): await unwraps both
    const simulated = (async () => await call('simulate', { deckId, days: tried.days, options }))();
    simulated.then(
      (result) => {
        if (!current) return;
        setSimulation(result);
        setRunning(false);
      },
      (reason: unknown) => {
        if (!current) return;
        setError(reason);
        setRunning(false);
      },
    );
    return () => {
      current = false;
    };
  }, [deckId, saved, tried, attempt]);

  const saveRetention = useCallback(
    async (retention: number) => {
      if (!loaded || saving) return;
      setSaving(true);
      setProblem(null);
      try {
        const preset = await call('presets.update', {
          presetId: loaded.preset.id,
          options: { desiredRetention: retention },
        });
        if (preset.options.desiredRetention !== loaded.preset.options.desiredRetention) setChanged(true);
        setLoaded({ ...loaded, preset });
      } catch (reason) {
        setProblem(describeError(reason).message);
      } finally {
        setSaving(false);
      }
    },
    [loaded, saving],
  );

  const reload = useCallback(() => {
    setError(null);
    setAttempt((n) => n + 1);
  }, []);

  return {
    loaded,
    simulation,
    tried,
    setTried,
    error,
    running,
    saving,
    problem,
    setProblem,
    changed,
    setChanged,
    saveRetention,
    reload,
  };
}
