// The Host header check against DNS rebinding (DESIGN.md §11), on the real server stack: a server
// listening on loopback only answers requests addressed to localhost, 127.0.0.1 or [::1] (with or
// without a port) and refuses any other name with 421 HOST_NOT_ALLOWED before auth, routes or
// webhooks run; a server reachable beyond loopback (here: behind a reverse proxy) does not check.
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createService } from '../../../main/api/index.js';
import type { NetworkOptions } from '../../../main/server/create-server.js';
import { createEventHub, createServer, openTokenStore, type PipewrightServer } from '../../../main/server/index.js';
import { isLoopbackHostHeader } from '../../../main/server/host-check.js';

interface Harness {
  server: PipewrightServer;
  token: string;
  close(): Promise<void>;
}

/** The real service and server on 127.0.0.1 (a free port) over a temporary workspace. */
async function startHarness(network?: NetworkOptions): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'pipewright-host-'));
  const events = createEventHub();
  const service = createService({ workspace: dir, onEvent: events.publish });
  const tokens = openTokenStore(dir);
  const server = await createServer({ service, events, tokenStore: tokens.store, port: 0, log: () => undefined, ...(network ? { network } : {}) });
  return {
    server, token: tokens.createdToken as string,
    async close() {
      await server.close();
      await service.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

interface Answer {
  status: number;
  body: string;
}

/** GET `path` from the harness with exactly this Host header (fetch would not let us set it). */
function getWithHost(h: Harness, path: string, host: string, token?: string): Promise<Answer> {
  const { port } = h.server;
  return new Promise((resolve, reject) => {
    const sent = request({ host: '127.0.0.1', port, path, method: 'GET', headers: { host, ...(token === undefined ? {} : { authorization: `Bearer ${token}` }) } }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (chunk: string) => (body += chunk)).on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    sent.on('error', reject);
    sent.setTimeout(5_000, () => sent.destroy(new Error('no answer within 5 s')));
    sent.end();
  });
}

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

describe('the Host header check', () => {
  it('refuses a request to a loopback server addressed to another name, with a clear message', async () => {
    harness = await startHarness();
    for (const path of ['/api/health', '/', '/api/rpc/flows.list', '/hooks/orders/hook']) {
      const answer = await getWithHost(harness, path, 'evil.example', harness.token);
      expect(answer.status, path).toBe(421);
      const body = JSON.parse(answer.body) as { ok: false; error: { code: string; message: string } };
      expect(body.error.code).toBe('HOST_NOT_ALLOWED');
      expect(body.error.message).toContain('"evil.example"');
      expect(body.error.message).toContain('DNS rebinding');
    }
    // A rebinding page keeps its own name and port; naming loopback in a subdomain does not help either.
    for (const host of [`evil.example:${harness.server.port}`, '127.0.0.1.evil.example', 'localhost.evil.example', '[::2]']) {
      expect((await getWithHost(harness, '/api/health', host)).status, host).toBe(421);
    }
  });

  it('answers requests addressed to localhost, 127.0.0.1 or [::1], with or without the port', async () => {
    harness = await startHarness();
    const { port } = harness.server;
    for (const host of ['localhost', `localhost:${port}`, '127.0.0.1', `127.0.0.1:${port}`, '[::1]', `[::1]:${port}`, 'LOCALHOST']) {
      expect((await getWithHost(harness, '/api/health', host)).status, host).toBe(200);
    }
  });

  it('does not check on a server reachable beyond loopback (behind a reverse proxy)', async () => {
    harness = await startHarness({ reachableBeyondLoopback: true });
    expect((await getWithHost(harness, '/api/health', 'pipewright.example.com')).status).toBe(200);
  });

  it('reads Host values as a browser sends them', () => {
    expect(isLoopbackHostHeader(undefined)).toBe(false);
    expect(isLoopbackHostHeader('')).toBe(false);
    expect(isLoopbackHostHeader('127.0.0.1:99999x')).toBe(false);
    expect(isLoopbackHostHeader('localhost.')).toBe(true);
  });
});
