// `pipewright flows --server URL [--json]`, `flows pause FLOW --server URL` and `flows resume FLOW
// --server URL` (DESIGN.md §4 "Pausing a live flow", §8): the flows of a running `pipewright serve` —
// version, whether live, paused, their trigger types — and pausing or resuming one there. A paused flow
// takes nothing in (its webhook answers 503, its schedule does not fire, its folder is not watched)
// until resumed, across restarts; what it already queued finishes. `--server` belongs to `flows`, so
// it may stand before or after `pause FLOW` (commander gives a parent's option to the parent).
import type { Command } from 'commander';
import type { FlowListItem } from '../../../shared/api/flows.js';
import type { LiveFlowState } from '../../../shared/api/live-flows.js';
import { PipewrightError } from '../../../shared/errors.js';
import { EXIT, type CliContext } from '../context.js';
import { parseServerAddress, type ServerAddress } from '../../api/remote-server.js';
import { connectWithStoredToken } from '../remote/server-token.js';
import type { Runner } from '../runner.js';
import { count } from './deploy.js';

interface FlowsOptions {
  server?: string;
  json?: boolean;
}

export function registerFlows(program: Command, runner: Runner): void {
  const flows = program
    .command('flows')
    .description('list the flows of a running `pipewright serve`: version, live or paused, trigger types; `flows pause|resume FLOW` stops or restarts what a flow takes in')
    .option('-s, --server <url>', 'the server, e.g. http://127.0.0.1:4870 (token: PIPEWRIGHT_TOKEN, else `pipewright login URL`)')
    .option('--json', 'print {"server","flows":[{"id","name","version","live","liveVersion","runId","paused","pausedSince","triggers","problemCount"}]}')
    .action((options: FlowsOptions, command: Command) => runner.run(command, (ctx) => listServerFlows(ctx, options)));
  flows
    .command('pause')
    .description('pause a flow on the server: its webhook answers 503, its schedule does not fire, its folder is left alone, until `flows resume`; messages already queued finish')
    .argument('<flow>', 'the flow id on the server')
    .action((flowId: string, _options: unknown, command: Command) => runner.run(command, (ctx) => changePause(ctx, 'flows.pause', flowId, command.optsWithGlobals<FlowsOptions>())));
  flows
    .command('resume')
    .description('let a paused flow take messages in again (a schedule follows its catchUp for the instants missed while paused)')
    .argument('<flow>', 'the flow id on the server')
    .action((flowId: string, _options: unknown, command: Command) => runner.run(command, (ctx) => changePause(ctx, 'flows.resume', flowId, command.optsWithGlobals<FlowsOptions>())));
}

function serverOf(options: FlowsOptions, example: string): ServerAddress {
  if (options.server === undefined) throw new PipewrightError('USAGE', `say which server: ${example} --server http://127.0.0.1:4870`);
  return parseServerAddress(options.server);
}

async function changePause(ctx: CliContext, method: 'flows.pause' | 'flows.resume', flowId: string, options: FlowsOptions): Promise<number> {
  const verb = method === 'flows.pause' ? 'pause' : 'resume';
  const address = serverOf(options, `pipewright flows ${verb} ${flowId}`);
  const client = await connectWithStoredToken(address, ctx.terminal);
  const state = await client.send(method, { flowId });
  if (options.json === true) {
    ctx.terminal.out(JSON.stringify({ server: address.base, flow: state }));
    return EXIT.ok;
  }
  if (state.paused !== undefined) {
    ctx.terminal.out(`${flowId}: paused since ${state.paused.since} on ${address.base}: it takes nothing in until \`pipewright flows resume ${flowId} --server ${address.base}\`; messages already queued finish`);
  } else {
    ctx.terminal.out(`${flowId}: ${state.live === undefined ? 'not paused, and not live (see `pipewright flows --server`)' : `live on version ${state.live.version}`} on ${address.base}`);
  }
  return EXIT.ok;
}

async function listServerFlows(ctx: CliContext, options: FlowsOptions): Promise<number> {
  const address = serverOf(options, 'pipewright flows');
  const client = await connectWithStoredToken(address, ctx.terminal);
  const [list, live] = await Promise.all([client.send('flows.list', {}), client.send('flows.live', {})]);
  const rows = serverFlows(list, live);
  if (options.json === true) {
    ctx.terminal.out(JSON.stringify({ server: address.base, flows: rows }));
    return EXIT.ok;
  }
  if (rows.length === 0) {
    ctx.terminal.out(`no flows on ${address.base}`);
    return EXIT.ok;
  }
  const table = [['FLOW', 'VERSION', 'STATE', 'TRIGGERS'], ...rows.map((row) => [row.id, row.version === undefined ? '-' : String(row.version), stateOf(row), row.triggers.join(', ') || '-'])];
  const widths = [0, 1, 2].map((column) => Math.max(...table.map((cells) => (cells[column] ?? '').length)));
  for (const cells of table) ctx.terminal.out(cells.map((cell, column) => (column < 3 ? cell.padEnd(widths[column] ?? 0) : cell)).join('  ').trimEnd());
  return EXIT.ok;
}

interface ServerFlow {
  id: string;
  name: string;
  /** Absent for a flow file the server finds invalid. */
  version?: number;
  live: boolean;
  liveVersion?: number;
  runId?: string;
  paused: boolean;
  pausedSince?: string;
  triggers: string[];
  problemCount: number;
}

function serverFlows(list: FlowListItem[], live: LiveFlowState[]): ServerFlow[] {
  const states = new Map(live.map((state) => [state.flowId, state]));
  return list.map((item) => {
    const state = states.get(item.id);
    return {
      id: item.id,
      name: item.name,
      ...(state === undefined ? {} : { version: state.version }),
      live: state?.live !== undefined,
      ...(state?.live === undefined ? {} : { liveVersion: state.live.version, runId: state.live.runId }),
      paused: state?.paused !== undefined, // an older server answers without it: not paused
      ...(state?.paused === undefined ? {} : { pausedSince: state.paused.since }),
      triggers: state?.triggers ?? [],
      problemCount: item.problemCount,
    };
  });
}

function stateOf(row: ServerFlow): string {
  if (row.version === undefined) return `invalid (${count(row.problemCount, 'problem')})`;
  if (row.paused) return 'paused';
  if (!row.live) return 'not live';
  return row.liveVersion === row.version ? 'live' : `live on version ${row.liveVersion ?? '?'}`;
}
