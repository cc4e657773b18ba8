/**
 * The options screen's state: the deck, the presets, the preset the form shows, the form as typed
 * and what it was loaded as (so the screen knows when something is unsaved), and the writes.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { DeckSummary } from '../../../shared/domain';
import { CueError } from '../../../shared/errors';
import type { DeckLimits, Preset } from '../../../shared/presets';
import { call } from '../../lib/api-client';
import {
  checkDraft,
  type DraftField,
  type Issues,
  issuesFromDetails,
  type OptionsDraft,
  toDraft,
} from './options-draft';

export interface OptionsData {
  deck: DeckSummary;
  decks: DeckSummary[];
  presets: Preset[];
  limits: DeckLimits;
}

async function loadOptions(deckId: number): Promise<OptionsData> {
  const [decks, presets, limits] = await Promise.all([
    call('decks.list', {}),
    call('presets.list', {}),
    call('decks.limits', { deckId }),
  ]);
  const deck = decks.find((d) => d.id === deckId);
  if (!deck) throw new CueError('not_found', `There is no deck ${deckId}.`);
  return { deck, decks, presets, limits };
}

function presetOf(data: OptionsData, presetId: number): Preset {
  return data.presets.find((p) => p.id === presetId) ?? data.presets[0];
}

export function useOptionsSession(deckId: number) {
  const [data, setData] = useState<OptionsData | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [shownId, setShownId] = useState<number | null>(null);
  const [draft, setDraft] = useState<OptionsDraft | null>(null);
  const [baseline, setBaseline] = useState<OptionsDraft | null>(null);
  const [serverIssues, setServerIssues] = useState<Issues>({});
  const [saving, setSaving] = useState(false);

  /** Loads everything again and shows `show` (default: the deck's preset), the form as saved. */
  const reload = useCallback(
    async (show?: number) => {
      try {
        const loaded = await loadOptions(deckId);
        const preset = presetOf(loaded, show ?? loaded.deck.presetId);
        const fresh = toDraft(preset.options, loaded.limits);
        setData(loaded);
        setShownId(preset.id);
        setDraft(fresh);
        setBaseline(fresh);
        setServerIssues({});
        setError(null);
      } catch (reason) {
        setError(reason);
      }
    },
    [deckId],
  );
  useEffect(() => {
    void reload();
  }, [reload]);

  /** After a rename: the presets' names again, the form as typed. */
  const reloadPresets = async () => {
    const presets = await call('presets.list', {});
    setData((d) => (d ? { ...d, presets } : d));
  };

  const set = useCallback(<F extends DraftField>(field: F, value: OptionsDraft[F]) => {
    setDraft((d) => (d ? { ...d, [field]: value } : d));
    setServerIssues(({ [field]: _, ...rest }) => rest);
  }, []);

  const checked = useMemo(() => (draft ? checkDraft(draft) : null), [draft]);
  const issues: Issues = { ...serverIssues, ...checked?.issues };
  const shown = data && shownId !== null ? presetOf(data, shownId) : null;
  const edited = draft !== null && baseline !== null && JSON.stringify(draft) !== JSON.stringify(baseline);
  const dirty = edited || (data !== null && shownId !== data.deck.presetId);

  /** Shows another preset's options in the form (the deck moves to it when saved). */
  const pick = (presetId: number) => {
    if (!data) return;
    const preset = presetOf(data, presetId);
    const fresh = toDraft(preset.options, data.limits);
    setShownId(preset.id);
    setDraft(fresh);
    setBaseline(fresh);
    setServerIssues({});
  };

  /** Saves the form; false (with the messages by field) when something is wrong. */
  const save = async (): Promise<boolean> => {
    if (!data || !shown || !checked || !draft || !baseline) return false;
    if (!checked.options || !checked.limits) return false;
    setSaving(true);
    try {
      if (shown.id !== data.deck.presetId) await call('presets.assign', { deckId, presetId: shown.id });
      const { deckNewLimit, deckReviewLimit, ...options } = draft;
      const { deckNewLimit: n, deckReviewLimit: r, ...savedOptions } = baseline;
      if (JSON.stringify(options) !== JSON.stringify(savedOptions)) {
        await call('presets.update', { presetId: shown.id, options: checked.options });
      }
      if (deckNewLimit !== n || deckReviewLimit !== r) await call('decks.setLimits', { deckId, ...checked.limits });
      await reload(shown.id);
      return true;
    } catch (reason) {
      if (reason instanceof CueError && reason.code === 'invalid_input')
        setServerIssues(issuesFromDetails(reason.details));
      throw reason;
    } finally {
      setSaving(false);
    }
  };

  /** The options the form holds, when every one is valid. */
  const checkedOptions = checked?.options ?? null;
  return {
    data,
    error,
    shown,
    draft,
    issues,
    set,
    dirty,
    edited,
    saving,
    pick,
    save,
    reload,
    reloadPresets,
    checkedOptions,
  };
}
