/** A table's column headers, one row of `th scope="col"`: the shape of most of Cue's tables. */

export interface HeaderCell {
  label: string;
  /** Numbers align right, headers over them too. */
  numeric?: boolean;
  className?: string;
  /** Read by screen readers only (e.g. "Actions" over a column of buttons). */
  hidden?: boolean;
}

function cellClass({ numeric, className }: HeaderCell): string | undefined {
  return [numeric ? 'num' : '', className ?? ''].filter(Boolean).join(' ') || undefined;
}

export function TableHead({ columns }: { columns: HeaderCell[] }) {
  return (
    <thead>
      <tr>
        {columns.map((column) => (
          <th key={column.label} scope="col" className={cellClass(column)}>
            {column.hidden ? <span className="visually-hidden">{column.label}</span> : column.label}
          </th>
        ))}
      </tr>
    </thead>
  );
}
