/** The table behind a chart: the same numbers as text, for screen readers and for reading exact values. */
import type { ReactNode } from 'react';
import { ScrollCue } from '../lib/scroll-cue';

export interface Column<R> {
  /** Unique among the columns; the header when absent. */
  id?: string;
  header: string;
  cell: (row: R) => ReactNode;
  numeric?: boolean;
}

interface Props<R> {
  caption: string;
  /** The first column names the row (a date, an hour, a kind) and is a row header. */
  rowHeader: Column<R>;
  columns: Column<R>[];
  rows: R[];
  rowKey: (row: R) => string;
  /** Headers over runs of columns (e.g. a section over its "Mastered" and "Recall"), in column order. */
  groups?: { header: string; span: number }[];
  /** A last row of sums (e.g. "Total"), under the others in a <tfoot>. */
  footer?: { header: string; row: R };
  testId?: string;
}

export function DataTable<R>({ caption, rowHeader, columns, rows, rowKey, groups, footer, testId }: Props<R>) {
  return (
    <ScrollCue className="chart-table">
      <table className="data-table" data-testid={testId}>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          {groups && (
            <tr>
              <td />
              {groups.map((group) => (
                <th key={group.header} scope="colgroup" colSpan={group.span} className="group">
                  {group.header}
                </th>
              ))}
            </tr>
          )}
          <tr>
            <th scope="col">{rowHeader.header}</th>
            {columns.map((column) => (
              <th key={column.id ?? column.header} scope="col" className={column.numeric ? 'num' : undefined}>
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)} data-testid={testId ? `${testId}-${rowKey(row)}` : undefined}>
              <th scope="row">{rowHeader.cell(row)}</th>
              {columns.map((column) => (
                <td key={column.id ?? column.header} className={column.numeric ? 'num' : undefined}>
                  {column.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
        {footer && (
          <tfoot>
            <tr className="total-row" data-testid={testId ? `${testId}-total` : undefined}>
              <th scope="row">{footer.header}</th>
              {columns.map((column) => (
                <td key={column.id ?? column.header} className={column.numeric ? 'num' : undefined}>
                  {column.cell(footer.row)}
                </td>
              ))}
            </tr>
          </tfoot>
        )}
      </table>
    </ScrollCue>
  );
}
