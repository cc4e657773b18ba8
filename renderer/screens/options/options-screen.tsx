/**
 * A deck's options (#/options/<deck>): the preset it uses, every option of that preset grouped as in
 * Anki with a plain explanation and its own message when wrong, the deck's own daily limits, and Save
 * (applied from the next answer). Leaving, or switching presets, with unsaved changes asks first.
 */
import { type FormEvent, lazy, type RefObject, Suspense, useEffect, useRef, useState } from 'react';
import type { PresetOptions } from '../../../shared/presets';
import { call } from '../../lib/api-client';
import { ErrorPanel } from '../../lib/error-panel';
import { describeError } from '../../lib/errors';
import { plural } from '../../lib/format';
import { KeyHint } from '../../lib/key-hint';
import { routeHash } from '../../lib/route-hash';
import { ScreenHeader } from '../../lib/screen-header';
import { Toast, useToast } from '../../lib/toast';
import { useBackKey } from '../../lib/use-back-key';
import { OptionsForm } from './options-form';
import { useOptionsSession } from './options-session';
import { DeletePresetDialog, DiscardDialog, type PresetAction, PresetBar, PresetNameDialog } from './preset-bar';

// The dialog draws a chart (Recharts): loaded when first opened, not with the options.
const RescheduleDialog = lazy(() =>
  import('../../lib/reschedule-dialog').then((module) => ({ default: module.RescheduleDialog })),
);

/**
 * A new desired retention schedules studied cards differently; it can be applied to them (new FSRS
 * parameters come from the optimisation screen, which offers the same).
 */
const reschedulesCards = (before: PresetOptions, after: Pick<PresetOptions, 'desiredRetention'>) =>
  before.desiredRetention !== after.desiredRetention;

interface Props {
  deckId: number;
  onHome: () => void;
}

export function OptionsScreen({ deckId, onHome }: Props) {
  const session = useOptionsSession(deckId);
  const { data, error, shown, draft, issues, dirty, edited, saving } = session;
  const { toast, say, clear } = useToast();
  const [problem, setProblem] = useState<string | null>(null);
  /** What to do once the person agrees to drop unsaved changes. */
  const [pending, setPending] = useState<(() => void) | null>(null);
  const [action, setAction] = useState<PresetAction | null>(null);
  /** The preset whose retention or parameters were just saved: its studied cards may be rescheduled. */
  const [offer, setOffer] = useState<{ presetId: number; open: boolean } | null>(null);
  const form = useRef<HTMLFormElement>(null);

  /** Set once the person has agreed to leave: the way out is then not asked about again. */
  const released = useRef(false);
  const guarded = (go: () => void, when = dirty) => (when ? setPending(() => go) : go());
  const leave = () =>
    guarded(() => {
      released.current = true;
      onHome();
    });
  useBackKey(leave);
  useLeaveGuard(dirty, released);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (saving || !data || !shown) return;
    if (Object.keys(issues).length > 0) {
      form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      setProblem(`${plural(Object.keys(issues).length, 'option')} to correct before saving.`);
      return;
    }
    try {
      setProblem(null);
      const before = shown.options;
      const saved = await session.save();
      const saidSaved = `Saved. “${data.deck.name}” is studied with “${shown.name}” from your next answer.`;
      // a new retention: the offer to reschedule says it was saved, where Save was pressed (no toast over it)
      if (saved && session.checkedOptions && reschedulesCards(before, session.checkedOptions)) {
        setOffer({ presetId: shown.id, open: false });
      } else say(saidSaved);
    } catch (reason) {
      setProblem(describeError(reason).message);
    }
  };

  if (!data || !draft || !shown) {
    return (
      <main className="page options-page" aria-labelledby="options-title">
        <ScreenHeader backLabel="Decks" onBack={onHome} title="Deck options" titleId="options-title" />
        {error !== null ? <ErrorPanel error={error} onHome={onHome} /> : <p className="muted">Loading the options…</p>}
      </main>
    );
  }
  const deckNames = (ids: number[]) => data.decks.filter((d) => ids.includes(d.id)).map((d) => d.name);
  const bind = { draft, issues, set: session.set };
  return (
    <main className="page options-page" aria-labelledby="options-title" aria-busy={saving}>
      <ScreenHeader backLabel="Decks" onBack={leave}>
        <div className="options-title">
          <h1 id="options-title">Options</h1>
          <span className="muted" data-testid="options-deck">
            {data.deck.name}
          </span>
        </div>
      </ScreenHeader>
      <PresetBar
        presets={data.presets}
        shownId={shown.id}
        deckPresetId={data.deck.presetId}
        onPick={(presetId) => guarded(() => session.pick(presetId), edited)}
        onAction={(chosen) => (chosen === 'rename' ? setAction(chosen) : guarded(() => setAction(chosen), edited))}
      />
      <form ref={form} className="options-form" onSubmit={submit} noValidate>
        <OptionsForm
          bind={bind}
          deckName={data.deck.name}
          parameters={shown.options.fsrsParameters}
          optimizeHref={routeHash({ name: 'optimize', deckId })}
          simulateHref={routeHash({ name: 'simulate', deckId })}
          onLink={(href) =>
            guarded(() => {
              released.current = true;
              window.location.hash = href;
            })
          }
        />
        <div className="options-save">
          {offer && (
            <section className="options-reschedule" aria-label="Cards already studied" data-testid="reschedule-offer">
              <p>
                <strong>Saved</strong>, from your next answer. Cards you studied before keep the dates the old retention
                gave them: reschedule them from their history? You see the next 30 days first.
              </p>
              <div className="button-row">
                <button
                  type="button"
                  className="button"
                  onClick={() => setOffer({ ...offer, open: true })}
                  data-testid="offer-reschedule"
                >
                  Reschedule existing cards…
                </button>
                <button type="button" className="button ghost" onClick={() => setOffer(null)}>
                  Not now
                </button>
              </div>
            </section>
          )}
          {problem && (
            <p className="import-problem" role="alert" data-testid="options-problem">
              {problem}
            </p>
          )}
          <div className="button-row">
            <button type="submit" className="button primary" aria-disabled={saving} aria-keyshortcuts="Control+S">
              Save <KeyHint>Ctrl+S</KeyHint>
            </button>
            <span className="format-note">
              {dirty ? 'Unsaved changes. ' : ''}A change applies from your next answer; cards already due keep their
              dates.
            </span>
          </div>
        </div>
      </form>
      {offer?.open && (
        <Suspense fallback={null}>
          <RescheduleDialog
            presetId={offer.presetId}
            onRescheduled={(cards) => {
              setOffer(null);
              say(`Rescheduled ${plural(cards, 'card')}.`);
            }}
            onClose={() => setOffer((current) => current && { ...current, open: false })}
          />
        </Suspense>
      )}
      {pending && (
        <DiscardDialog
          onDiscard={() => {
            pending();
            setPending(null);
          }}
          onClose={() => setPending(null)}
        />
      )}
      {action && (
        <PresetDialogs
          action={action}
          session={session}
          deckNames={deckNames}
          onSay={say}
          onClose={() => setAction(null)}
        />
      )}
      <SaveKey form={form} />
      <Toast toast={toast} onDone={clear} />
    </main>
  );
}

interface DialogsProps {
  action: PresetAction;
  session: ReturnType<typeof useOptionsSession>;
  deckNames: (ids: number[]) => string[];
  onSay: (text: string) => void;
  onClose: () => void;
}

/** The dialog for one preset action; each reloads the screen after it. */
function PresetDialogs({ action, session, deckNames, onSay, onClose }: DialogsProps) {
  const { shown, data } = session;
  if (!shown || !data) return null;
  if (action === 'delete') {
    const moved = deckNames(shown.deckIds);
    return (
      <DeletePresetDialog
        preset={shown}
        deckNames={moved}
        onClose={onClose}
        onConfirm={async () => {
          await call('presets.delete', { presetId: shown.id });
          await session.reload();
          onSay(
            moved.length
              ? `Deleted “${shown.name}”; ${moved.map((n) => `“${n}”`).join(', ')} now ${moved.length === 1 ? 'uses' : 'use'} Default.`
              : `Deleted “${shown.name}”.`,
          );
        }}
      />
    );
  }
  const texts = {
    add: { title: 'Add a preset', initial: '', submit: 'Add' },
    clone: { title: `Clone “${shown.name}”`, initial: `${shown.name} (copy)`, submit: 'Clone' },
    rename: { title: `Rename “${shown.name}”`, initial: shown.name, submit: 'Rename' },
  }[action];
  return (
    <PresetNameDialog
      title={texts.title}
      initial={texts.initial}
      submitLabel={texts.submit}
      onClose={onClose}
      onSubmit={async (name) => {
        if (action === 'rename') {
          await call('presets.update', { presetId: shown.id, name });
          // the form keeps what was typed: only the name changed
          await session.reloadPresets();
          onSay(`Renamed to “${name.trim()}”.`);
          return;
        }
        const created = await call('presets.create', { name, ...(action === 'clone' ? { from: shown.id } : {}) });
        await session.reload(created.id);
        onSay(`Made “${created.name}”. Save to study this deck with it.`);
      }}
    />
  );
}

/** Ctrl+S (or Cmd+S) saves, as in an editor. */
function SaveKey({ form }: { form: RefObject<HTMLFormElement | null> }) {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 's') {
        event.preventDefault();
        form.current?.requestSubmit();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [form]);
  return null;
}

/**
 * Unsaved changes survive the browser's back and forward buttons (asked, and the address put back
 * when the person stays), and a reload or closing the window asks first. `popstate` comes before the
 * `hashchange` the app follows, while this screen is still there to ask.
 */
function useLeaveGuard(dirty: boolean, released: RefObject<boolean>): void {
  useEffect(() => {
    if (!dirty) return;
    const here = window.location.href;
    const onUnload = (event: BeforeUnloadEvent) => event.preventDefault();
    const onHistory = () => {
      if (released.current || window.location.href === here) return;
      if (!window.confirm('Leave the options without saving your changes?')) window.history.pushState(null, '', here);
    };
    window.addEventListener('beforeunload', onUnload);
    window.addEventListener('popstate', onHistory);
    return () => {
      window.removeEventListener('beforeunload', onUnload);
      window.removeEventListener('popstate', onHistory);
    };
  }, [dirty, released]);
}
