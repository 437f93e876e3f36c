// `pipewright … | head`: a reader that stops early closes the pipe under the command. That is not the
// command's failure; it ends quietly (exit 0), as command-line tools do, instead of crashing with an
// unhandled EPIPE and a stack trace.
import { describe, expect, it } from 'vitest';
import { collect, hasStackTrace, startCli, Workspace } from './cli-harness.js';

describe('a closed stdout pipe', () => {
  it('ends the command quietly with exit 0', async () => {
    const ws = new Workspace('pipewright-closed-pipe-');
    try {
      // About 600 KB of output: far more than a pipe holds, so writes are still going when it closes.
      const child = startCli(['eval', '[1..100000].{"n": $}'], { cwd: ws.dir });
      child.stdout?.once('data', () => child.stdout?.destroy());
      const result = await collect(child);
      expect(result.stderr).not.toMatch(/EPIPE/);
      expect(hasStackTrace(result.stderr)).toBe(false);
      expect(result.code).toBe(0);
    } finally {
      ws.remove();
    }
  });
});
