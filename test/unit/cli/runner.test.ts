// The command runner's last line of defence (main/cli/runner.ts): an error that is not the user's to fix
// — a bug — answers one line and exit 70, with the stack only when PIPEWRIGHT_DEBUG=1.
import { Command } from 'commander';
import { afterEach, describe, expect, it } from 'vitest';
import { PipewrightError } from '../../../shared/errors.js';
import { EXIT, type Terminal } from '../../../main/cli/context.js';
import { Runner } from '../../../main/cli/runner.js';

function terminal(): Terminal & { lines: string[] } {
  const lines: string[] = [];
  return { lines, out: (line) => lines.push(line), err: (line) => lines.push(line), stderrIsTTY: false };
}

async function run(error: Error): Promise<{ code: number; lines: string[] }> {
  const term = terminal();
  const runner = new Runner(term);
  await runner.run(new Command('runs'), () => Promise.reject(error));
  return { code: runner.exitCode, lines: term.lines.join('\n').split('\n') };
}

describe('the command runner', () => {
  const debug = process.env.PIPEWRIGHT_DEBUG;
  afterEach(() => {
    if (debug === undefined) delete process.env.PIPEWRIGHT_DEBUG;
    else process.env.PIPEWRIGHT_DEBUG = debug;
  });

  it('answers a bug with one line and exit 70, and the stack only when debugging', async () => {
    delete process.env.PIPEWRIGHT_DEBUG;
    const plain = await run(new TypeError("Cannot read properties of undefined (reading 'id')"));
    expect(plain.code).toBe(EXIT.internal);
    expect(plain.code).toBe(70);
    expect(plain.lines).toEqual([
      "pipewright: Cannot read properties of undefined (reading 'id')",
      'pipewright: internal error; run again with PIPEWRIGHT_DEBUG=1 for details',
    ]);
    process.env.PIPEWRIGHT_DEBUG = '1';
    const debugged = await run(new TypeError('boom'));
    expect(debugged.code).toBe(70);
    expect(debugged.lines.some((line) => /^\s+at /.test(line))).toBe(true);
  });

  it("answers the user's error with its code and exit 2, never a stack", async () => {
    process.env.PIPEWRIGHT_DEBUG = '1';
    const user = await run(new PipewrightError('RUN_NOT_FOUND', 'run "x" does not exist'));
    expect(user.code).toBe(2);
    expect(user.lines).toEqual(['pipewright: RUN_NOT_FOUND run "x" does not exist']);
  });
});
