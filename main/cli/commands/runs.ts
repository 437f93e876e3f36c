// `pipewright runs [--limit N] [--json]` lists recent runs; `runs show RUN [--json]` prints one run's
// report in the same shape as `run --json`.
import { Command, InvalidArgumentError } from 'commander';
import { EXIT, type CliContext } from '../context.js';
import { jsonReport, summaryLines } from '../format/report.js';
import { table } from '../format/table.js';
import type { Runner } from '../runner.js';

export function parseCount(value: string): number {
  const count = Number(value);
  if (!Number.isInteger(count) || count < 1) throw new InvalidArgumentError('must be a whole number of at least 1');
  return count;
}

export function registerRuns(program: Command, runner: Runner): void {
  const runs = program
    .command('runs')
    .description('list recent runs (newest first); `runs show RUN` for one run')
    .option('-n, --limit <n>', 'how many runs to list', parseCount, 20)
    .option('--json', 'print the runs as JSON')
    .action((options: { limit: number; json?: boolean }, command: Command) => runner.run(command, (ctx) => listRuns(ctx, options.limit, options.json === true)));
  runs
    .command('show')
    .description("print a run's report: status, outputs per terminal node, dead letters")
    .argument('<run>', 'the run id')
    .option('--json', 'print {"runId","status","outputs","dead","counts"} as JSON')
    // `runs` has its own --json, which commander hands to the parent: read it through optsWithGlobals.
    .action((runId: string, _options: unknown, command: Command) =>
      runner.run(command, (ctx) => showRun(ctx, runId, command.optsWithGlobals<{ json?: boolean }>().json === true)),
    );
}

async function listRuns(ctx: CliContext, limit: number, json: boolean): Promise<number> {
  const engine = await ctx.openEngine();
  const runs = await engine.listRuns({ limit });
  if (json) {
    ctx.terminal.out(JSON.stringify(runs, null, 2));
    return EXIT.ok;
  }
  if (runs.length === 0) {
    ctx.terminal.out('no runs yet (start one with: pipewright run FLOW --input FILE)');
    return EXIT.ok;
  }
  const rows = runs.map((run) => [
    run.runId,
    `${run.flowId}@${run.flowVersion}`,
    run.kind,
    run.status,
    String(run.counts.received),
    String(run.counts.processed),
    String(run.counts.dead),
    run.startedAt,
  ]);
  for (const line of table(['RUN', 'FLOW', 'KIND', 'STATUS', 'IN', 'STEPS', 'DEAD', 'STARTED'], rows)) ctx.terminal.out(line);
  return EXIT.ok;
}

async function showRun(ctx: CliContext, runId: string, json: boolean): Promise<number> {
  const engine = await ctx.openEngine();
  const report = await engine.report(runId);
  if (json) ctx.terminal.out(JSON.stringify(jsonReport(report), null, 2));
  else for (const line of summaryLines(report)) ctx.terminal.out(line);
  return EXIT.ok;
}
