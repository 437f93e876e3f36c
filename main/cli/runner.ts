// Runs one verb's action: builds its context from the global options, turns what it returns into the
// exit code, and turns what it throws into clear lines on stderr. A PipewrightError is the user's to
// fix (exit 2, code and location, no stack); anything else is our bug (exit 70, the stack only with
// PIPEWRIGHT_DEBUG=1).
import type { Command } from 'commander';
import { isPipewrightError } from '../../shared/errors.js';
import { CliContext, EXIT, processTerminal, type GlobalOptions, type Terminal } from './context.js';
import { formatError, PREFIX } from './format/problems.js';

export type Action = (ctx: CliContext) => Promise<number>;

export class Runner {
  exitCode: number = EXIT.ok;

  constructor(private readonly terminal: Terminal = processTerminal) {}

  async run(command: Command, action: Action): Promise<void> {
    let ctx: CliContext | undefined;
    try {
      ctx = new CliContext(command.optsWithGlobals<GlobalOptions>(), this.terminal);
      this.exitCode = await action(ctx);
    } catch (error) {
      this.exitCode = this.report(error);
    } finally {
      try {
        await ctx?.close();
      } catch (error) {
        this.report(error);
      }
    }
  }

  report(error: unknown): number {
    for (const line of formatError(error)) this.terminal.err(line);
    if (isPipewrightError(error)) return EXIT.invalid;
    if (process.env.PIPEWRIGHT_DEBUG === '1' && error instanceof Error && error.stack) this.terminal.err(error.stack);
    else this.terminal.err(`${PREFIX}: internal error; run again with PIPEWRIGHT_DEBUG=1 for details`);
    return EXIT.internal;
  }
}
