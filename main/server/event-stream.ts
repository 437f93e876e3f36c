// `GET /api/events`: the service's events as Server-Sent Events. Each event is one `data:` line holding
// the ApiEvent as JSON (default SSE event name, so `EventSource.onmessage` sees them all; switch on
// `type`). A comment line every `heartbeatMs` keeps proxies and idle timers from cutting the stream.
// The subscription starts before the response headers go out, so once a client's `onopen` fires it
// misses nothing. There is no replay: after a reconnect the designer re-reads state with runs.get.
import type { ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import type { ApiEvent } from '../../shared/api/events.js';
import type { EventHub } from './event-hub.js';

/** A client this far behind (bytes queued in the socket) is cut off; EventSource reconnects by itself. */
const MAX_QUEUED_BYTES = 8 * 1024 * 1024;
const RECONNECT_MS = 2000;

export interface EventStreamOptions {
  events: EventHub;
  heartbeatMs: number;
  /** Headers every response carries (security headers); hijacked responses bypass fastify's hooks. */
  headers: Record<string, string>;
}

export interface EventStreams {
  /** Ends every open stream (shutdown). */
  closeAll(): void;
  readonly openCount: number;
}

export function registerEventStream(app: FastifyInstance, options: EventStreamOptions): EventStreams {
  const open = new Set<() => void>();

  app.get('/api/events', (_request, reply) => {
    reply.hijack();
    const response: ServerResponse = reply.raw;
    let closed = false;
    let unsubscribe = (): void => undefined;
    const close = (): void => {
      if (closed) return;
      closed = true;
      clearInterval(heartbeat);
      unsubscribe();
      open.delete(close);
      response.end();
    };
    const write = (chunk: string): void => {
      if (closed) return;
      response.write(chunk);
      if (response.writableLength > MAX_QUEUED_BYTES) close();
    };
    unsubscribe = options.events.subscribe((event: ApiEvent) => write(`data: ${JSON.stringify(event)}\n\n`));
    const heartbeat = setInterval(() => write(': heartbeat\n\n'), options.heartbeatMs);
    heartbeat.unref();
    open.add(close);
    // The response's close, not the request's: a request's 'close' fires as soon as its (empty) body is read.
    response.on('close', close);
    response.writeHead(200, {
      ...options.headers,
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    write(`retry: ${RECONNECT_MS}\n: connected\n\n`);
  });

  return {
    closeAll() {
      for (const close of [...open]) close();
    },
    get openCount() {
      return open.size;
    },
  };
}
