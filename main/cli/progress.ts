// A one-line progress display on stderr for long work (big runs, bulk replays), redrawn in place at
// most every 200 ms. Only on a terminal: piped stderr stays free of carriage-return noise.
import type { RunProgress } from '../engine/types.js';
import type { Terminal } from './context.js';
import { formatCount } from './format/count.js';

const REDRAW_MS = 200;

export interface ProgressLine {
  update(progress: RunProgress): void;
  done(): void;
}

const silent: ProgressLine = { update: () => undefined, done: () => undefined };

export function progressLine(terminal: Terminal, label: string): ProgressLine {
  if (!terminal.stderrIsTTY) return silent;
  let last = 0;
  let drawn = false;
  return {
    update(progress) {
      const now = Date.now();
      if (now - last < REDRAW_MS) return;
      last = now;
      drawn = true;
      const line = `${label}: ${formatCount(progress.processed)} steps done · ${formatCount(progress.pending)} pending · ${formatCount(progress.dead)} dead · ${formatCount(progress.received)} received`;
      process.stderr.write(`\r\x1b[2K${line}`);
    },
    done() {
      if (drawn) process.stderr.write('\r\x1b[2K');
      drawn = false;
    },
  };
}
