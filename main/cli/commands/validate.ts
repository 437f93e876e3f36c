// `pipewright validate FLOW…`: schema, graph and JSONata checks, every problem on its own line with its
// file, JSON path and expression range. Exit 0 when all flows are valid, 2 otherwise.
import type { Command } from 'commander';
import { EXIT, type CliContext } from '../context.js';
import { isPipewrightError } from '../../../shared/errors.js';
import { checkFlowFile, type FlowFile } from '../../workspace/flow-file.js';
import { resolveFlowFile } from '../../workspace/resolve-flow-args.js';
import { formatError, formatProblem } from '../format/problems.js';
import type { Runner } from '../runner.js';

export function registerValidate(program: Command, runner: Runner): void {
  program
    .command('validate')
    .description('check flow files: schema, graph and JSONata; every problem with its path')
    .argument('<flows...>', '.flow.json files or flow ids')
    .action((flows: string[], _options: unknown, command: Command) => runner.run(command, (ctx) => validateFlows(ctx, flows)));
}

async function validateFlows(ctx: CliContext, args: string[]): Promise<number> {
  let invalid = 0;
  for (const arg of args) {
    // A missing file is one more problem to list, not a reason to skip the others.
    let file: FlowFile;
    try {
      file = resolveFlowFile(arg, ctx.cwd, ctx.workspace);
    } catch (error) {
      if (!isPipewrightError(error)) throw error;
      invalid++;
      for (const line of formatError(error)) ctx.terminal.err(line);
      continue;
    }
    const { problems } = checkFlowFile(file);
    if (problems.length === 0) {
      ctx.terminal.out(`${file.label}: valid`);
      continue;
    }
    invalid++;
    for (const problem of problems) ctx.terminal.err(formatProblem(problem));
  }
  if (invalid > 0 && args.length > 1) ctx.terminal.err(`pipewright: ${invalid} of ${args.length} flows are invalid`);
  return invalid === 0 ? EXIT.ok : EXIT.invalid;
}
