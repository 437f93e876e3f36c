// Run log lines (output.log nodes, engine notices) echoed to stderr while `run`, `resume` or a replay
// drives, so a demo flow shows what it logs. Capped: a million-message run should not flood the
// terminal; the whole log stays in the state database.
import type { OpenEngineOptions } from '../../engine/types.js';
import type { Terminal } from '../context.js';

const MAX_LINES = 50;

export function logPrinter(terminal: Terminal): NonNullable<OpenEngineOptions['onLog']> {
  let printed = 0;
  // On a terminal a progress line may be drawn: clear it first; it is redrawn on the next update.
  const clear = terminal.stderrIsTTY ? '\r\x1b[2K' : '';
  return (line) => {
    // Debug lines are for the designer's trace view; the terminal shows info and above.
    if (line.level === 'debug') return;
    printed++;
    if (printed <= MAX_LINES) terminal.err(`${clear}${line.nodeId ?? 'engine'} ${line.level}: ${line.message}`);
    else if (printed === MAX_LINES + 1) terminal.err(`${clear}…more log lines are kept with the run (not shown)`);
  };
}
