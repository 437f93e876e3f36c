// The HTTP transport of the contract (DESIGN.md §1, §8): wires the routes, auth, limits, security headers
// and shutdown around a service the host created. It holds no logic of its own about flows or runs.
//   GET  /api/health          no auth     { status: 'ok' | 'degraded', version, store, live } (see health.ts)
//   GET  /metrics             bearer      Prometheus metrics (see metrics/server-metrics.ts)
//   POST /api/rpc/<method>    bearer      RpcResponse (see rpc-route.ts)
//   GET  /api/events          bearer or ?token=   Server-Sent Events (see event-stream.ts)
//   POST /hooks/<flow>/<node> no API token   a live webhook trigger (see webhooks.ts)
//   GET  /*                   no auth     the designer's static files, index.html for client routes
import type { AddressInfo } from 'node:net';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import type { Handlers } from '../../shared/api/contract.js';
import { PipewrightError } from '../../shared/errors.js';
import { configureNetworkPolicy } from '../http/index.js';
import { authHook, requiresAuth } from './auth.js';
import { isLoopbackHost, loopbackHostHook } from './host-check.js';
import { registerHealthRoute } from './health.js';
import type { ServerMetrics } from './metrics/server-metrics.js';
import { trackConnections, type ConnectionTracker } from './connections.js';
import type { EventHub } from './event-hub.js';
import { registerEventStream, type EventStreams } from './event-stream.js';
import { sendError, sendFrameworkError, type ServerLog } from './http-errors.js';
import { registerRpcRoute, useJsonBodies } from './rpc-route.js';
import { hasDesigner, registerStaticFiles, SECURITY_HEADERS, sendDesignerFallback } from './static-files.js';
import type { TokenStore } from './token-store.js';
import type { WebhookRoutes } from './webhooks.js';

export const DEFAULT_HOST = '127.0.0.1';
/** Largest RPC body: a big flow document or a large mapping sample fits; a runaway client does not. */
export const DEFAULT_BODY_LIMIT = 10 * 1024 * 1024;
const DEFAULT_HEARTBEAT_MS = 15_000;
const DEFAULT_SHUTDOWN_GRACE_MS = 10_000;

export interface ServerOptions {
  /** The contract's handlers (main/api's service); the server never closes it, the host does. */
  service: Handlers;
  /** Where the service publishes its events; every open event stream subscribes to it. */
  events: EventHub;
  tokenStore: TokenStore;
  /** Defaults to 127.0.0.1: reachable from this machine only. */
  host?: string;
  /** 0 picks a free port (see `port` on the result). */
  port: number;
  /** The built designer (renderer/dist); without it the API still works. */
  staticDir?: string;
  bodyLimit?: number;
  heartbeatMs?: number;
  /** How long close() waits for calls in flight before cutting the remaining connections. */
  shutdownGraceMs?: number;
  /** Where unexpected errors are written (with their stack); the client only gets a generic 500. */
  log?: ServerLog;
  /** The live webhook triggers; without them /hooks/ answers 404. */
  webhooks?: WebhookRoutes;
  /** Served at GET /metrics (API token needed); without it /metrics answers 404. */
  metrics?: ServerMetrics;
  /** Who can reach this server and where its flows may send requests (DESIGN.md §11). */
  network?: NetworkOptions;
}

export interface NetworkOptions {
  /**
   * Other machines can reach this server: true when `host` is not loopback; also true for a loopback
   * server behind a reverse proxy (`--behind-proxy`). Then outgoing requests to private addresses are
   * refused and the Host header is not checked; otherwise private addresses are allowed and only
   * loopback Host headers are answered (./host-check.ts).
   */
  reachableBeyondLoopback?: boolean;
  /** `--allow-private-network`: reachable or not, outgoing requests may go to private addresses. */
  allowPrivateNetwork?: boolean;
  /** The workspace's `network.allow`: hosts and CIDRs allowed even when private addresses are refused. */
  allow?: readonly string[];
}

export interface PipewrightServer {
  readonly app: FastifyInstance;
  readonly host: string;
  readonly port: number;
  /** `http://host:port/`, the designer's address. */
  readonly url: string;
  readonly servesDesigner: boolean;
  /**
   * Stops accepting connections, ends every event stream, waits for calls in flight (at most
   * `shutdownGraceMs`, then cuts what is left). Idempotent.
   */
  close(): Promise<void>;
}

export async function createServer(options: ServerOptions): Promise<PipewrightServer> {
  const host = options.host ?? DEFAULT_HOST;
  const bodyLimit = options.bodyLimit ?? DEFAULT_BODY_LIMIT;
  const log: ServerLog = options.log ?? ((line) => process.stderr.write(`${line}\n`));
  const servesDesigner = hasDesigner(options.staticDir);
  const reachable = options.network?.reachableBeyondLoopback ?? !isLoopbackHost(host);
  configureNetworkPolicy({ refusePrivate: reachable && options.network?.allowPrivateNetwork !== true, allow: options.network?.allow ?? [] });
  // No request logging: `?token=` would end up in the log.
  const app = Fastify({ logger: false, bodyLimit, return503OnClosing: true });

  app.addHook('onRequest', async (_request, reply) => {
    reply.headers(SECURITY_HEADERS);
  });
  if (!reachable) app.addHook('onRequest', loopbackHostHook());
  useJsonBodies(app, bodyLimit);
  app.setErrorHandler((error: FastifyError | PipewrightError, request, reply) => sendFrameworkError(reply, error, log, request.routeOptions.bodyLimit ?? bodyLimit));

  const guard = authHook(options.tokenStore);
  app.setNotFoundHandler(async (request, reply) => {
    if (requiresAuth(request.url)) {
      const denied = await guard(request, reply);
      if (denied) return denied;
      return sendError(reply, { code: 'NOT_FOUND', message: `no such API route: ${request.method} ${request.url.split('?')[0]} (calls are POST /api/rpc/<method>)` });
    }
    const fallback = sendDesignerFallback(request, reply, options.staticDir);
    if (fallback) return fallback;
    const hint = servesDesigner ? '' : ' (this server has no designer files: build the renderer into renderer/dist)';
    return sendError(reply, { code: 'NOT_FOUND', message: `not found: ${request.url.split('?')[0]}${hint}` });
  });

  registerHealthRoute(app, options.service);

  await app.register(async (scope) => {
    scope.addHook('onRequest', guard);
    registerRpcRoute(scope, { service: options.service, log });
  });

  let streams: EventStreams | undefined;
  await app.register(async (scope) => {
    scope.addHook('onRequest', authHook(options.tokenStore, { allowQueryToken: true }));
    streams = registerEventStream(scope, { events: options.events, heartbeatMs: options.heartbeatMs ?? DEFAULT_HEARTBEAT_MS, headers: { ...SECURITY_HEADERS } });
  });
  // Event streams never end by themselves: end them first, or close() would wait for them forever.
  const connections = trackConnections(app.server);
  app.addHook('preClose', async () => {
    streams?.closeAll();
    connections.destroyIdle();
  });

  if (options.metrics) await options.metrics.register(app, guard, (flowId, nodeId) => options.webhooks?.isLive(flowId, nodeId) ?? false);
  if (options.webhooks) await options.webhooks.register(app, log);

  if (servesDesigner) await registerStaticFiles(app, options.staticDir as string);

  await listen(app, host, options.port);
  const port = (app.server.address() as AddressInfo).port;
  let closing: Promise<void> | undefined;
  return {
    app,
    host,
    port,
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}/`,
    servesDesigner,
    close: () => (closing ??= closeGracefully(app, connections, options.shutdownGraceMs ?? DEFAULT_SHUTDOWN_GRACE_MS)),
  };
}

/**
 * Calls in flight may finish; sockets freed by them are dropped as they become idle (keep-alive would
 * otherwise hold them), and after `graceMs` everything left is cut: a client that never reads its
 * answer must not hold the shutdown hostage.
 */
async function closeGracefully(app: FastifyInstance, connections: ConnectionTracker, graceMs: number): Promise<void> {
  const sweep = setInterval(() => connections.destroyIdle(), 100);
  const deadline = setTimeout(() => connections.destroyAll(), graceMs);
  try {
    await app.close();
  } finally {
    clearInterval(sweep);
    clearTimeout(deadline);
  }
}

async function listen(app: FastifyInstance, host: string, port: number): Promise<void> {
  try {
    await app.listen({ host, port });
  } catch (error) {
    await app.close().catch(() => undefined);
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new PipewrightError('PORT_IN_USE', `port ${port} on ${host} is already in use: stop the other server or pick another port with --port`);
    if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') throw new PipewrightError('HOST_UNAVAILABLE', `cannot listen on ${host}: it is not an address of this machine (use --host 127.0.0.1)`);
    if (code === 'EACCES') throw new PipewrightError('PORT_FORBIDDEN', `not allowed to listen on port ${port}: pick a port above 1023 with --port`);
    throw error;
  }
}
