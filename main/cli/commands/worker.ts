// `pipewright worker --db postgres://… [--concurrency N]`: a process that only works the queue of a
// shared PostgreSQL state database (DESIGN.md §8). The flows come from the database — the versions
// `deploy` and the servers registered — so a worker needs nothing but the URL (and the workspace's
// credentials, or their environment). SIGTERM/SIGINT: stops claiming and releases its leases at once;
// SIGKILL: its leases run out and other processes take the messages. A database that goes away is
// reported and retried with a backoff; nothing acknowledged is lost. Flows' requests to loopback and
// private addresses are refused unless allowed (DESIGN.md §11): a worker runs what servers others can
// reach took in, so it is held to their network policy.
import { Command, InvalidArgumentError } from 'commander';
import { EXIT, type CliContext } from '../context.js';
import { watchInterrupts } from '../interrupt.js';
import type { Runner } from '../runner.js';
import type { EngineStore } from '../../engine/store/types.js';
import { parseDatabaseUrl } from './db.js';

export const DEFAULT_CONCURRENCY = 16;

export interface WorkerOptions {
  db: string;
  concurrency: number;
  pollMs: number;
}

interface WorkerCommandOptions extends WorkerOptions {
  allowPrivateNetwork?: boolean;
}

function parsePositive(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1) throw new InvalidArgumentError('must be a whole number of at least 1');
  return n;
}

export function registerWorker(program: Command, runner: Runner): void {
  program
    .command('worker')
    .description('work the queue of a shared PostgreSQL state database: runs flow steps, serves nothing (scale-out)')
    .requiredOption('--db <url>', 'PostgreSQL URL (postgres://user:password@host:5432/database)', parseDatabaseUrl)
    // Each live flow's run holds a slot for as long as the flow is live: room for many of them.
    .option('--concurrency <n>', 'runs worked at once (each live flow takes one for as long as it is live)', parsePositive, DEFAULT_CONCURRENCY)
    .option('--poll-ms <n>', 'longest wait for work when no notification arrives', parsePositive, 1000)
    .option('--allow-private-network', 'let flows send requests to loopback, private and link-local addresses (refused by default, as on a server others can reach)')
    .action((options: WorkerCommandOptions, command: Command) => runner.run(command, (ctx) => work(ctx, options)));
}

/** The work loop of `worker` and of `serve --db`; resolves once `signal` stopped it and its leases are released. */
export async function runWorker(
  ctx: CliContext, options: WorkerOptions, signal: AbortSignal, log: (level: 'info' | 'warn', line: string) => void, onReady: (where: string) => void = () => undefined,
  /** Wraps the worker's store (serve: /metrics counts the steps it commits). */
  wrap: (store: EngineStore) => EngineStore = (store) => store,
): Promise<void> {
  const [{ Engine, openPostgresStore }, { createCredentialProvider }] = await Promise.all([import('../../engine/index.js'), import('../../credentials/provider.js')]);
  const { workspace } = ctx;
  const store = wrap(await openPostgresStore(options.db, { sharedRuns: true }));
  const credentials = createCredentialProvider(async () => (await import('../../credentials/open-vault.js')).openCredentialVault(workspace));
  const engine = new Engine(store, { workspace, credentials });
  let failing = false;
  onReady(store.description);
  try {
    await engine.work({
      signal, concurrency: options.concurrency, pollMs: options.pollMs,
      onError: (error) => {
        failing = true;
        log('warn', `worker: ${error instanceof Error ? error.message : String(error)}; retrying`);
      },
      onRecovered: () => {
        if (failing) log('info', `worker: ${store.description} answers again`);
        failing = false;
      },
    });
  } finally {
    await engine.close();
  }
}

async function work(ctx: CliContext, options: WorkerCommandOptions): Promise<number> {
  const interrupt = watchInterrupts();
  try {
    const [{ configureNetworkPolicy }, { readWorkspaceSettings }] = await Promise.all([import('../../http/index.js'), import('../../workspace/settings.js')]);
    configureNetworkPolicy({ refusePrivate: options.allowPrivateNetwork !== true, allow: readWorkspaceSettings(ctx.workspace).network.allow });
    await runWorker(ctx, options, interrupt.signal, (_level, line) => ctx.terminal.err(`pipewright ${line}`), (where) => {
      ctx.terminal.out(`Pipewright worker on ${where} (${options.concurrency} runs at once)`);
      ctx.terminal.out('Press Ctrl+C to stop.');
    });
  } finally {
    interrupt.dispose();
  }
  ctx.terminal.err(`pipewright worker: stopped${interrupt.received ? ` (${interrupt.received}); its leases are released` : ''}`);
  return EXIT.ok;
}
