// `pipewright deploy FLOW… --server URL [--json]` (DESIGN.md §7, §8; `flows --server`: ./flows.ts).
// Validates every flow here first (every problem listed, exit 2, nothing sent), then sends them with
// main/api/deploy.ts — the code the designer's Deploy to server… runs too: the bundle `pipewright
// export` writes, to the server's bundles.import, checked whole there and written all or nothing, after
// which the flows are live. The token comes from PIPEWRIGHT_TOKEN or the keychain (`pipewright login URL`).
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { FlowBundle } from '../../../shared/bundle.js';
import { isPipewrightError } from '../../../shared/errors.js';
import { checkedFlowText, type SourceFlow } from '../../api/bundles.js';
import { sendDeploy } from '../../api/deploy.js';
import { checkFlowFileText, type FlowFile } from '../../workspace/flow-file.js';
import { resolveFlowFiles } from '../../workspace/resolve-flow-args.js';
import { EXIT, type CliContext } from '../context.js';
import { formatError, formatProblem, PREFIX } from '../format/problems.js';
import { parseServerAddress } from '../../api/remote-server.js';
import { connectWithStoredToken } from '../remote/server-token.js';
import type { Runner } from '../runner.js';

interface ServerOptions {
  server: string;
  json?: boolean;
}

export function registerDeploy(program: Command, runner: Runner): void {
  program
    .command('deploy')
    .description('validate flows, then push them and the definitions (never the secrets) of the credentials they use to a running `pipewright serve`, where they go live at once')
    .argument('<flows...>', '.flow.json files, flow ids of the workspace, or folders of flow files')
    .requiredOption('-s, --server <url>', 'the server, e.g. http://127.0.0.1:4870 (token: PIPEWRIGHT_TOKEN, else `pipewright login URL`)')
    .option('--json', 'print {"server","flows":[{"id","version","change"}],"credentialsAdded","credentialsWithoutSecret"}')
    .action((flows: string[], options: ServerOptions, command: Command) => runner.run(command, (ctx) => deploy(ctx, flows, options)));
}

async function deploy(ctx: CliContext, args: string[], options: ServerOptions): Promise<number> {
  const address = parseServerAddress(options.server);
  const sources = validateLocally(ctx, args);
  if (sources === undefined) return EXIT.invalid;
  const client = await connectWithStoredToken(address, ctx.terminal);
  const { openCredentialVault } = await import('../../credentials/open-vault.js');
  const { report, bundle } = await sendDeploy(client, sources, openCredentialVault(ctx.workspace));
  if (options.json === true) {
    ctx.terminal.out(JSON.stringify({ server: address.base, flows: report.flows, credentialsAdded: report.credentialsAdded, credentialsWithoutSecret: report.credentialsWithoutSecret }));
    return EXIT.ok;
  }
  for (const outcome of report.flows) ctx.terminal.out(`${outcome.id}: ${outcome.change === 'refused' || outcome.change === 'not-sent' ? outcome.change : describeChange(outcome.change, outcome.version)}`);
  for (const name of report.credentialsAdded) ctx.terminal.out(`added credential ${describeCredential(bundle, name)} on the server`);
  for (const name of report.credentialsWithoutSecret) {
    ctx.terminal.out(`credential ${name} has no secret on the server yet: set it there (\`pipewright credentials set ${name} --type ${typeOf(bundle, name)}\`, or PIPEWRIGHT_SECRET_* with PIPEWRIGHT_SECRET_STORE=environment)`);
  }
  ctx.terminal.out(`deployed ${count(report.flows.length, 'flow')} to ${address.base}`);
  return EXIT.ok;
}

function describeChange(change: 'new' | 'updated' | 'unchanged', version: number): string {
  if (change === 'new') return `new (version ${version})`;
  if (change === 'updated') return `updated to version ${version}`;
  return `unchanged (version ${version})`;
}

/** Every flow checked here, each problem printed on its own line; undefined when any flow is broken or missing. */
function validateLocally(ctx: CliContext, args: string[]): SourceFlow[] | undefined {
  const sources: SourceFlow[] = [];
  let invalid = 0;
  let checked = 0;
  for (const arg of args) {
    // A missing file is one more problem to list, not a reason to skip the others.
    let files: FlowFile[];
    try {
      files = resolveFlowFiles([arg], ctx.cwd, ctx.workspace);
    } catch (error) {
      if (!isPipewrightError(error)) throw error;
      invalid++;
      checked++;
      for (const line of formatError(error)) ctx.terminal.err(line);
      continue;
    }
    for (const file of files) {
      checked++;
      const text = readFileSync(file.path, 'utf8');
      const { problems } = checkFlowFileText(text, file.label);
      if (problems.length > 0) {
        invalid++;
        for (const problem of problems) ctx.terminal.err(formatProblem(problem));
        continue;
      }
      sources.push(checkedFlowText(text, file.label));
    }
  }
  if (invalid === 0) return sources;
  ctx.terminal.err(`${PREFIX}: ${invalid === 1 && checked === 1 ? 'the flow is invalid' : `${invalid} of ${checked} flows are invalid`}; nothing was deployed`);
  return undefined;
}

function describeCredential(bundle: FlowBundle, name: string): string {
  const type = bundle.credentials.find((definition) => definition.name === name)?.type;
  return type === undefined ? name : `${name} (${type})`;
}

function typeOf(bundle: FlowBundle, name: string): string {
  return bundle.credentials.find((definition) => definition.name === name)?.type ?? 'TYPE';
}

export function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
