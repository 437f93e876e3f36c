// `pipewright dlq list|replay|discard`: the dead-letter queue from the terminal. Replay reloads the
// current flow file, so the usual loop is: run → dead letters → fix the flow → `dlq replay --all`.
import { Command } from 'commander';
import { isPipewrightError, PipewrightError } from '../../../shared/errors.js';
import type { DeadLetterSummary } from '../../engine/types.js';
import { EXIT, type CliContext } from '../context.js';
import { driveRun } from '../drive.js';
import { loadFlowFile, type FlowFile } from '../../workspace/flow-file.js';
import { displayPath, flowsFolder } from '../../workspace/flow-paths.js';
import { resolveFlowFile } from '../../workspace/resolve-flow-args.js';
import { oneLine } from '../format/problems.js';
import { table } from '../format/table.js';
import { logPrinter } from '../format/log-lines.js';
import type { Runner } from '../runner.js';

interface SelectOptions {
  all?: boolean;
  run?: string;
}

export function registerDlq(program: Command, runner: Runner): void {
  const dlq = program.command('dlq').description('list, replay and discard dead letters');
  dlq
    .command('list')
    .description('list dead letters waiting for a replay (newest first)')
    .option('-r, --run <run>', 'only those of this run')
    .option('--replayed', 'include dead letters already replayed')
    .option('--json', 'print them as JSON')
    .action((options: { run?: string; replayed?: boolean; json?: boolean }, command: Command) => runner.run(command, (ctx) => listDead(ctx, options)));
  dlq
    .command('replay')
    .description('replay dead letters on the current version of their flow file')
    .argument('[ids...]', 'dead letter ids (see `dlq list`)')
    .option('-a, --all', 'every dead letter waiting for a replay (of --run RUN, when given)')
    .option('-r, --run <run>', 'with --all: only those of this run')
    .option('-f, --flow <flow>', 'the fixed flow file to replay on (default: <workspace>/flows/<flowId>.flow.json)')
    .option('--json', 'print the replay run report as JSON')
    .addHelpText('after', '\nExit codes: 0 every replayed message reached the end, 1 some died again, 2 bad ids or flow.')
    .action((ids: string[], options: SelectOptions & { flow?: string; json?: boolean }, command: Command) =>
      runner.run(command, (ctx) => replayDead(ctx, ids, options)),
    );
  dlq
    .command('discard')
    .description('delete dead letters for good')
    .argument('[ids...]', 'dead letter ids')
    .option('-a, --all', 'every dead letter waiting for a replay (of --run RUN, when given)')
    .option('-r, --run <run>', 'with --all: only those of this run')
    .action((ids: string[], options: SelectOptions, command: Command) => runner.run(command, (ctx) => discardDead(ctx, ids, options)));
}

async function listDead(ctx: CliContext, options: { run?: string; replayed?: boolean; json?: boolean }): Promise<number> {
  const engine = await ctx.openEngine();
  if (options.run) await engine.runSummary(options.run);
  const dead = await engine.deadLetters({ ...(options.run ? { runId: options.run } : {}), includeReplayed: options.replayed === true });
  if (options.json) {
    ctx.terminal.out(JSON.stringify(dead, null, 2));
    return EXIT.ok;
  }
  if (dead.length === 0) {
    ctx.terminal.out('no dead letters');
    return EXIT.ok;
  }
  const rows = dead.map((d) => [d.id, d.runId, `${d.flowId} › ${d.nodeId}`, String(d.attempts), d.replayedIn ? `replayed in ${d.replayedIn}` : d.createdAt, `${d.error.code} ${oneLine(d.error.message)}`]);
  for (const line of table(['ID', 'RUN', 'NODE', 'ATTEMPTS', 'WHEN', 'ERROR'], rows)) ctx.terminal.out(line);
  return EXIT.ok;
}

/** The dead letters named by ids, or by --all [--run]; never both, never neither. */
async function select(ctx: CliContext, ids: string[], options: SelectOptions): Promise<DeadLetterSummary[]> {
  if (options.all && ids.length > 0) throw new PipewrightError('USAGE', 'give dead letter ids or --all, not both');
  if (!options.all && options.run) throw new PipewrightError('USAGE', '--run selects dead letters only together with --all');
  if (!options.all && ids.length === 0) throw new PipewrightError('USAGE', 'name the dead letters to act on (ids from `pipewright dlq list`) or use --all');
  const engine = await ctx.openEngine();
  // A run that does not exist is a mistake to say, not "no dead letters" (exit 0 would hide a typo).
  if (options.run) await engine.runSummary(options.run);
  if (options.all) return await engine.deadLetters({ ...(options.run ? { runId: options.run } : {}) });
  return Promise.all(ids.map((id) => engine.deadLetter(id)));
}

async function replayDead(ctx: CliContext, ids: string[], options: SelectOptions & { flow?: string; json?: boolean }): Promise<number> {
  const engine = await ctx.openEngine(options.json ? {} : { onLog: logPrinter(ctx.terminal) });
  const dead = await select(ctx, ids, options);
  if (dead.length === 0) {
    ctx.terminal.out('no dead letters to replay');
    return EXIT.ok;
  }
  const byFlow = new Map<string, string[]>();
  for (const d of dead) byFlow.set(d.flowId, [...(byFlow.get(d.flowId) ?? []), d.id]);
  if (options.flow && byFlow.size > 1) {
    throw new PipewrightError('USAGE', `--flow names one flow, but these dead letters belong to ${[...byFlow.keys()].join(', ')}: replay them per flow`);
  }
  let exitCode: number = EXIT.ok;
  for (const [flowId, group] of byFlow) {
    const loaded = loadFlowFile(flowFileFor(ctx, flowId, options.flow));
    if (loaded.flow.id !== flowId) {
      throw new PipewrightError('FLOW_MISMATCH', `${loaded.label} holds flow "${loaded.flow.id}", but the dead letters belong to "${flowId}"`, { location: { file: loaded.label } });
    }
    const report = await driveRun(ctx, `${flowId} (${group.length} dead letters)`, {
      json: options.json === true,
      verb: 'replay',
      drive: (driveOptions) => engine.replay(group, loaded.flow, { ...driveOptions, flowPath: loaded.path }),
    });
    exitCode = Math.max(exitCode, report.exitCode);
  }
  return exitCode;
}

function flowFileFor(ctx: CliContext, flowId: string, flowOption: string | undefined): FlowFile {
  if (flowOption) return resolveFlowFile(flowOption, ctx.cwd, ctx.workspace);
  try {
    return resolveFlowFile(flowId, ctx.cwd, ctx.workspace);
  } catch (error) {
    if (!isPipewrightError(error)) throw error;
    throw new PipewrightError('FLOW_NOT_FOUND', `no flow file for flow "${flowId}" in ${displayPath(flowsFolder(ctx.workspace), ctx.cwd)}: point at the fixed flow file with --flow FILE`);
  }
}

async function discardDead(ctx: CliContext, ids: string[], options: SelectOptions): Promise<number> {
  const dead = await select(ctx, ids, options);
  const engine = await ctx.openEngine();
  const count = dead.length === 0 ? 0 : (await engine.discard(dead.map((d) => d.id)));
  ctx.terminal.out(`discarded ${count} dead letter${count === 1 ? '' : 's'}`);
  return EXIT.ok;
}
