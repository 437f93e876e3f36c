// `pipewright test [FLOW|DIR …]`: run each flow's `tests` (DESIGN.md §2) on the real engine as runs of
// kind `test`, and compare what each node in `expect` emitted, in order, with deep equality. One line
// per test, a compact diff under a failure, and last `N passed, N failed`. Exit 0, or 1 on a failure.
import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { isPipewrightError, PipewrightError } from '../../../shared/errors.js';
import type { FlowTest } from '../../../shared/flow/schema.js';
import type { Engine } from '../../engine/types.js';
import { EXIT, type CliContext } from '../context.js';
import { displayPath, flowsFolder, readFlowFile, resolveFlowFiles, type LoadedFlow } from '../flow-files.js';
import { diffLines, isDeepEqual } from '../format/diff.js';
import { formatError, formatProblem, oneLine } from '../format/problems.js';
import { watchInterrupts } from '../interrupt.js';
import type { Runner } from '../runner.js';

const PASS = '✓';
const FAIL = '✗';

export function registerTest(program: Command, runner: Runner): void {
  program
    .command('test')
    .description("run flows' tests and compare what nodes emitted with what the tests expect")
    .argument('[flows...]', '.flow.json files, flow ids or folders (default: <workspace>/flows)')
    .action((flows: string[], _options: unknown, command: Command) => runner.run(command, (ctx) => testFlows(ctx, flows)));
}

async function testFlows(ctx: CliContext, args: string[]): Promise<number> {
  const folder = flowsFolder(ctx.workspace);
  if (args.length === 0 && !existsSync(folder)) {
    throw new PipewrightError('FLOW_NOT_FOUND', `no flows to test: ${displayPath(folder, ctx.cwd)} does not exist; name flow files or folders, e.g. pipewright test assets/examples`);
  }
  const files = resolveFlowFiles(args.length > 0 ? args : [folder], ctx.cwd, ctx.workspace);
  const interrupt = watchInterrupts();
  let passed = 0;
  let failed = 0;
  try {
    for (const file of files) {
      const { flow, problems } = readFlowFile(file);
      if (!flow) {
        failed++;
        ctx.terminal.out(`${FAIL} ${file.label} › the flow is invalid`);
        for (const problem of problems) ctx.terminal.out(`    ${formatProblem(problem)}`);
        continue;
      }
      const engine = await ctx.openEngine();
      for (const test of flow.tests ?? []) {
        if (interrupt.signal.aborted) break;
        const lines = await runTest(engine, { ...file, flow }, test, interrupt.signal);
        if (lines.length === 0) passed++;
        else failed++;
        ctx.terminal.out(`${lines.length === 0 ? PASS : FAIL} ${flow.id} › ${test.name}`);
        for (const line of lines) ctx.terminal.out(`    ${line}`);
      }
    }
  } finally {
    interrupt.dispose();
  }
  if (interrupt.received) ctx.terminal.out(`stopped by ${interrupt.received}`);
  ctx.terminal.out(`${passed} passed, ${failed} failed`);
  if (interrupt.received) return EXIT.interrupted;
  return failed === 0 ? EXIT.ok : EXIT.failed;
}

/** Runs one test; returns the lines explaining its failure, none when it passed. */
async function runTest(engine: Engine, loaded: LoadedFlow, test: FlowTest, signal: AbortSignal): Promise<string[]> {
  let runId: string;
  try {
    const inputs = Object.entries(test.input).map(([triggerId, messages]) => ({ triggerId, messages }));
    runId = await engine.startRun({ flow: loaded.flow, flowPath: loaded.path, kind: 'test', inputs });
  } catch (error) {
    if (!isPipewrightError(error)) throw error;
    return formatError(error);
  }
  const report = await engine.drive(runId, { signal });
  const emitted = await engine.emissions(runId);
  const lines: string[] = [];
  for (const [nodeId, expected] of Object.entries(test.expect)) {
    const actual = emitted[nodeId] ?? [];
    if (!isDeepEqual(expected, actual)) lines.push(...diffLines(nodeId, expected, actual));
  }
  if (lines.length > 0) {
    for (const dead of report.dead.slice(0, 3)) lines.push(`dead letter at ${dead.nodeId}: ${dead.error.code} ${oneLine(dead.error.message)}`);
    lines.push(`(run ${runId}: pipewright runs show ${runId})`);
  }
  return lines;
}
