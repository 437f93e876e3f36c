// The expression pane's tools: Format (prettier with the JSONata plugin, loaded on first use). A
// template is text with embedded expressions, which the formatter does not read, so it has no Format.
import { useState } from 'react';
import { formatExpression } from './format-expression.js';

export function ExpressionTools({ kind, expression, onFormatted }: { kind: 'expression' | 'template'; expression: string; onFormatted: (value: string) => void }) {
  const [note, setNote] = useState<string>();
  const [busy, setBusy] = useState(false);
  if (kind === 'template') return null;
  const format = async () => {
    setBusy(true);
    try {
      const formatted = await formatExpression(expression);
      setNote(undefined);
      if (formatted !== expression) onFormatted(formatted);
    } catch (error) {
      setNote(`Not formatted: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="workbench-tools">
      <button type="button" className="button" disabled={busy || expression.trim() === ''} aria-busy={busy} onClick={() => void format()}>
        Format
      </button>
      {note && (
        <span className="field-error" role="status">
          {note}
        </span>
      )}
    </div>
  );
}
