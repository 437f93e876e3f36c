// A value as a table when it is an array of objects (one row per item, one column per key seen in the
// first rows), else a note that says why not. Shared by the input and output panes.
import { useMemo } from 'react';

const MAX_ROWS = 200;
const MAX_COLUMNS = 30;

export function TableView({ value, label }: { value: unknown; label: string }) {
  const table = useMemo(() => tableOf(value), [value]);
  if (!table) return <p className="inspector-muted">Not a list of objects: see Tree or JSON.</p>;
  return (
    <div className="workbench-table-wrap">
      <table className="workbench-table" aria-label={label}>
        <thead>
          <tr>
            {table.columns.map((column) => (
              <th key={column} scope="col">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((row, index) => (
            <tr key={index}>
              {table.columns.map((column) => (
                <td key={column}>{cell(row[column])}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {table.more > 0 && <p className="inspector-muted">{table.more} more rows not shown.</p>}
    </div>
  );
}

function tableOf(value: unknown): { columns: string[]; rows: Record<string, unknown>[]; more: number } | undefined {
  const items = Array.isArray(value) ? value : undefined;
  if (!items || items.length === 0 || !items.every((item) => typeof item === 'object' && item !== null && !Array.isArray(item))) return undefined;
  const rows = (items as Record<string, unknown>[]).slice(0, MAX_ROWS);
  const columns: string[] = [];
  for (const row of rows.slice(0, 50)) for (const key of Object.keys(row)) if (!columns.includes(key) && columns.length < MAX_COLUMNS) columns.push(key);
  return { columns, rows, more: items.length - rows.length };
}

function cell(value: unknown): string {
  if (value === undefined) return '';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}
