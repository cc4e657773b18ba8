/** The devices whose files are in the sync folder: name, id, files written, newest change; this computer marked. */
import type { SyncDevice } from '../../../shared/sync';
import { type HeaderCell, TableHead } from '../../lib/table-head';
import { devicesInOrder, exactTime, fileCount, lastChangeWords, relativeTime } from './sync-words';

const COLUMNS: HeaderCell[] = [
  { label: 'Name' },
  { label: 'Device id' },
  { label: 'Files', numeric: true },
  { label: 'Last change' },
];

interface Props {
  devices: SyncDevice[];
  now: number;
  caption: string;
}

export function DeviceTable({ devices, now, caption }: Props) {
  return (
    <div className="table-scroll sync-table-scroll">
      <table className="data-table sync-table" data-testid="sync-devices">
        <caption className="visually-hidden">{caption}</caption>
        <TableHead columns={COLUMNS} />
        <tbody>
          {devicesInOrder(devices).map((device) => (
            <tr
              key={device.device}
              className={device.self ? 'is-self' : undefined}
              data-testid="sync-device"
              data-device={device.device}
              data-self={device.self}
            >
              <th scope="row" className="sync-device-name">
                {/* before it joins, the folder has no name for this computer: the badge says which it is */}
                {!(device.self && device.name === 'this computer') && <span title={device.name}>{device.name}</span>}
                {device.self && <span className="backup-badge">This computer</span>}
              </th>
              <td>
                <code className="sync-id" title={device.device}>
                  {device.device}
                </code>
              </td>
              <td className="num">{fileCount(device.segments)}</td>
              <td>
                {device.lastChange === null ? (
                  <span className="muted">{lastChangeWords(device)}</span>
                ) : (
                  <time dateTime={new Date(device.lastChange).toISOString()} title={exactTime(device.lastChange)}>
                    {relativeTime(device.lastChange, now)}
                  </time>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
