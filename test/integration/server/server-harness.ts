// A real `pipewright serve` stack in-process: a temporary workspace, the real service and engine
// (SQLite), the event hub, a token store and the fastify server on 127.0.0.1 with a free port, plus a
// temporary designer folder. Helpers speak HTTP with Node's fetch, as the browser will.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Handlers } from '../../../shared/api/contract.js';
import type { ApiEvent } from '../../../shared/api/events.js';
import type { ErrorData } from '../../../shared/errors.js';
import type { FlowDocument } from '../../../shared/flow/schema.js';
import { createService, type Service } from '../../../main/api/index.js';
import { createEventHub, createServer, openTokenStore, type EventHub, type PipewrightServer, type ServerOptions } from '../../../main/server/index.js';

export const INDEX_HTML = '<!doctype html><html><head><title>Pipewright</title><script type="module" src="/assets/app.js"></script></head><body><div id="root"></div></body></html>';

export interface Harness {
  dir: string;
  staticDir: string;
  url: string;
  token: string;
  server: PipewrightServer;
  service: Service;
  events: EventHub;
  /** Lines the server logged (unexpected errors). */
  logged: string[];
  close(): Promise<void>;
}

export interface HarnessOptions {
  /** Replaces some of the real service's handlers (to make one fail on purpose). */
  override?: Partial<Handlers>;
  server?: Partial<Pick<ServerOptions, 'bodyLimit' | 'heartbeatMs' | 'shutdownGraceMs'>>;
  withDesigner?: boolean;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'pipewright-server-'));
  mkdirSync(join(dir, 'flows'));
  const staticDir = join(dir, 'designer');
  mkdirSync(join(staticDir, 'assets'), { recursive: true });
  writeFileSync(join(staticDir, 'index.html'), INDEX_HTML);
  writeFileSync(join(staticDir, 'assets', 'app.js'), 'console.log("designer");\n');

  const events = createEventHub();
  const service = createService({ workspace: dir, onEvent: events.publish });
  const tokens = openTokenStore(dir);
  const logged: string[] = [];
  const server = await createServer({
    service: { ...service, ...options.override },
    events,
    tokenStore: tokens.store,
    port: 0,
    ...(options.withDesigner === false ? {} : { staticDir }),
    ...options.server,
    log: (line) => logged.push(line),
  });
  return {
    dir, staticDir, url: server.url, token: tokens.createdToken as string, server, service, events, logged,
    async close() {
      await server.close();
      await service.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface RpcAnswer<T = unknown> {
  status: number;
  headers: Headers;
  body: { ok: true; result: T } | { ok: false; error: ErrorData };
}

/** POSTs params (or a raw body) to /api/rpc/<method> with the harness token unless told otherwise. */
export async function rpc<T = unknown>(h: Harness, method: string, params?: unknown, init: { token?: string | null; body?: string; contentType?: string } = {}): Promise<RpcAnswer<T>> {
  const token = init.token === undefined ? h.token : init.token;
  const headers: Record<string, string> = { 'content-type': init.contentType ?? 'application/json' };
  if (token !== null) headers.authorization = `Bearer ${token}`;
  const body = init.body ?? (params === undefined ? undefined : JSON.stringify(params));
  const response = await fetch(new URL(`api/rpc/${method}`, h.url), { method: 'POST', headers, ...(body === undefined ? {} : { body }) });
  return { status: response.status, headers: response.headers, body: (await response.json()) as RpcAnswer<T>['body'] };
}

/** The result of a call that must succeed; fails the test with the error otherwise. */
export async function call<T>(h: Harness, method: string, params?: unknown): Promise<T> {
  const answer = await rpc<T>(h, method, params);
  if (!answer.body.ok) throw new Error(`${method} failed with ${answer.status}: ${JSON.stringify(answer.body.error)}`);
  return answer.body.result;
}

export interface EventClient {
  status: number;
  headers: Headers;
  events: ApiEvent[];
  /** Comment lines seen (heartbeats). */
  comments: string[];
  /** Resolves with the first event (already received or still to come) that matches. */
  waitFor<E extends ApiEvent>(match: (event: ApiEvent) => event is E, timeoutMs?: number): Promise<E>;
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
  close(): void;
}

/** Opens /api/events like EventSource does, with the token in the query string; resolves once subscribed. */
export async function openEvents(h: Harness, token: string = h.token): Promise<EventClient> {
  const abort = new AbortController();
  const response = await fetch(new URL(`api/events?token=${encodeURIComponent(token)}`, h.url), { headers: { accept: 'text/event-stream' }, signal: abort.signal });
  const events: ApiEvent[] = [];
  const comments: string[] = [];
  const wakers = new Set<() => void>();
  let buffer = '';
  const reader = response.body?.getReader();
  const decoder = new TextDecoder();
  const pump = async (): Promise<void> => {
    if (!reader) return;
    for (;;) {
      const { done, value } = await reader.read().catch(() => ({ done: true, value: undefined }));
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) !== -1) {
        for (const line of buffer.slice(0, end).split('\n')) {
          if (line.startsWith('data: ')) events.push(JSON.parse(line.slice(6)) as ApiEvent);
          else if (line.startsWith(':')) comments.push(line.slice(1).trim());
        }
        buffer = buffer.slice(end + 2);
        for (const wake of wakers) wake();
      }
    }
  };
  const ended = pump();
  const client: EventClient = {
    status: response.status, headers: response.headers, events, comments, ended,
    waitFor(match, timeoutMs = 15_000) {
      return new Promise((resolve, reject) => {
        const check = (): void => {
          const found = events.find(match);
          if (!found) return;
          wakers.delete(check);
          clearTimeout(timer);
          resolve(found);
        };
        const timer = setTimeout(() => {
          wakers.delete(check);
          reject(new Error(`no matching event within ${timeoutMs} ms; got ${JSON.stringify(events.map((event) => event.type))}`));
        }, timeoutMs);
        wakers.add(check);
        check();
      });
    },
    close: () => abort.abort(),
  };
  if (response.status === 200) await until(() => comments.includes('connected'));
  return client;
}

export async function until(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** trigger.manual → transform.map → output.log, with two samples. */
export function ordersFlow(id = 'orders'): FlowDocument {
  return {
    format: 'pipewright/flow@1',
    id,
    name: 'Orders',
    nodes: [
      { id: 'orders', type: 'trigger.manual', position: [0, 0], config: {} },
      { id: 'toErp', type: 'transform.map', position: [260, 0], config: { expression: '{ "orderNo": id, "total": qty * price }' } },
      { id: 'log', type: 'output.log', position: [520, 0], config: {} },
    ],
    edges: [{ from: 'orders', to: 'toErp' }, { from: 'toErp', to: 'log' }],
    samples: { orders: [{ id: 'A-1', qty: 2, price: 60 }, { id: 'A-2', qty: 1, price: 5 }] },
  };
}
