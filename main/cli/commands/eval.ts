// `pipewright eval EXPR [--input FILE|-]`: evaluate a JSONata mapping with the engine's own evaluator,
// so its time and depth limits apply here too, and print the JSON result. A failing expression prints
// the error with a caret under its range. Exit 0, or 2 for a bad expression or input.
import type { Command } from 'commander';
import { isPipewrightError, type PipewrightError } from '../../../shared/errors.js';
import { MappingError } from '../../engine/errors.js';
import { EXIT, type CliContext } from '../context.js';
import { caretLines, formatError, formatRange, oneLine, PREFIX } from '../format/problems.js';
import { readJsonDocument } from '../input/read-input.js';
import type { Runner } from '../runner.js';

interface EvalOptions {
  input?: string;
  compact?: boolean;
}

export function registerEval(program: Command, runner: Runner): void {
  program
    .command('eval')
    .description('evaluate a JSONata expression against JSON input and print the result')
    .argument('<expression>', 'the JSONata expression ($ is the input)')
    .option('-i, --input <file>', 'input JSON file, or - for stdin')
    .option('--compact', 'print the result on one line')
    .action((expression: string, options: EvalOptions, command: Command) => runner.run(command, (ctx) => evaluate(ctx, expression, options)));
}

async function evaluate(ctx: CliContext, expression: string, options: EvalOptions): Promise<number> {
  const input = options.input === undefined ? undefined : await readJsonDocument(options.input, ctx.cwd);
  const { createMappingEvaluator } = await import('../../engine/mapping/evaluator.js');
  let result: unknown;
  try {
    result = await createMappingEvaluator().evaluate(expression, input);
  } catch (error) {
    if (!isPipewrightError(error)) throw error;
    printExpressionError(ctx, expression, error);
    return EXIT.invalid;
  }
  if (result === undefined) {
    ctx.terminal.err(`${PREFIX}: no result (the expression matched nothing)`);
    return EXIT.ok;
  }
  ctx.terminal.out(options.compact ? JSON.stringify(result) : JSON.stringify(result, null, 2));
  return EXIT.ok;
}

function printExpressionError(ctx: CliContext, expression: string, error: PipewrightError): void {
  if (!(error instanceof MappingError)) {
    for (const line of formatError(error)) ctx.terminal.err(line);
    return;
  }
  const range = error.location?.range;
  const at = range ? ` at ${formatRange(range)}` : '';
  ctx.terminal.err(`${PREFIX}: ${error.code} ${error.jsonataCode}${at} ${oneLine(error.message)}`);
  if (range) for (const line of caretLines(expression, range)) ctx.terminal.err(line);
}
