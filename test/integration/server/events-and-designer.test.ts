// The event stream the designer follows runs through, the static designer with its security headers,
// and a shutdown that does not hang on open streams.
import { writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiEvent } from '../../../shared/api/events.js';
import type { StartedRun } from '../../../shared/api/runs.js';
import { call, INDEX_HTML, openEvents, ordersFlow, startHarness, until, type Harness } from './server-harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ server: { heartbeatMs: 50 } });
});
afterAll(async () => {
  await h.close();
});

const ofRun = (runId: string, type: ApiEvent['type']) => (event: ApiEvent): event is ApiEvent => event.type === type && 'runId' in event && event.runId === runId;

describe('the event stream', () => {
  it('delivers a run\'s events, from run.started to run.finished, after runs.start', async () => {
    const stream = await openEvents(h);
    try {
      expect(stream.status).toBe(200);
      expect(stream.headers.get('content-type')).toMatch(/^text\/event-stream/);
      expect(stream.headers.get('cache-control')).toContain('no-cache');
      const started = await call<StartedRun>(h, 'runs.start', { document: ordersFlow() });
      const finished = await stream.waitFor(ofRun(started.runId, 'run.finished'));
      expect(finished).toMatchObject({ status: 'succeeded', flowId: 'orders', counts: { received: 2, dead: 0 } });
      const types = stream.events.filter((event) => 'runId' in event && event.runId === started.runId).map((event) => event.type);
      expect(types[0]).toBe('run.started');
      expect(types).toContain('run.progress');
      expect(types).toContain('node.status');
      expect(types.at(-1)).toBe('run.finished');
    } finally {
      stream.close();
    }
  });

  it('sends every client the same events', async () => {
    const [first, second] = await Promise.all([openEvents(h), openEvents(h)]);
    try {
      const started = await call<StartedRun>(h, 'runs.start', { document: ordersFlow() });
      await Promise.all([first.waitFor(ofRun(started.runId, 'run.finished')), second.waitFor(ofRun(started.runId, 'run.finished'))]);
      expect(second.events).toEqual(first.events);
    } finally {
      first.close();
      second.close();
    }
  });

  it('sends heartbeat comments while nothing happens', async () => {
    const stream = await openEvents(h);
    try {
      await until(() => stream.comments.filter((comment) => comment === 'heartbeat').length >= 2);
    } finally {
      stream.close();
    }
  });

  it('stops sending to a client that went away', async () => {
    const stream = await openEvents(h);
    expect(h.events.subscriberCount).toBeGreaterThan(0);
    stream.close();
    await until(() => h.events.subscriberCount === 0);
    expect(h.server.app.server.listening).toBe(true);
  });
});

describe('the designer files', () => {
  it('serves index.html with a strict Content-Security-Policy', async () => {
    const response = await fetch(h.url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await response.text()).toBe(INDEX_HTML);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self' 'unsafe-inline'");
    expect(csp).toContain("worker-src 'self' blob:");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toMatch(/https?:|\*|'unsafe-eval'/);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('cache-control')).toBe('no-cache');
  });

  it('serves the bundles next to it', async () => {
    const response = await fetch(new URL('assets/app.js', h.url));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/javascript/);
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(await response.text()).toContain('designer');
  });

  it('answers a client route with index.html so a reload works', async () => {
    const response = await fetch(new URL('flows/orders', h.url));
    expect(response.status).toBe(200);
    expect(await response.text()).toBe(INDEX_HTML);
  });

  it('answers a missing asset with 404 rather than index.html', async () => {
    const response = await fetch(new URL('assets/missing.js', h.url));
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('keeps dotfiles out of reach', async () => {
    const response = await fetch(new URL('.env', h.url));
    expect(response.status).toBe(404);
    await response.body?.cancel();
  });
});

describe('a server without designer files', () => {
  it('still answers the API and says the designer is not built', async () => {
    const bare = await startHarness({ withDesigner: false });
    try {
      expect(bare.server.servesDesigner).toBe(false);
      const response = await fetch(bare.url);
      expect(response.status).toBe(404);
      expect(await response.json()).toMatchObject({ error: { code: 'NOT_FOUND', message: expect.stringContaining('renderer/dist') } });
      expect(await call(bare, 'flows.list', {})).toEqual([]);
    } finally {
      await bare.close();
    }
  });
});

describe('shutdown', () => {
  it('drops connections that never sent a request at once', async () => {
    const own = await startHarness({ server: { shutdownGraceMs: 10_000 } });
    const spare = connect(own.server.port, '127.0.0.1');
    await new Promise((resolve) => spare.once('connect', resolve));
    const started = Date.now();
    await own.close();
    expect(Date.now() - started).toBeLessThan(2000);
    spare.destroy();
  });

  it('cuts a client that never reads its answer once the grace period is over', async () => {
    const own = await startHarness({ server: { shutdownGraceMs: 300 } });
    writeFileSync(join(own.staticDir, 'assets', 'big.bin'), Buffer.alloc(32 * 1024 * 1024));
    const stalled = await fetch(new URL('assets/big.bin', own.url)); // body left unread: the socket stays busy
    expect(stalled.status).toBe(200);
    const started = Date.now();
    await own.close();
    expect(Date.now() - started).toBeLessThan(3000);
    await stalled.body?.cancel().catch(() => undefined);
  });

  it('ends open event streams and stops listening', async () => {
    const own = await startHarness();
    const stream = await openEvents(own);
    const closed = own.server.close();
    await stream.ended;
    await closed;
    expect(own.server.app.server.listening).toBe(false);
    expect(own.events.subscriberCount).toBe(0);
    await expect(fetch(new URL('api/health', own.url))).rejects.toThrow();
    await own.close();
  });
});
