// `pipewright run FLOW [--input FILE|-] [--jsonl] [--trigger ID] [--json]`: run a flow to completion on
// the local engine. One JSON document is one message; `--jsonl` reads one message per line and lets the
// engine ingest the file durably (resumable). Without --input the trigger's samples are used.
import { rmSync } from 'node:fs';
import type { Command } from 'commander';
import { PipewrightError } from '../../../shared/errors.js';
import type { FlowDocument } from '../../../shared/flow/schema.js';
import { getNodeKind } from '../../../shared/catalog/index.js';
import type { TriggerInput } from '../../engine/types.js';
import type { CliContext } from '../context.js';
import { loadFlowFile } from '../../workspace/flow-file.js';
import { resolveFlowFile } from '../../workspace/resolve-flow-args.js';
import { inputLabel, prepareJsonl, readJsonDocument } from '../input/read-input.js';
import { driveRun } from '../drive.js';
import { watchInterrupts } from '../interrupt.js';
import { logPrinter } from '../format/log-lines.js';
import type { Runner } from '../runner.js';

interface RunOptions {
  input?: string;
  jsonl?: boolean;
  trigger?: string;
  json?: boolean;
}

export function registerRun(program: Command, runner: Runner): void {
  program
    .command('run')
    .description('run a flow to completion on the local engine')
    .argument('<flow>', 'a .flow.json file, or a flow id in <workspace>/flows')
    .option('-i, --input <file>', 'input messages: a JSON file (one message), or - for stdin')
    .option('--jsonl', 'the input holds one JSON message per line')
    .option('-t, --trigger <id>', 'the trigger node to feed (needed when the flow has several)')
    .option('--json', 'print {"runId","status","outputs","dead","counts"} as JSON')
    .addHelpText('after', '\nExit codes: 0 all messages reached the end, 1 dead letters, 2 invalid flow or input, 130 interrupted.')
    .action((flow: string, options: RunOptions, command: Command) => runner.run(command, (ctx) => runFlow(ctx, flow, options)));
}

export async function runFlow(ctx: CliContext, flowArg: string, options: RunOptions): Promise<number> {
  const loaded = loadFlowFile(resolveFlowFile(flowArg, ctx.cwd, ctx.workspace));
  const triggerId = pickTrigger(loaded.flow, options.trigger, loaded.label);
  let spool: string | undefined;
  let input: TriggerInput;
  if (options.jsonl) {
    if (options.input === undefined) throw new PipewrightError('INPUT_REQUIRED', '--jsonl needs --input FILE (or - for stdin)');
    const jsonl = await prepareJsonl(options.input, ctx.cwd, ctx.workspace);
    if (jsonl.spooled) spool = jsonl.path;
    input = { triggerId, jsonlFile: jsonl.path, jsonlChecked: jsonl.checked };
  } else if (options.input !== undefined) {
    input = { triggerId, messages: [await readJsonDocument(options.input, ctx.cwd)] };
  } else {
    const samples = loaded.flow.samples?.[triggerId];
    if (!samples || samples.length === 0) {
      throw new PipewrightError('INPUT_REQUIRED', `no input: give --input FILE (or - for stdin); ${loaded.label} has no samples for trigger "${triggerId}" to run instead`);
    }
    input = { triggerId, messages: samples };
  }

  const engine = await ctx.openEngine(options.json ? {} : { onLog: logPrinter(ctx.terminal) });
  // Watch for SIGINT/SIGTERM before the run exists: a signal during ingest then stops the drive at once.
  const interrupt = watchInterrupts();
  let runId: string;
  try {
    runId = await engine.startRun({ flow: loaded.flow, flowPath: loaded.path, kind: 'run', inputs: [input] });
  } catch (error) {
    interrupt.dispose();
    throw error;
  }
  // The id matters most when the process dies: `pipewright resume RUN` finishes the run.
  if (ctx.terminal.stderrIsTTY || input.jsonlFile) ctx.terminal.err(`pipewright: run ${runId} started (${loaded.flow.id}, input ${inputLabel(options.input ?? 'samples')})`);
  const report = await driveRun(ctx, runId, { json: options.json === true, verb: 'run', interrupt, drive: (driveOptions) => engine.drive(runId, driveOptions) });
  if (spool && report.status !== 'running' && report.status !== 'interrupted') rmSync(spool, { force: true });
  return report.exitCode;
}

function pickTrigger(flow: FlowDocument, requested: string | undefined, label: string): string {
  const triggers = flow.nodes.filter((node) => getNodeKind(node.type)?.isTrigger === true).map((node) => node.id);
  const list = triggers.map((id) => `"${id}"`).join(', ');
  if (requested !== undefined) {
    if (triggers.includes(requested)) return requested;
    const what = flow.nodes.some((node) => node.id === requested) ? `node "${requested}" is not a trigger` : `there is no node "${requested}"`;
    throw new PipewrightError('UNKNOWN_TRIGGER', `${what} in ${label}; its triggers: ${list || 'none'}`, { location: { file: label } });
  }
  const [only, ...others] = triggers;
  if (only === undefined) throw new PipewrightError('NO_TRIGGER', `${label} has no trigger node to feed`, { location: { file: label } });
  if (others.length > 0) throw new PipewrightError('TRIGGER_REQUIRED', `${label} has several triggers (${list}): choose one with --trigger ID`, { location: { file: label } });
  return only;
}
