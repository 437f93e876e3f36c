// The Dead letters table: a checkbox to select each letter, its flow and node, the error code with the
// HTTP status when a target answered one, the message, attempts and when it failed; the id opens it.
import type { DeadLetterItem } from '../../../shared/api/dead-letters.js';
import { formatTime, shortId } from './format.js';

export interface DeadLettersTableProps {
  letters: DeadLetterItem[];
  selected: ReadonlySet<string>;
  onSelect: (selected: ReadonlySet<string>) => void;
  openId: string | undefined;
  onOpen: (id: string) => void;
}

export function DeadLettersTable({ letters, selected, onSelect, openId, onOpen }: DeadLettersTableProps) {
  const allSelected = letters.length > 0 && letters.every((letter) => selected.has(letter.id));
  const toggle = (id: string) => {
    const next = new Set(selected);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    onSelect(next);
  };
  return (
    <div className="ops-table-wrap">
      <table className="ops-table" aria-label="Dead letters list">
        <thead>
          <tr>
            <th scope="col"><input type="checkbox" aria-label="Select all shown dead letters" checked={allSelected} onChange={() => onSelect(allSelected ? new Set() : new Set(letters.map((letter) => letter.id)))} /></th>
            <th scope="col">Dead letter</th>
            <th scope="col">Flow</th>
            <th scope="col">Node</th>
            <th scope="col">Error</th>
            <th scope="col">Attempts</th>
            <th scope="col">Failed</th>
          </tr>
        </thead>
        <tbody>
          {letters.map((letter) => (
            <tr key={letter.id} className={letter.id === openId ? 'ops-row-open' : undefined}>
              <td><input type="checkbox" aria-label={`Select dead letter ${letter.id}`} checked={selected.has(letter.id)} onChange={() => toggle(letter.id)} /></td>
              <td>
                <button type="button" className="ops-link" onClick={() => onOpen(letter.id)} aria-label={`Open dead letter ${letter.id}`} title={letter.id}>{shortId(letter.id)}</button>
                {letter.edited && <span className="ops-muted"> (edited)</span>}
              </td>
              <td>{letter.flowId}</td>
              <td>{letter.nodeId}</td>
              <td className="ops-error-cell">
                <code>{letter.error.code}</code>
                {letter.httpStatus !== undefined && <span className="ops-badge ops-badge-danger" title="HTTP status">{letter.httpStatus}</span>}
                <span className="ops-error-message">{letter.error.message}</span>
              </td>
              <td className="ops-num">{letter.attempts}</td>
              <td>{formatTime(letter.createdAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
