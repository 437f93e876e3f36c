// `pipewright resume RUN`: finish a run whose process died (kill -9, power cut) or was interrupted.
// The engine takes over its leases at once and drives it to the end, as `run` would have.
import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { driveRun } from '../drive.js';
import { logPrinter } from '../format/log-lines.js';
import type { Runner } from '../runner.js';

export function registerResume(program: Command, runner: Runner): void {
  program
    .command('resume')
    .description('finish a run whose process died or was interrupted')
    .argument('<run>', 'the run id (see `pipewright runs`)')
    .option('--json', 'print the run report as JSON')
    .action((runId: string, options: { json?: boolean }, command: Command) => runner.run(command, (ctx) => resumeRun(ctx, runId, options.json === true)));
}

async function resumeRun(ctx: CliContext, runId: string, json: boolean): Promise<number> {
  const engine = await ctx.openEngine(json ? {} : { onLog: logPrinter(ctx.terminal) });
  const report = await driveRun(ctx, runId, { json, verb: 'resume', drive: (options) => engine.resume(runId, options) });
  return report.exitCode;
}
