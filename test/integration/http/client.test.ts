// main/http, the one outgoing client, against a real server on 127.0.0.1: what sendRequest returns,
// how it keeps bodies within their limits, that it follows no redirect, that the outgoing policy is
// asked before any connection, and how failures are classified (Retry-After included).
import { createServer, type Server } from 'node:http';
import { createServer as createTcpServer, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  closeHttpAgent, HttpFailure, ResponseTooLargeError, sendRequest, statusFailure, transportFailure, type HttpRequest, type OutgoingTarget,
} from '../../../main/http/index.js';

let server: Server;
let base: string;
const seen: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const size = Number(url.searchParams.get('bytes') ?? '0');
    switch (url.pathname) {
      case '/bytes': res.writeHead(200, { 'content-type': 'text/plain' }).end('x'.repeat(size)); return;
      case '/error-bytes': res.writeHead(500, { 'content-type': 'text/plain' }).end('e'.repeat(size)); return;
      case '/moved': res.writeHead(301, { location: `${base}/bytes?bytes=1` }).end(); return;
      case '/limited': res.writeHead(429, { 'retry-after': url.searchParams.get('after') ?? '' }).end('slow down'); return;
      case '/slow': setTimeout(() => res.end('late'), 2_000).unref(); return;
      default: res.writeHead(200, { 'content-type': 'application/json', 'x-echo': req.headers['x-echo'] ?? '' }).end(JSON.stringify({ method: req.method }));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

beforeEach(() => {
  seen.length = 0;
});

afterAll(async () => {
  await closeHttpAgent();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const get = (path: string, extra: Partial<HttpRequest> = {}): Promise<Awaited<ReturnType<typeof sendRequest>>> =>
  sendRequest({ method: 'GET', url: new URL(`${base}${path}`), headers: {}, signal: AbortSignal.timeout(5_000), ...extra });

async function rejection(work: Promise<unknown>): Promise<unknown> {
  return work.then(() => { throw new Error('expected a failure'); }, (error: unknown) => error);
}

describe('sendRequest', () => {
  it('returns the status, the headers and the whole body', async () => {
    const response = await sendRequest({
      method: 'POST', url: new URL(`${base}/echo`), headers: { 'x-echo': 'hello' }, body: '{}', signal: AbortSignal.timeout(5_000),
    });
    expect(response.status).toBe(200);
    expect(response.headers['x-echo']).toBe('hello');
    expect(JSON.parse(response.body.toString('utf8'))).toEqual({ method: 'POST' });
  });

  it('fails a 2xx body past its limit with ResponseTooLargeError', async () => {
    const error = await rejection(get('/bytes?bytes=5000', { limits: { maxBytes: 1000 } }));
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect(error).toMatchObject({ limitBytes: 1000 });
    expect((await get('/bytes?bytes=1000', { limits: { maxBytes: 1000 } })).body).toHaveLength(1000);
  });

  it('cuts a 2xx body at its limit when asked to truncate', async () => {
    expect((await get('/bytes?bytes=5000', { limits: { maxBytes: 1000, truncate: true } })).body).toHaveLength(1000);
  });

  it('keeps only the start of an error body, never failing on its size', async () => {
    const response = await get('/error-bytes?bytes=100000', { limits: { maxBytes: 10, maxErrorBytes: 300 } });
    expect(response.status).toBe(500);
    expect(response.body.toString('utf8')).toBe('e'.repeat(300));
  });

  it('follows no redirect: the 3xx and its Location come back to the caller', async () => {
    const response = await get('/moved');
    expect(response.status).toBe(301);
    expect(response.headers.location).toBe(`${base}/bytes?bytes=1`);
    expect(seen).toEqual(['GET /moved']);
  });

  it('asks the outgoing policy before connecting, and a refusal sends nothing', async () => {
    const asked: OutgoingTarget[] = [];
    const refusal = new HttpFailure('HTTP_BAD_REQUEST', 'not allowed here', { transient: false });
    const policy = {
      check(target: OutgoingTarget): void {
        asked.push(target);
        if (target.url.pathname === '/forbidden') throw refusal;
      },
    };
    expect((await get('/echo', { policy })).status).toBe(200);
    expect(await rejection(get('/forbidden', { policy }))).toBe(refusal);
    expect(asked.map((t) => `${t.method} ${t.url.pathname}`)).toEqual(['GET /echo', 'GET /forbidden']);
    expect(seen).toEqual(['GET /echo']);
  });
});

describe('failure classification', () => {
  const target = (path: string): { method: string; url: URL } => ({ method: 'GET', url: new URL(`${base}${path}`) });

  it('reads Retry-After seconds from a real 429', async () => {
    const response = await get('/limited?after=7');
    const failure = statusFailure(target('/limited'), response.status, response.headers, response.body.toString('utf8'));
    expect(failure).toMatchObject({ code: 'HTTP_429', transient: true, retryAfterMs: 7_000 });
    expect(failure?.message).toContain('slow down');
  });

  it('reads a Retry-After HTTP date from a real 429 as the time until then', async () => {
    const response = await get(`/limited?after=${encodeURIComponent(new Date(Date.now() + 30_000).toUTCString())}`);
    const failure = statusFailure(target('/limited'), response.status, response.headers, '');
    expect(failure?.retryAfterMs).toBeGreaterThan(25_000);
    expect(failure?.retryAfterMs).toBeLessThanOrEqual(30_000);
  });

  it('means success for a 2xx and a permanent redirect failure for a 3xx', async () => {
    expect(statusFailure(target('/echo'), 200, {}, '')).toBeUndefined();
    const moved = await get('/moved');
    expect(statusFailure(target('/moved'), moved.status, moved.headers, '')).toMatchObject({ code: 'HTTP_REDIRECT', transient: false });
  });

  it('classifies a refused connection as transient', async () => {
    const closed = createTcpServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/`;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const error = await rejection(sendRequest({ method: 'GET', url: new URL(url), headers: {}, signal: AbortSignal.timeout(5_000) }));
    expect(transportFailure({ method: 'GET', url: new URL(url) }, error, { timeoutMs: 5_000, timedOut: false, cancelled: false }))
      .toMatchObject({ code: 'HTTP_CONNECTION', transient: true, message: expect.stringContaining('ECONNREFUSED') as unknown });
  });

  it('classifies a time limit as a transient time-out and passes an HttpFailure through unchanged', async () => {
    const error = await rejection(get('/slow', { signal: AbortSignal.timeout(100) }));
    expect(transportFailure(target('/slow'), error, { timeoutMs: 100, timedOut: true, cancelled: false }))
      .toMatchObject({ code: 'HTTP_TIMEOUT', transient: true, message: 'GET ' + base + '/slow timed out after 100 ms without a complete response' });
    const classified = new HttpFailure('OAUTH2_TOKEN_UNAVAILABLE', 'token endpoint down', { transient: true });
    expect(transportFailure(target('/x'), classified, { timeoutMs: 100, timedOut: true, cancelled: true })).toBe(classified);
  });
});
