// `pipewright test [FLOW|DIR …]`: run each flow's `tests` (DESIGN.md §2) through main/workspace's
// flow-tests (the same judge the designer's Run tests uses) and print one line per test, a compact
// diff under a failure, and last `N passed, N failed`. Exit 0, or 1 on a failure.
import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import type { FlowTestResult } from '../../../shared/api/flow-tests.js';
import { fromErrorData } from '../../../shared/api/errors.js';
import { PipewrightError } from '../../../shared/errors.js';
import { checkFlowFile } from '../../workspace/flow-file.js';
import { displayPath, flowsFolder } from '../../workspace/flow-paths.js';
import { runFlowTests } from '../../workspace/flow-tests.js';
import { resolveFlowFiles } from '../../workspace/resolve-flow-args.js';
import { EXIT, type CliContext } from '../context.js';
import { formatError, formatProblem, oneLine } from '../format/problems.js';
import { watchInterrupts } from '../interrupt.js';
import type { Runner } from '../runner.js';

const PASS = '✓';
const FAIL = '✗';
/** Dead letters quoted under a failed test; the run's id leads to the rest. */
const DEAD_LETTERS_SHOWN = 3;

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
      if (interrupt.signal.aborted) break;
      const { flow, problems } = checkFlowFile(file);
      if (!flow) {
        failed++;
        ctx.terminal.out(`${FAIL} ${file.label} › the flow is invalid`);
        for (const problem of problems) ctx.terminal.out(`    ${formatProblem(problem)}`);
        continue;
      }
      const engine = await ctx.openEngine();
      await runFlowTests(engine, { flow, flowPath: file.path }, {
        signal: interrupt.signal,
        onResult: (result) => {
          if (result.passed) passed++;
          else failed++;
          ctx.terminal.out(`${result.passed ? PASS : FAIL} ${flow.id} › ${result.name}`);
          for (const line of failureLines(result)) ctx.terminal.out(`    ${line}`);
        },
      });
    }
  } finally {
    interrupt.dispose();
  }
  if (interrupt.received) ctx.terminal.out(`stopped by ${interrupt.received}`);
  if (passed + failed === 0 && !interrupt.received) ctx.terminal.out('no tests: none of these flows has a "tests" section (add cases in the designer\'s Flow tests panel, or in the flow file)');
  else ctx.terminal.out(`${passed} passed, ${failed} failed`);
  if (interrupt.received) return EXIT.interrupted;
  return failed === 0 ? EXIT.ok : EXIT.failed;
}

/** The lines explaining a failed test: why it could not run, or each differing node, its dead letters and its run. */
function failureLines(result: FlowTestResult): string[] {
  if (result.passed) return [];
  if (result.error) return formatError(fromErrorData(result.error));
  const lines = result.failures.flatMap((failure) => failure.diff);
  for (const dead of result.deadLetters.slice(0, DEAD_LETTERS_SHOWN)) lines.push(`dead letter at ${dead.nodeId}: ${dead.error.code} ${oneLine(dead.error.message)}`);
  if (result.runId !== undefined) lines.push(`(run ${result.runId}: pipewright runs show ${result.runId})`);
  return lines;
}
