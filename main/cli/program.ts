// The `pipewright` command (DESIGN.md §7): the commander program with one file per verb in ./commands.
// `--workspace DIR` is global; usage errors become one `pipewright: …` line and exit 2.
import { Command, CommanderError } from 'commander';
import { packageVersion } from '../api/package-version.js';
import { EXIT } from './context.js';
import { PREFIX } from './format/problems.js';
import { Runner } from './runner.js';
import { registerRun } from './commands/run.js';
import { registerResume } from './commands/resume.js';
import { registerTest } from './commands/test.js';
import { registerValidate } from './commands/validate.js';
import { registerEval } from './commands/eval.js';
import { registerRuns } from './commands/runs.js';
import { registerDlq } from './commands/dlq.js';
import { registerServe } from './commands/serve.js';
import { registerCredentials } from './commands/credentials.js';
import { registerExport, registerImport } from './commands/bundles.js';
import { registerDeploy } from './commands/deploy.js';
import { registerFlows } from './commands/flows.js';
import { registerLogin } from './commands/login.js';
import { registerWorker } from './commands/worker.js';
import { registerDb } from './commands/db.js';

export function buildProgram(runner: Runner): Command {
  const program = new Command('pipewright')
    .description('Pipewright: design, test and run integration flows on a durable local engine')
    .option('-w, --workspace <dir>', 'workspace folder (flows/ and .pipewright/ state)', '.')
    .version(packageVersion(), '-V, --version')
    .showSuggestionAfterError(true)
    .configureOutput({ outputError: (text, write) => write(`${PREFIX}: ${text.replace(/^error: /, '')}`) });
  registerRun(program, runner);
  registerResume(program, runner);
  registerTest(program, runner);
  registerValidate(program, runner);
  registerEval(program, runner);
  registerRuns(program, runner);
  registerDlq(program, runner);
  registerServe(program, runner);
  registerCredentials(program, runner);
  registerExport(program, runner);
  registerImport(program, runner);
  registerDeploy(program, runner);
  registerFlows(program, runner);
  registerLogin(program, runner);
  registerWorker(program, runner);
  registerDb(program, runner);
  // exitOverride on every command, so that usage errors anywhere come back to us as exceptions.
  const override = (command: Command): void => {
    command.exitOverride();
    command.commands.forEach(override);
  };
  override(program);
  return program;
}

/** Parses argv, runs the verb and returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  const runner = new Runner();
  const program = buildProgram(runner);
  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.invalid;
    return runner.report(error);
  }
  return runner.exitCode;
}
