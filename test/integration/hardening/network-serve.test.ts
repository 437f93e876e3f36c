// The SSRF policy and credential host binding through the API of a real `pipewright serve` that other
// machines can reach (DESIGN.md §11). Binding beyond loopback in a test would expose it, so the server
// runs on 127.0.0.1 with --behind-proxy, which treats it as reachable (a reverse proxy in front), the
// same decision a --host 0.0.0.0 server makes. A flow's http.request and credentials.test aimed at
// 127.0.0.1, 10.x and 169.254.169.254 are refused with HTTP_ADDRESS_REFUSED and nothing reaches the
// local target; --allow-private-network and network.allow in settings.json let them through.
import { randomBytes } from 'node:crypto';
import { writeFileSync, mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ErrorData } from '../../../shared/errors.js';
import type { RunReport } from '../../../shared/runs.js';
import { cli, collect, startCli, Workspace } from '../cli/cli-harness.js';

let target: Server;
let targetUrl: string;
const reached: string[] = [];

beforeAll(async () => {
  target = createServer((req, res) => {
    reached.push(`${req.method} ${req.url} auth=${req.headers.authorization ?? ''}`);
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"internal":true}');
  });
  await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
  targetUrl = `http://127.0.0.1:${(target.address() as AddressInfo).port}`;
});
afterAll(async () => {
  target.closeAllConnections();
  await new Promise<void>((resolve) => target.close(() => resolve()));
});
beforeEach(() => {
  reached.length = 0;
});

const env = { PIPEWRIGHT_SECRETS_KEY: randomBytes(32).toString('base64') };
const SECRET = `tok_${randomBytes(12).toString('hex')}`;

/** A workspace with the probe flow: a manual trigger feeding http.request to the URL in each message. */
function probeWorkspace(settings?: unknown): Workspace {
  const ws = new Workspace('pipewright-ssrf-');
  mkdirSync(join(ws.dir, 'flows'), { recursive: true });
  writeFileSync(join(ws.dir, 'flows', 'probe.flow.json'), `${JSON.stringify({
    format: 'pipewright/flow@1', id: 'probe', name: 'Probe',
    nodes: [
      { id: 'start', type: 'trigger.manual', position: [0, 0], config: {} },
      { id: 'call', type: 'http.request', position: [200, 0], config: { method: 'GET', url: '{{ url }}', timeoutMs: 5_000 }, retry: { maxAttempts: 1, backoffMs: 10, maxBackoffMs: 10 } },
    ],
    edges: [{ from: 'start', to: 'call' }],
  }, null, 2)}\n`);
  if (settings !== undefined) writeFileSync(join(ws.dir, 'settings.json'), JSON.stringify(settings));
  return ws;
}

interface Served {
  url: string;
  token: string;
  rpc<T>(method: string, params: unknown): Promise<{ status: number; body: { ok: true; result: T } | { ok: false; error: ErrorData } }>;
  stop(): Promise<void>;
}

/** `pipewright serve --port 0 …args` on `ws`, once its banner is out (at most 20 s). */
async function serve(ws: Workspace, ...args: string[]): Promise<Served> {
  const child = startCli(['--workspace', ws.dir, 'serve', '--port', '0', ...args], { cwd: ws.dir, env });
  const ended = collect(child);
  let stdout = '';
  child.stdout?.on('data', (chunk: Buffer | string) => (stdout += String(chunk)));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve printed no banner within 20 s:\n${stdout}`)), 20_000);
    child.stdout?.on('data', () => {
      if (!stdout.includes('Press Ctrl+C to stop.')) return;
      clearTimeout(timer);
      resolve();
    });
    void ended.then((end) => {
      clearTimeout(timer);
      reject(new Error(`serve exited early (${end.code}):\n${end.stdout}\n${end.stderr}`));
    });
  }).catch((error: unknown) => {
    child.kill('SIGKILL');
    throw error;
  });
  const url = /^designer: (\S+)$/m.exec(stdout)?.[1] ?? '';
  const token = /^API token: (pw_\S+)$/m.exec(stdout)?.[1] ?? '';
  return {
    url, token,
    async rpc(method, params) {
      const response = await fetch(new URL(`api/rpc/${method}`, url), {
        method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(params),
      });
      return { status: response.status, body: await response.json() as never };
    },
    async stop() {
      child.kill('SIGTERM');
      const kill = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await ended;
      clearTimeout(kill);
    },
  };
}

async function runProbe(server: Served, urls: string[]): Promise<RunReport> {
  const started = await server.rpc<{ runId: string }>('runs.start', { flowId: 'probe', kind: 'run', inputs: { start: urls.map((url) => ({ url })) } });
  if (!started.body.ok) throw new Error(`runs.start failed: ${JSON.stringify(started.body)}`);
  const { runId } = started.body.result;
  // Bounded: 300 polls of 100 ms; the refusals need no network time at all.
  for (let poll = 0; poll < 300; poll += 1) {
    const report = await server.rpc<RunReport>('runs.get', { runId });
    if (report.body.ok && report.body.result.status !== 'running') return report.body.result;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`run ${runId} did not finish within 30 s`);
}

async function saveCredential(server: Served, allowedHosts?: string[]): Promise<void> {
  const saved = await server.rpc('credentials.save', {
    credential: { name: 'api', type: 'bearer', fields: {}, ...(allowedHosts === undefined ? {} : { allowedHosts }) }, secret: SECRET,
  });
  expect(saved.body.ok, JSON.stringify(saved.body)).toBe(true);
}

const PRIVATE_TARGETS = (): string[] => [`${targetUrl}/loopback`, 'http://10.20.30.40/private', 'http://169.254.169.254/latest/meta-data/'];

describe('a server reachable beyond loopback', () => {
  it('refuses flows and credential tests aimed at loopback, private and metadata addresses, and nothing reaches them', async () => {
    const ws = probeWorkspace();
    const server = await serve(ws, '--behind-proxy');
    try {
      const report = await runProbe(server, PRIVATE_TARGETS());
      expect(report.dead.map((dead) => dead.error.code)).toEqual(['HTTP_ADDRESS_REFUSED', 'HTTP_ADDRESS_REFUSED', 'HTTP_ADDRESS_REFUSED']);
      expect(report.dead.map((dead) => dead.attempts)).toEqual([1, 1, 1]);
      const messages = report.dead.map((dead) => dead.error.message).join('\n');
      for (const address of ['127.0.0.1', '10.20.30.40', '169.254.169.254']) expect(messages).toContain(address);
      expect(messages).toContain('--allow-private-network');

      await saveCredential(server);
      for (const url of PRIVATE_TARGETS()) {
        const tested = await server.rpc('credentials.test', { name: 'api', url });
        expect(tested.status, url).toBe(422);
        expect(tested.body.ok === false && tested.body.error.code, url).toBe('HTTP_ADDRESS_REFUSED');
      }
      expect(reached).toEqual([]);
    } finally {
      await server.stop();
      ws.remove();
    }
  });

  it('lets them through with --allow-private-network', async () => {
    const ws = probeWorkspace();
    const server = await serve(ws, '--behind-proxy', '--allow-private-network');
    try {
      const report = await runProbe(server, [`${targetUrl}/allowed`]);
      expect(report.dead).toEqual([]);
      expect(report.outputs.call).toEqual([{ internal: true }]);
      await saveCredential(server);
      const tested = await server.rpc<{ ok: boolean; status: number }>('credentials.test', { name: 'api', url: `${targetUrl}/tested` });
      expect(tested.body.ok && tested.body.result).toMatchObject({ ok: true, status: 200 });
      expect(reached).toEqual(['GET /allowed auth=', `GET /tested auth=Bearer ${SECRET}`]);
    } finally {
      await server.stop();
      ws.remove();
    }
  });

  it('lets the hosts and CIDRs of network.allow through, and only those', async () => {
    const ws = probeWorkspace({ network: { allow: ['127.0.0.0/8'] } });
    const server = await serve(ws, '--behind-proxy');
    try {
      const report = await runProbe(server, [`${targetUrl}/listed`, 'http://10.20.30.40/unlisted']);
      expect(report.outputs.call).toEqual([{ internal: true }]);
      expect(report.dead.map((dead) => dead.error.code)).toEqual(['HTTP_ADDRESS_REFUSED']);
      expect(reached).toEqual(['GET /listed auth=']);
    } finally {
      await server.stop();
      ws.remove();
    }
  });

  it('will not start with a broken network.allow, saying which entry and what it should be', async () => {
    const ws = probeWorkspace({ network: { allow: ['10.0.0.0/8', 'https://intranet/'] } });
    try {
      const result = await cli(['--workspace', ws.dir, 'serve', '--port', '0', '--behind-proxy'], { cwd: ws.dir, env });
      expect(result.code).not.toBe(0);
      expect(result.stderr).toContain('settings.json');
      expect(result.stderr).toContain('network.allow[1] "https://intranet/"');
    } finally {
      ws.remove();
    }
  });
});
