/**
 * Rescheduling a preset's cards after its retention or parameters changed: a preview of how many cards
 * move and the next 30 days' due counts before and after (as a chart, or as a table), then a confirm
 * that says how many cards it reschedules. Cancel is where the focus starts; Escape closes it.
 * `options` previews changes not saved yet; `beforeReschedule` (e.g. saving them) runs before the
 * reschedule, which always uses the preset's saved options.
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { PresetOptions } from '../../shared/presets';
import type { ReschedulePreview } from '../../shared/simulate';
import { ChartImage } from '../charts/chart-figure';
import { CountLines, type CountRow, type CountSeries } from '../charts/count-lines';
import { DataTable } from '../charts/data-table';
import { Legend } from '../charts/legend';
import { seriesStyle } from '../charts/theme';
import { call } from './api-client';
import { useModal } from './dialog-hooks';
import { describeError } from './errors';
import { plural } from './format';
import { shortDate } from './stats-format';

interface Props {
  presetId: number;
  options?: Partial<PresetOptions>;
  beforeReschedule?: () => Promise<void>;
  /** After a reschedule, with how many cards it changed. */
  onRescheduled?: (cards: number) => void;
  onClose: () => void;
}

const SERIES: CountSeries[] = [
  { key: 'before', name: 'Due now', style: seriesStyle(1) },
  { key: 'after', name: 'Due after rescheduling', style: seriesStyle(0) },
];

export function RescheduleDialog({ presetId, options, beforeReschedule, onRescheduled, onClose }: Props) {
  const [preview, setPreview] = useState<ReschedulePreview | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [asTable, setAsTable] = useState(false);
  const dialog = useModal(busy);
  const cancel = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const optionsKey = JSON.stringify(options ?? null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `optionsKey` stands for `options`.
  useEffect(() => {
    let current = true;
    // the method answers with a promise of its own (it runs in turns): await unwraps both
    (async () => await call('presets.reschedulePreview', { presetId, options }))().then(
      (result) => current && setPreview(result),
      (reason: unknown) => current && setProblem(describeError(reason).message),
    );
    return () => {
      current = false;
    };
  }, [presetId, optionsKey]);
  useEffect(() => {
    cancel.current?.focus();
  }, []);

  const confirm = async () => {
    if (busy || !preview || preview.cards === 0) return;
    setBusy(true);
    setProblem(null);
    try {
      await beforeReschedule?.();
      const result = await call('presets.reschedule', { presetId });
      onRescheduled?.(result.cards);
      setBusy(false);
      dialog.current?.close();
    } catch (reason) {
      setProblem(describeError(reason).message);
      setBusy(false);
    }
  };

  return (
    <dialog
      ref={dialog}
      className="modal reschedule-dialog"
      aria-labelledby={titleId}
      onClose={onClose}
      onCancel={(event) => busy && event.preventDefault()}
      data-testid="reschedule-dialog"
    >
      <h2 id={titleId}>Reschedule existing cards?</h2>
      {!preview && !problem && <p className="muted">Working out what would change…</p>}
      {preview && <PreviewBody preview={preview} asTable={asTable} onTable={setAsTable} />}
      {problem && (
        <p className="import-problem" role="alert">
          {problem}
        </p>
      )}
      <p className="export-status" role="status">
        {busy && 'Rescheduling…'}
      </p>
      <div className="button-row modal-actions">
        <button
          type="button"
          className="button primary"
          onClick={confirm}
          aria-disabled={busy || !preview || preview.cards === 0}
          data-testid="reschedule-confirm"
        >
          {preview ? `Reschedule ${plural(preview.cards, 'card')}` : 'Reschedule'}
        </button>
        <button
          ref={cancel}
          type="button"
          className="button"
          onClick={() => !busy && dialog.current?.close()}
          aria-disabled={busy}
        >
          Cancel
        </button>
      </div>
    </dialog>
  );
}

function PreviewBody({
  preview,
  asTable,
  onTable,
}: {
  preview: ReschedulePreview;
  asTable: boolean;
  onTable: (asTable: boolean) => void;
}) {
  const sum = (key: 'before' | 'after', days = preview.days.length) =>
    preview.days.slice(0, days).reduce((total, day) => total + day[key], 0);
  const rows: CountRow[] = preview.days.map((day) => ({ x: day.day, before: day.before, after: day.after }));
  const summary =
    `Cards due in the next 30 days: ${sum('before')} now, ${sum('after')} after rescheduling; ` +
    `in the next 7 days: ${sum('before', 7)} now, ${sum('after', 7)} after.`;
  return (
    <>
      <p className="modal-lead" data-testid="reschedule-summary">
        {preview.cards === 0
          ? 'Every card is already scheduled for these options: there is nothing to reschedule.'
          : `${plural(preview.cards, 'studied card')} would get the memory state and due date their history gives with the preset's options now. The review log keeps every answer, and records the reschedule.`}
      </p>
      <dl className="reschedule-totals">
        <div>
          <dt className="reschedule-total-name">Due in the next 7 days</dt>
          <dd className="reschedule-total" data-testid="reschedule-week">
            {sum('before', 7)} → {sum('after', 7)}
          </dd>
        </div>
        <div>
          <dt className="reschedule-total-name">Due in the next 30 days</dt>
          <dd className="reschedule-total" data-testid="reschedule-month">
            {sum('before')} → {sum('after')}
          </dd>
        </div>
      </dl>
      <div className="chart-head">
        <h3 className="reschedule-days-title">The next 30 days</h3>
        <button type="button" className="button small toggle" aria-pressed={asTable} onClick={() => onTable(!asTable)}>
          Show as table
        </button>
      </div>
      {asTable ? (
        <DataTable
          caption="Cards due each day, now and after rescheduling"
          rowHeader={{ header: 'Day', cell: (day) => shortDate(day.day) }}
          columns={[
            { header: 'Now', numeric: true, cell: (day) => day.before },
            { header: 'After', numeric: true, cell: (day) => day.after },
          ]}
          rows={preview.days}
          rowKey={(day) => day.day}
          testId="reschedule-table"
        />
      ) : (
        <>
          <ChartImage summary={summary} height={180}>
            <CountLines rows={rows} series={SERIES} height={180} xLabel={shortDate} />
          </ChartImage>
          <Legend kind="line" items={SERIES} />
        </>
      )}
    </>
  );
}
