/** Edits that lost to a later edit of the same field on another device (or to a deletion), kept to be read. */
import type { SyncConflict, SyncDevice } from '../../../shared/sync';
import { conflictField, REASON_LABELS, shortValue } from '../../lib/conflict-words';
import { plural } from '../../lib/format';
import { type HeaderCell, TableHead } from '../../lib/table-head';
import { CONFLICTS_SHOWN } from './sync-session';
import { exactTime, relativeTime } from './sync-words';

const COLUMNS: HeaderCell[] = [
  { label: 'Field' },
  { label: 'Value that lost' },
  { label: 'Device' },
  { label: 'Edited' },
  { label: 'Why it lost' },
];

interface Props {
  count: number;
  conflicts: SyncConflict[] | undefined;
  devices: SyncDevice[];
  now: number;
}

export function SyncConflicts({ count, conflicts, devices, now }: Props) {
  const names = new Map(devices.map((device) => [device.device, device.self ? 'This computer' : device.name]));
  return (
    <section className="sync-section" aria-labelledby="sync-conflicts-title" data-testid="sync-conflicts">
      <h2 id="sync-conflicts-title">
        Kept conflicts{' '}
        <span className="sync-count" data-testid="sync-conflict-count">
          {count}
        </span>
      </h2>
      {count === 0 ? (
        <p className="muted">
          None. When two computers change the same field, the later change wins and the other is listed here.
        </p>
      ) : (
        <>
          <p className="muted">
            Each of these edits lost to a later one of the same field, and is kept so that nothing typed is lost.
            {count > CONFLICTS_SHOWN && ` The newest ${CONFLICTS_SHOWN} of ${plural(count, 'conflict')} are shown.`}
          </p>
          {conflicts === undefined ? (
            <p className="muted">Loading the conflicts…</p>
          ) : (
            <div className="table-scroll sync-table-scroll">
              <table className="data-table sync-table sync-conflict-table">
                <caption className="visually-hidden">Kept conflicts, newest first</caption>
                <TableHead columns={COLUMNS} />
                <tbody>
                  {conflicts.map((conflict) => (
                    <tr key={conflict.id} data-testid="sync-conflict">
                      <th scope="row">{conflictField(conflict)}</th>
                      <td className="sync-value" title={shortValue(conflict.value, 2000)}>
                        {shortValue(conflict.value)}
                      </td>
                      <td>{names.get(conflict.device) ?? <code className="sync-id">{conflict.device}</code>}</td>
                      <td>
                        <time dateTime={new Date(conflict.at).toISOString()} title={exactTime(conflict.at)}>
                          {relativeTime(conflict.at, now)}
                        </time>
                      </td>
                      <td>{REASON_LABELS[conflict.reason]}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </section>
  );
}
