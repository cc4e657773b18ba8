/**
 * Which column of a CSV/TSV file is what: the first rows as a small table, a choice above each column.
 * The person picks roles per column; the screen turns them into the API's column mapping.
 */
import { useId } from 'react';
import type { ColumnMapping, CsvLayout } from '../../../shared/io';

export type ColumnRole = keyof ColumnMapping | 'ignore';

const ROLES: { role: ColumnRole; label: string }[] = [
  { role: 'question', label: 'Question' },
  { role: 'answer', label: 'Answer' },
  { role: 'tags', label: 'Tags' },
  { role: 'section', label: 'Section' },
  { role: 'key', label: 'Key' },
  { role: 'ignore', label: 'Ignore' },
];

/** One role per column, from a mapping (null: every column ignored until the person chooses). */
export function rolesOf(mapping: ColumnMapping | null, columnCount: number): ColumnRole[] {
  const roles: ColumnRole[] = Array.from({ length: columnCount }, () => 'ignore');
  for (const [role, column] of Object.entries(mapping ?? {}) as [keyof ColumnMapping, number | undefined][]) {
    if (column !== undefined && column >= 1 && column <= columnCount) roles[column - 1] = role;
  }
  return roles;
}

/** Gives `column` a role; every role but Ignore belongs to one column, so it leaves the column that had it. */
export function withRole(roles: ColumnRole[], column: number, role: ColumnRole): ColumnRole[] {
  return roles.map((had, index) => {
    if (index === column) return role;
    return role !== 'ignore' && had === role ? 'ignore' : had;
  });
}

/** The mapping the roles say, or null while the question or the answer has no column. */
export function mappingOf(roles: ColumnRole[]): ColumnMapping | null {
  const mapping: Partial<ColumnMapping> = {};
  roles.forEach((role, index) => {
    if (role !== 'ignore') mapping[role] = index + 1;
  });
  const { question, answer } = mapping;
  return question === undefined || answer === undefined ? null : { ...mapping, question, answer };
}

interface Props {
  csv: CsvLayout;
  roles: ColumnRole[];
  onRole: (column: number, role: ColumnRole) => void;
}

export function CsvMapping({ csv, roles, onRole }: Props) {
  const id = useId();
  const complete = mappingOf(roles) !== null;
  // Columns and rows have no identity but their place in the file.
  const columns = roles.map((role, index) => ({ number: index + 1, role }));
  const lines = csv.rows.map((fields, index) => ({ number: index + 1, fields }));
  return (
    <section className="import-card csv-mapping" aria-labelledby="csv-title" data-testid="csv-mapping">
      <h3 id="csv-title">Columns</h3>
      <p className="import-note" data-testid="csv-layout">
        Separator: <strong>{csv.separatorName}</strong>
        {csv.hasHeader ? ' · the file’s # header lines set the defaults' : ' · no header lines'}
        {` · ${csv.columnCount} ${csv.columnCount === 1 ? 'column' : 'columns'}`}
      </p>
      {csv.mapping === null && (
        <p className="import-note">
          This file needs a mapping: choose the column that holds the question and the one that holds the answer.
        </p>
      )}
      <div className="table-scroll">
        <table className="data-table csv-table">
          <caption className="visually-hidden">The first rows of the file, with what each column holds</caption>
          <thead>
            <tr>
              {columns.map(({ number, role }) => (
                <th key={number} scope="col">
                  <label className="column-name" htmlFor={`${id}-${number}`}>
                    Column {number}
                  </label>
                  <select
                    id={`${id}-${number}`}
                    className="field"
                    value={role}
                    onChange={(event) => onRole(number - 1, event.target.value as ColumnRole)}
                  >
                    {ROLES.map((option) => (
                      <option key={option.role} value={option.role}>
                        {option.label}
                      </option>
                    ))}
                  </select>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {lines.map(({ number, fields }) => (
              <tr key={number}>
                {columns.map(({ number: column, role }) => (
                  <td key={column} className={role === 'ignore' ? 'is-ignored' : undefined}>
                    {fields[column - 1] ?? ''}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {!complete && (
        <p className="import-problem" role="alert" data-testid="mapping-incomplete">
          Choose a Question column and an Answer column.
        </p>
      )}
      <p className="import-note">
        Section: Anki’s deck column (“Deck::Part” becomes section “Part”). Key: a column that names each note (Anki’s
        GUID), so importing the file again updates its cards instead of adding them twice.
      </p>
    </section>
  );
}
