// `pipewright export FLOW… --out FILE` and `pipewright import FILE [--overwrite]`: flow bundles
// (DESIGN.md §7) — flows plus the definitions of the credentials they name, never a secret. The bundle
// logic is main/api/bundles.ts, the same the service's bundles.export/import use. Exit 0 when done,
// 2 for bad input (a broken flow or bundle, a missing credential, a flow that exists), one line per problem.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { CredentialDefinition } from '../../../shared/credentials/definition.js';
import { PipewrightError } from '../../../shared/errors.js';
import { findJsonSyntaxError, lineAndColumn } from '../../../shared/flow/json-syntax.js';
import { buildBundle, checkedFlowText, importBundle, serializeBundle } from '../../api/bundles.js';
import { writeFileAtomically } from '../../files/atomic-write.js';
import { displayPath, flowFileLabel } from '../../workspace/flow-paths.js';
import { resolveFlowFile } from '../../workspace/resolve-flow-args.js';
import { EXIT, type CliContext } from '../context.js';
import type { Runner } from '../runner.js';

export function registerExport(program: Command, runner: Runner): void {
  program
    .command('export')
    .description('write flows and the definitions of the credentials they use (names, types, non-secret fields; never a secret) to a bundle file')
    .argument('<flows...>', '.flow.json files or flow ids of the workspace')
    .requiredOption('-o, --out <file>', 'the bundle file to write ("-" for stdout)')
    .action((flows: string[], options: { out: string }, command: Command) => runner.run(command, (ctx) => exportFlows(ctx, flows, options.out)));
}

export function registerImport(program: Command, runner: Runner): void {
  program
    .command('import')
    .description('write a bundle\'s flows into the workspace and add the credential definitions it does not have yet')
    .argument('<file>', 'a bundle written by `pipewright export` ("-" for stdin)')
    .option('--overwrite', 'replace flows that already exist in the workspace')
    .action((file: string, options: { overwrite?: boolean }, command: Command) => runner.run(command, (ctx) => importFile(ctx, file, options.overwrite === true)));
}

async function exportFlows(ctx: CliContext, args: string[], out: string): Promise<number> {
  const flows = args.map((arg) => {
    const file = resolveFlowFile(arg, ctx.cwd, ctx.workspace);
    return checkedFlowText(readFileSync(file.path, 'utf8'), file.label);
  });
  const vault = await openVault(ctx);
  const bundle = buildBundle(flows, vault);
  const text = serializeBundle(bundle);
  // With the bundle on stdout, the summary goes to stderr so the output stays a clean file.
  const say = (line: string): void => (out === '-' ? ctx.terminal.err(line) : ctx.terminal.out(line));
  if (out === '-') process.stdout.write(text);
  else writeFileAtomically(resolve(ctx.cwd, out), text);
  const where = out === '-' ? 'stdout' : displayPath(resolve(ctx.cwd, out), ctx.cwd);
  say(`wrote ${where}: ${count(bundle.flows.length, 'flow')} (${bundle.flows.map((flow) => String(flow.id)).join(', ')})`);
  say(bundle.credentials.length === 0
    ? 'credentials: none used'
    : `credentials (definitions only, no secrets): ${bundle.credentials.map((definition) => `${definition.name} (${definition.type})`).join(', ')}`);
  return EXIT.ok;
}

async function importFile(ctx: CliContext, arg: string, overwrite: boolean): Promise<number> {
  const label = arg === '-' ? '(stdin)' : displayPath(resolve(ctx.cwd, arg), ctx.cwd);
  const value = parseBundleText(readBundleText(ctx, arg, label), label);
  const vault = await openVault(ctx);
  const result = await importBundle(ctx.workspace, value, vault, { overwrite, file: label });
  for (const id of result.flows) ctx.terminal.out(`wrote ${flowFileLabel(id)}`);
  for (const name of result.credentialsAdded) ctx.terminal.out(`added credential ${describeCredential(vault.definition(name), name)}`);
  for (const name of result.credentialsWithoutSecret) {
    const type = vault.definition(name)?.type ?? 'TYPE';
    ctx.terminal.out(`credential ${name} has no secret here; set the secret with: pipewright credentials set ${name} --type ${type}`);
  }
  ctx.terminal.out(`imported ${count(result.flows.length, 'flow')} from ${label}`);
  return EXIT.ok;
}

type Vault = Parameters<typeof buildBundle>[1];

/** The workspace's credentials; loaded on demand so `--help` never touches a secret store. */
async function openVault(ctx: CliContext): Promise<Vault> {
  const { openCredentialVault } = await import('../../credentials/open-vault.js');
  return openCredentialVault(ctx.workspace);
}

function readBundleText(ctx: CliContext, arg: string, label: string): string {
  try {
    return arg === '-' ? readFileSync(0, 'utf8') : readFileSync(resolve(ctx.cwd, arg), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new PipewrightError('BUNDLE_NOT_FOUND', 'no such bundle file', { location: { file: label } });
    if (code === 'EISDIR') throw new PipewrightError('BUNDLE_NOT_FOUND', 'is a folder, not a bundle file', { location: { file: label } });
    throw error;
  }
}

function parseBundleText(text: string, label: string): unknown {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  try {
    return JSON.parse(body) as unknown;
  } catch (error) {
    const found = findJsonSyntaxError(body);
    const message = found?.message ?? (error instanceof Error ? error.message : String(error));
    throw new PipewrightError('JSON_SYNTAX', `invalid JSON: ${message}`, { location: { file: label, ...lineAndColumn(body, found?.offset ?? body.length) } });
  }
}

function describeCredential(definition: CredentialDefinition | undefined, name: string): string {
  return definition ? `${name} (${definition.type})` : name;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
