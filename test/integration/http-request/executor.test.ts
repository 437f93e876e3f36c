// The http.request executor against a real loopback server, one message at a time, with the real
// mapping evaluator: what it sends, what it emits, and how each failure is classified.
import { createServer } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { NodeError } from '../../../main/engine/errors.js';
import { closeHttpAgent } from '../../../main/http/index.js';
import { httpRequestExecutor } from '../../../main/engine/nodes/http-request.js';
import { startFaultServer, type FaultServer } from '../../fixtures/http/fault-server.js';
import { httpContext, message } from './node-context.js';

let server: FaultServer;

beforeAll(async () => {
  server = await startFaultServer({
    scenarios: {
      flaky: { steps: [{ status: 500, body: { error: 'database is restarting' } }] },
      limited: { steps: [{ status: 429, retryAfter: 7 }] },
      limitedUntil: { steps: [{ status: 429, retryAfter: new Date(Date.now() + 30_000).toUTCString() }] },
      missing: { then: { status: 404, body: { error: 'no such order' } } },
      slow: { steps: [{ delayMs: 1_000 }] },
      dropped: { steps: [{ drop: true }] },
      unavailable: { then: { status: 503, body: 'maintenance' } },
      moved: { then: { status: 301, headers: { location: 'https://elsewhere.example/' }, body: '' } },
      timeout408: { then: { status: 408, body: '' } },
      text: { then: { status: 200, body: 'plain words' } },
      brokenJson: { then: { status: 200, body: '{"half": ', headers: { 'content-type': 'application/json' } } },
      empty: { then: { status: 204, body: '' } },
    },
  });
});
afterAll(async () => {
  await closeHttpAgent();
  await server.close();
});
beforeEach(() => server.reset());

async function failure(work: Promise<unknown>): Promise<NodeError> {
  const error = await work.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(NodeError);
  return error as NodeError;
}

describe('http.request sends', () => {
  it('posts the payload as JSON with the message idempotency key', async () => {
    const input = message({ orderNo: 'A-1', total: 120 });
    const out = await httpRequestExecutor.execute(input, httpContext({ method: 'POST', url: `${server.url}/orders` }));

    expect(server.requests).toHaveLength(1);
    const [seen] = server.requests;
    expect(seen).toMatchObject({ method: 'POST', path: '/orders', body: { orderNo: 'A-1', total: 120 }, idempotencyKey: input.meta.idempotencyKey });
    expect(seen!.headers['content-type']).toBe('application/json');
    expect(out).toEqual([{ port: 'out', payload: { ok: true, received: { orderNo: 'A-1', total: 120 } } }]);
  });

  it('renders method, URL and headers from the payload and $meta', async () => {
    const input = message({ id: 'B-7', exists: true, tenant: 'acme' });
    await httpRequestExecutor.execute(input, httpContext({
      method: '{{ exists ? "put" : "POST" }}',
      url: `${server.url}/orders/{{ id }}?run={{ $meta.runId }}`,
      headers: { 'X-Tenant': '{{ tenant }}', 'X-Attempt': '{{ $string($meta.attempt) }}' },
    }));

    const [seen] = server.requests;
    expect(seen).toMatchObject({ method: 'PUT', path: '/orders/B-7?run=run-1' });
    expect(seen!.headers['x-tenant']).toBe('acme');
    expect(seen!.headers['x-attempt']).toBe('1');
  });

  it('sends the body expression result instead of the payload', async () => {
    await httpRequestExecutor.execute(message({ id: 'C-1', lines: [{ qty: 2 }, { qty: 3 }] }), httpContext({
      method: 'POST', url: `${server.url}/totals`, body: '{ "ref": id, "qty": $sum(lines.qty), "key": $meta.idempotencyKey }',
    }));
    const [seen] = server.requests;
    expect(seen!.body).toEqual({ ref: 'C-1', qty: 5, key: seen!.idempotencyKey });
  });

  it('sends no body for a GET', async () => {
    await httpRequestExecutor.execute(message({ id: 'D-1' }), httpContext({ url: `${server.url}/orders/{{ id }}` }));
    const [seen] = server.requests;
    expect(seen).toMatchObject({ method: 'GET', path: '/orders/D-1', body: undefined });
    expect(seen!.headers['content-type']).toBeUndefined();
  });

  it('keeps an Idempotency-Key the user set', async () => {
    await httpRequestExecutor.execute(message({ id: 'E-1' }), httpContext({
      method: 'POST', url: `${server.url}/orders`, headers: { 'idempotency-key': 'order-{{ id }}' },
    }));
    expect(server.requests[0]!.idempotencyKey).toBe('order-E-1');
  });

  it('sends a string body as is under a non-JSON content type', async () => {
    await httpRequestExecutor.execute(message({ csv: 'a,b\n1,2' }), httpContext({
      method: 'POST', url: `${server.url}/upload`, headers: { 'Content-Type': 'text/csv' }, body: 'csv',
    }));
    expect(server.requests[0]!.body).toBe('a,b\n1,2');
    expect(server.requests[0]!.headers['content-type']).toBe('text/csv');
  });
});

describe('http.request emits', () => {
  it('emits the whole response when output is response', async () => {
    const out = await httpRequestExecutor.execute(message({ n: 1 }), httpContext({ method: 'POST', url: `${server.url}/x`, output: 'response' }));
    expect(out).toHaveLength(1);
    expect(out[0]!.payload).toMatchObject({ status: 200, headers: { 'content-type': 'application/json' }, body: { ok: true, received: { n: 1 } } });
  });

  it('emits text when the response is not JSON and null when it is empty', async () => {
    const text = await httpRequestExecutor.execute(message({}), httpContext({ url: `${server.url}/text` }));
    expect(text[0]!.payload).toBe('plain words');
    const empty = await httpRequestExecutor.execute(message({}), httpContext({ url: `${server.url}/empty` }));
    expect(empty[0]!.payload).toBeNull();
  });

  it('fails for good when a JSON response does not parse', async () => {
    const error = await failure(httpRequestExecutor.execute(message({}), httpContext({ url: `${server.url}/brokenJson` })));
    expect(error).toMatchObject({ code: 'HTTP_BAD_RESPONSE', transient: false });
  });

  it('reports each concurrency setting back to the engine', () => {
    expect(httpRequestExecutor.concurrency?.(httpContext({ url: server.url, concurrency: 3 }).config)).toBe(3);
    expect(httpRequestExecutor.defaultRetry?.maxAttempts).toBeGreaterThan(1);
  });
});

describe('http.request classifies failures', () => {
  it('treats a 500 as transient and says method, URL, status and what the server said', async () => {
    const error = await failure(httpRequestExecutor.execute(message({ scenario: 'flaky' }), httpContext({ method: 'POST', url: `${server.url}/orders?token=secret` })));
    expect(error).toMatchObject({ code: 'HTTP_5XX', transient: true });
    expect(error.message).toContain(`POST ${server.url}/orders?…`);
    expect(error.message).toContain('500');
    expect(error.message).toContain('database is restarting');
    expect(error.message).not.toContain('secret');
  });

  it('treats a 503 as transient', async () => {
    const error = await failure(httpRequestExecutor.execute(message({}), httpContext({ url: `${server.url}/unavailable` })));
    expect(error).toMatchObject({ code: 'HTTP_5XX', transient: true });
    expect(error.message).toContain('maintenance');
  });

  it('passes Retry-After seconds on a 429', async () => {
    const error = await failure(httpRequestExecutor.execute(message({}), httpContext({ url: `${server.url}/limited` })));
    expect(error).toMatchObject({ code: 'HTTP_429', transient: true, retryAfterMs: 7_000 });
  });

  it('passes a Retry-After date on a 429 as the time until then', async () => {
    const error = await failure(httpRequestExecutor.execute(message({}), httpContext({ url: `${server.url}/limitedUntil` })));
    expect(error.code).toBe('HTTP_429');
    expect(error.retryAfterMs).toBeGreaterThan(20_000);
    expect(error.retryAfterMs).toBeLessThanOrEqual(31_000);
  });

  it('treats a 404 as permanent', async () => {
    const error = await failure(httpRequestExecutor.execute(message({}), httpContext({ url: `${server.url}/missing` })));
    expect(error).toMatchObject({ code: 'HTTP_4XX', transient: false });
    expect(error.message).toContain('404');
    expect(error.message).toContain('no such order');
  });

  it('treats a 408 as a transient timeout', async () => {
    const error = await failure(httpRequestExecutor.execute(message({}), httpContext({ url: `${server.url}/timeout408` })));
    expect(error).toMatchObject({ code: 'HTTP_TIMEOUT', transient: true });
  });

  it('does not follow a redirect and says where it pointed', async () => {
    const error = await failure(httpRequestExecutor.execute(message({}), httpContext({ url: `${server.url}/moved` })));
    expect(error).toMatchObject({ code: 'HTTP_REDIRECT', transient: false });
    expect(error.message).toContain('https://elsewhere.example/');
  });

  it('times out a slow response and succeeds when the server is fast again', async () => {
    const input = message({ scenario: 'slow' });
    const ctx = httpContext({ method: 'POST', url: `${server.url}/slow`, timeoutMs: 150 });
    const started = performance.now();
    const error = await failure(httpRequestExecutor.execute(input, ctx));
    expect(error).toMatchObject({ code: 'HTTP_TIMEOUT', transient: true });
    expect(error.message).toContain('150 ms');
    expect(performance.now() - started).toBeLessThan(900);

    const out = await httpRequestExecutor.execute({ ...input, meta: { ...input.meta, attempt: 2 } }, ctx);
    expect(out[0]!.payload).toMatchObject({ ok: true });
    expect(server.requests.map((r) => r.idempotencyKey)).toEqual([input.meta.idempotencyKey, input.meta.idempotencyKey]);
  });

  it('treats a dropped connection as transient', async () => {
    const error = await failure(httpRequestExecutor.execute(message({}), httpContext({ method: 'POST', url: `${server.url}/dropped` })));
    expect(error).toMatchObject({ code: 'HTTP_CONNECTION', transient: true });
  });

  it('treats a refused connection as transient', async () => {
    const port = await closedPort();
    const error = await failure(httpRequestExecutor.execute(message({}), httpContext({ url: `http://127.0.0.1:${port}/` })));
    expect(error).toMatchObject({ code: 'HTTP_CONNECTION', transient: true });
    expect(error.message).toContain('ECONNREFUSED');
  });

  it('rejects an invalid URL for good', async () => {
    const error = await failure(httpRequestExecutor.execute(message({ host: '' }), httpContext({ url: '{{ host }}/orders' })));
    expect(error).toMatchObject({ code: 'HTTP_BAD_URL', transient: false, location: { path: 'nodes[1].config.url' } });
    expect(error.message).toContain('"/orders"');
  });

  it('rejects protocols other than http and https for good', async () => {
    const error = await failure(httpRequestExecutor.execute(message({}), httpContext({ url: 'ftp://files.example/drop' })));
    expect(error).toMatchObject({ code: 'HTTP_UNSUPPORTED_PROTOCOL', transient: false });
  });

  it('rejects a method the template renders wrongly for good', async () => {
    const error = await failure(httpRequestExecutor.execute(message({ verb: 'FETCH' }), httpContext({ method: '{{ verb }}', url: server.url })));
    expect(error).toMatchObject({ code: 'HTTP_BAD_METHOD', transient: false });
    expect(error.message).toContain('FETCH');
  });

  it('rejects a header value that cannot be sent for good', async () => {
    const error = await failure(httpRequestExecutor.execute(message({ v: 'a\r\nInjected: yes' }), httpContext({ url: server.url, headers: { 'X-V': '{{ v }}' } })));
    expect(error).toMatchObject({ code: 'HTTP_BAD_REQUEST', transient: false });
    expect(server.requests).toHaveLength(0);
  });

  it('reports a mapping error in a template with the field it came from', async () => {
    const error = await failure(httpRequestExecutor.execute(message({}), httpContext({ url: `${server.url}/{{ $nope( }}` })));
    expect(error).toMatchObject({ code: 'MAPPING_ERROR', transient: false, location: { path: 'nodes[1].config.url' } });
  });

  it('fails a node that names a credential for good when the engine has no credentials', async () => {
    const error = await failure(httpRequestExecutor.execute(message({}), httpContext({ url: server.url, credential: 'erp-api' })));
    expect(error).toMatchObject({ code: 'CREDENTIALS_UNAVAILABLE', transient: false, location: { path: 'nodes[1].config.credential' } });
    expect(error.message).toContain('credential "erp-api"');
    expect(error.message).toContain('opened without access to credentials');
    expect(server.requests).toHaveLength(0);
  });

  it('gives up promptly when the engine stops', async () => {
    const stop = new AbortController();
    const started = performance.now();
    const pending = httpRequestExecutor.execute(message({}), httpContext({ url: `${server.url}/slow`, timeoutMs: 10_000 }, { signal: stop.signal }));
    setTimeout(() => stop.abort(), 50);
    const error = await failure(pending);
    expect(error).toMatchObject({ code: 'HTTP_CANCELLED', transient: true });
    expect(performance.now() - started).toBeLessThan(900);
  });
});

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}
