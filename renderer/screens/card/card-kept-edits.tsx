/**
 * Card info's edits kept from other devices: each edit of this card that lost to a later edit on another
 * computer (or to its deletion there), in full, so that nothing typed is lost. Absent when there are none.
 */
import { useId, useState } from 'react';
import type { SyncConflict } from '../../../shared/sync';
import { call } from '../../lib/api-client';
import { CARD_REASON_LABELS, conflictFieldName, fullValue } from '../../lib/conflict-words';
import { ErrorPanel } from '../../lib/error-panel';
import { dateTime } from '../../lib/stats-format';
import { useLoad } from '../../lib/use-load';

/** The API's most; a card edited on two computers this often is rare, and the newest come first. */
const KEPT_SHOWN = 100;
/** A longer value starts folded, so one long answer does not push the rest of card info away. */
const FOLD_CHARS = 600;
const FOLD_LINES = 12;

interface KeptEdits {
  conflicts: SyncConflict[];
  /** Device id → what to call it. */
  names: Map<string, string>;
}

async function loadKept(cardId: number): Promise<KeptEdits> {
  const conflicts = await call('sync.conflicts', { cardId, limit: KEPT_SHOWN });
  if (conflicts.length === 0) return { conflicts, names: new Map() };
  const { devices } = await call('sync.status', {});
  return {
    conflicts,
    names: new Map(devices.map((device) => [device.device, device.self ? 'this computer' : device.name])),
  };
}

export function CardKeptEdits({ cardId }: { cardId: number }) {
  const { data, error, reload } = useLoad(() => loadKept(cardId), String(cardId));
  if (error !== null) return <ErrorPanel error={error} onRetry={reload} />;
  if (!data || data.conflicts.length === 0) return null;
  return (
    <section className="stats-card" aria-labelledby="kept-edits-title" data-testid="card-kept-edits">
      <h2 id="kept-edits-title">Edits kept from other devices</h2>
      <p className="muted">
        When two computers changed the same field, the later change won; what it replaced is kept here, newest first.
      </p>
      <ol className="kept-edits">
        {data.conflicts.map((conflict) => (
          <KeptEdit key={conflict.id} conflict={conflict} device={data.names.get(conflict.device)} />
        ))}
      </ol>
    </section>
  );
}

function KeptEdit({ conflict, device }: { conflict: SyncConflict; device: string | undefined }) {
  const texts = fullValue(conflict);
  return (
    <li className="kept-edit" data-testid="kept-edit" data-field={conflict.field}>
      <p className="kept-edit-head">
        <strong data-testid="kept-edit-field">{conflictFieldName(conflict)}</strong>
        <span className="muted">
          {' '}
          · edited on {device ?? <code className="kept-edit-device">{conflict.device}</code>},{' '}
          <time dateTime={new Date(conflict.at).toISOString()} data-testid="kept-edit-at">
            {dateTime(conflict.at)}
          </time>
        </span>
      </p>
      <p className="kept-edit-reason" data-testid="kept-edit-reason">
        {CARD_REASON_LABELS[conflict.reason]}
      </p>
      {texts.map((text, index) => (
        <KeptText
          // a note's fields are in their order, which is what tells them apart
          // biome-ignore lint/suspicious/noArrayIndexKey: see above
          key={index}
          text={text}
          label={texts.length > 1 ? `Field ${index + 1}` : null}
        />
      ))}
    </li>
  );
}

/** Where a long text is folded: after FOLD_LINES lines or FOLD_CHARS characters, at a line or word. */
function foldAt(text: string): number | null {
  const lines = text.split('\n');
  let at = lines.length > FOLD_LINES ? lines.slice(0, FOLD_LINES).join('\n').length : text.length;
  if (at > FOLD_CHARS) {
    const space = text.lastIndexOf(' ', FOLD_CHARS);
    at = space > FOLD_CHARS * 0.6 ? space : FOLD_CHARS;
  }
  return at < text.length ? at : null;
}

function KeptText({ text, label }: { text: string; label: string | null }) {
  const [open, setOpen] = useState(false);
  const id = useId();
  const fold = foldAt(text);
  const shown = fold === null || open ? text : `${text.slice(0, fold).trimEnd()}…`;
  return (
    <div className="kept-edit-text">
      {label && <p className="kept-edit-label">{label}</p>}
      {text === '' ? (
        <p className="muted">(empty)</p>
      ) : (
        <blockquote id={id} className="kept-edit-value" data-testid="kept-edit-value">
          {shown}
        </blockquote>
      )}
      {fold !== null && (
        <button
          type="button"
          className="button ghost small"
          aria-expanded={open}
          aria-controls={id}
          onClick={() => setOpen(!open)}
        >
          {open ? 'Show less' : `Show all ${text.length.toLocaleString()} characters`}
        </button>
      )}
    </div>
  );
}
