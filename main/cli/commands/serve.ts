// `pipewright serve [--host H] [--port N] [--reset-token]`: the headless server and web designer
// (DESIGN.md §8) on the global --workspace. The workspace's flows with a webhook trigger run live:
// `POST /hooks/<flowId>/<nodeId>` feeds them, and a saved flow is redeployed at once. Prints the URL and, on the first start (or after
// --reset-token), the API token, which is stored only as a hash. Runs until SIGINT/SIGTERM, then shuts
// down gracefully: no new connections, event streams ended, running drives stopped (they stay
// resumable), engine closed. A second signal exits at once (interrupt.ts).
import { Command, InvalidArgumentError } from 'commander';
import { EXIT, type CliContext } from '../context.js';
import { PREFIX } from '../format/problems.js';
import { watchInterrupts } from '../interrupt.js';
import type { Runner } from '../runner.js';

export const DEFAULT_PORT = 4870;
const DEFAULT_HOST = '127.0.0.1';

interface ServeOptions {
  host: string;
  port: number;
  resetToken?: boolean;
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
    .action((options: ServeOptions, command: Command) => runner.run(command, (ctx) => serve(ctx, options)));
}

async function serve(ctx: CliContext, options: ServeOptions): Promise<number> {
  // Watched from the start, so a signal during start-up still shuts down cleanly.
  const interrupt = watchInterrupts();
  // Loaded here, not at the top: the other verbs should not pay for fastify and the service at start-up.
  const { createService } = await import('../../api/service.js');
  const { createEventHub, createServer, defaultDesignerDir, hasDesigner, openTokenStore, WebhookRoutes } = await import('../../server/index.js');
  const { fileSourceFactory } = await import('../../triggers/file-source.js');
  const { scheduleSourceFactory } = await import('../../triggers/schedule-source.js');
  const stopped = new Promise<NodeJS.Signals | undefined>((resolve) => interrupt.signal.addEventListener('abort', () => resolve(interrupt.received), { once: true }));
  const tokens = openTokenStore(ctx.workspace, { reset: options.resetToken === true, defer: true });
  const events = createEventHub();
  const webhooks = new WebhookRoutes();
  const service = createService({
    workspace: ctx.workspace, onEvent: events.publish,
    liveSources: {
      'trigger.webhook': webhooks.source,
      'trigger.file': fileSourceFactory({ roots: [ctx.workspace], log: (line) => ctx.terminal.err(`${PREFIX}: ${line}`) }),
      'trigger.schedule': scheduleSourceFactory({ log: (line) => ctx.terminal.err(`${PREFIX}: ${line}`) }),
    },
    onLiveLog: (line) => ctx.terminal.err(`${PREFIX}: ${line}`),
  });
  const staticDir = defaultDesignerDir();
  try {
    const server = await createServer({
      service, events, tokenStore: tokens.store, host: options.host, port: options.port,
      ...(hasDesigner(staticDir) ? { staticDir } : {}),
      log: (line) => ctx.terminal.err(`${PREFIX}: ${line}`),
      webhooks,
    });
    tokens.persist();
    printBanner(ctx, server.url, tokens.createdToken, options.host);
    await service.startLiveFlows();
    if (!server.servesDesigner) ctx.terminal.err(`${PREFIX}: the designer is not built (renderer/dist/index.html is missing): the API works, the web designer does not`);
    const signal = await stopped;
    ctx.terminal.err(`${PREFIX}: ${signal ?? 'stop'}: stopping the server; running flows are stopped and can be resumed…`);
    await server.close();
  } finally {
    await service.close();
    interrupt.dispose();
  }
  ctx.terminal.err(`${PREFIX}: stopped`);
  return EXIT.ok;
}

function printBanner(ctx: CliContext, url: string, createdToken: string | undefined, host: string): void {
  ctx.terminal.out(`Pipewright is serving ${ctx.workspace}`);
  ctx.terminal.out(`designer: ${url}`);
  if (createdToken !== undefined) {
    ctx.terminal.out(`API token: ${createdToken}`);
    ctx.terminal.out('Keep this token: it is shown only this once (only its hash is stored), and the designer asks for it when it first connects.');
  } else {
    ctx.terminal.out('API token: the one printed on the first start (lost it? restart with --reset-token)');
  }
  if (!isLoopback(host)) ctx.terminal.err(`${PREFIX}: listening on ${host}: other machines can reach this server, and anyone with the token can read and run flows`);
  ctx.terminal.out('Press Ctrl+C to stop.');
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host.startsWith('127.');
}
