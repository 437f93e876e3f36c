// `pipewright serve [--host H] [--port N] [--reset-token] [--db URL [--no-worker]]`: the headless server and web designer
// (DESIGN.md §8) on the global --workspace. The workspace's flows with a webhook trigger run live:
// `POST /hooks/<flowId>/<nodeId>` feeds them, and a saved flow is redeployed at once. Prints the URL and, on the first start (or after
// --reset-token), the API token, which is stored only as a hash. Runs until SIGINT/SIGTERM, then shuts
// down gracefully: no new connections, event streams ended, running drives stopped (they stay
// resumable), engine closed. A second signal exits at once (interrupt.ts). GET /metrics (Prometheus,
// API token) counts every step through the engine's store (main/server/metrics/); `--log-format json`
// turns the stderr lines into pino JSON lines (../serve-log.ts).
import { Command, InvalidArgumentError, Option } from 'commander';
import { EXIT, type CliContext } from '../context.js';
import { PipewrightError } from '../../../shared/errors.js';
import { watchInterrupts } from '../interrupt.js';
import type { Runner } from '../runner.js';
import type { LogFormat } from '../serve-log.js';
import { parseDatabaseUrl } from './db.js';
import { DEFAULT_CONCURRENCY, runWorker } from './worker.js';

export const DEFAULT_PORT = 4870;
const DEFAULT_HOST = '127.0.0.1';

interface ServeOptions {
  host: string;
  port: number;
  resetToken?: boolean;
  logFormat: LogFormat;
  allowPrivateNetwork?: boolean;
  behindProxy?: boolean;
  /** A shared PostgreSQL state database instead of the workspace's SQLite file (DESIGN.md §8). */
  db?: string;
  /** False with --no-worker: intake only (webhooks, schedules, API, designer), no flow steps. */
  worker: boolean;
}

export function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || !Number.isInteger(port) || port > 65535) throw new InvalidArgumentError('must be a port number from 0 to 65535 (0 picks a free one)');
  return port;
}

export function registerServe(program: Command, runner: Runner): void {
  program
    .command('serve')
    .description('serve the web designer and the API for this workspace (127.0.0.1 only, unless --host says otherwise)')
    .option('--host <host>', 'address to listen on', DEFAULT_HOST)
    .option('-p, --port <n>', 'port to listen on (0 picks a free one)', parsePort, DEFAULT_PORT)
    .option('--reset-token', 'make a new API token (the old one stops working) and print it')
    // DESIGN.md §11: a server others can reach refuses flows' requests to private addresses unless told.
    .option('--allow-private-network', 'let flows send requests to loopback, private and link-local addresses even though other machines can reach this server')
    .option('--behind-proxy', 'this loopback server is reachable through a reverse proxy: accept any Host header and refuse private addresses like a public server')
    // The choices are spelled here, not imported: loading serve-log.ts loads pino, which other verbs do not need.
    .option('--db <url>', 'keep all state in a shared PostgreSQL database (postgres://user:password@host:5432/database): several servers and workers share the work', parseDatabaseUrl)
    .option('--no-worker', 'with --db: take webhooks, fire schedules and serve the API, but run no flow steps (workers do)')
    .addOption(new Option('--log-format <format>', 'stderr lines: text for people, json (one JSON object a line) for log collectors').choices(['text', 'json']).default('text'))
    .action((options: ServeOptions, command: Command) => runner.run(command, (ctx) => serve(ctx, options)));
}

async function serve(ctx: CliContext, options: ServeOptions): Promise<number> {
  if (!options.worker && options.db === undefined) {
    throw new PipewrightError('USAGE', '--no-worker needs --db postgres://…: on the workspace\'s SQLite file no other process can run the flow steps');
  }
  // Watched from the start, so a signal during start-up still shuts down cleanly.
  const interrupt = watchInterrupts();
  // Loaded here, not at the top: the other verbs should not pay for fastify and the service at start-up.
  const { createService } = await import('../../api/service.js');
  const { createEventHub, createServer, defaultDesignerDir, hasDesigner, openTokenStore, WebhookRoutes } = await import('../../server/index.js');
  const { fileSourceFactory } = await import('../../triggers/file-source.js');
  const { scheduleSourceFactory } = await import('../../triggers/schedule-source.js');
  const { openPostgresStore, openSqliteStore } = await import('../../engine/index.js');
  const { ServerMetrics } = await import('../../server/metrics/server-metrics.js');
  const { createServeLog } = await import('../serve-log.js');
  const { readWorkspaceSettings } = await import('../../workspace/settings.js');
  const { describeUrl } = await import('../../engine/store/postgres/connection.js');
  const log = createServeLog(options.logFormat, ctx.terminal);
  const stopped = new Promise<NodeJS.Signals | undefined>((resolve) => interrupt.signal.addEventListener('abort', () => resolve(interrupt.received), { once: true }));
  const tokens = openTokenStore(ctx.workspace, { reset: options.resetToken === true, defer: true });
  const events = createEventHub();
  const webhooks = new WebhookRoutes();
  const metrics = new ServerMetrics();
  const service = createService({
    workspace: ctx.workspace, onEvent: events.publish,
    store: metrics.observe(options.db === undefined ? await openSqliteStore(ctx.workspace) : await openPostgresStore(options.db, { sharedRuns: true })),
    liveSources: {
      'trigger.webhook': webhooks.source,
      'trigger.file': fileSourceFactory({ roots: [ctx.workspace], log: log.component('file-trigger') }),
      'trigger.schedule': scheduleSourceFactory({ log: log.component('schedule-trigger') }),
    },
    onLiveLog: log.live,
  });
  metrics.readLiveRunsFrom(async () => (await service['flows.live']({})).flatMap((flow) => (flow.live ? [{ flowId: flow.flowId, runId: flow.live.runId }] : [])));
  const staticDir = defaultDesignerDir();
  try {
    const server = await createServer({
      service, events, tokenStore: tokens.store, host: options.host, port: options.port,
      ...(hasDesigner(staticDir) ? { staticDir } : {}),
      log: log.component('server', 'error'),
      webhooks, metrics,
      network: {
        ...(options.behindProxy === true ? { reachableBeyondLoopback: true } : {}),
        allowPrivateNetwork: options.allowPrivateNetwork === true,
        allow: readWorkspaceSettings(ctx.workspace).network.allow,
      },
    });
    tokens.persist();
    printBanner(ctx, server.url, tokens.createdToken, options.host, (line) => log.write('warn', line), options.db === undefined ? undefined : `${describeUrl(options.db)}${options.worker ? '' : ' (intake only: workers run the flow steps)'}`);
    // The banner says it to people; a log collector gets it as a line of its own.
    if (options.logFormat === 'json') log.write('info', `serving ${ctx.workspace} on ${server.url}`, { event: 'started', url: server.url, workspace: ctx.workspace });
    await service.startLiveFlows();
    // On a shared database this server also works the runs other servers take in, unless --no-worker.
    const worker = options.db !== undefined && options.worker
      ? runWorker(
        ctx, { db: options.db, concurrency: DEFAULT_CONCURRENCY, pollMs: 1000 }, interrupt.signal, (level, line) => log.write(level, line, { event: 'worker' }),
        undefined, (store) => metrics.observe(store),
      )
      : undefined;
    worker?.catch(() => undefined);
    if (!server.servesDesigner) log.write('warn', 'the designer is not built (renderer/dist/index.html is missing): the API works, the web designer does not');
    const signal = await stopped;
    log.write('info', `${signal ?? 'stop'}: stopping the server; running flows are stopped and can be resumed…`, { event: 'stopping', signal: signal ?? 'stop' });
    await server.close();
    await worker;
  } finally {
    await service.close();
    interrupt.dispose();
  }
  log.write('info', 'stopped', { event: 'stopped' });
  return EXIT.ok;
}

function printBanner(ctx: CliContext, url: string, createdToken: string | undefined, host: string, warn: (line: string) => void, store?: string): void {
  ctx.terminal.out(`Pipewright is serving ${ctx.workspace}`);
  ctx.terminal.out(`designer: ${url}`);
  if (store !== undefined) ctx.terminal.out(`state: ${store}`);
  if (createdToken !== undefined) {
    ctx.terminal.out(`API token: ${createdToken}`);
    ctx.terminal.out('Keep this token: it is shown only this once (only its hash is stored), and the designer asks for it when it first connects.');
  } else {
    ctx.terminal.out('API token: the one printed on the first start (lost it? restart with --reset-token)');
  }
  if (!isLoopback(host)) warn(`listening on ${host}: other machines can reach this server, and anyone with the token can read and run flows`);
  ctx.terminal.out('Press Ctrl+C to stop.');
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host.startsWith('127.');
}
