// Credentials bound to hosts (DESIGN.md §6, §11), through the real service, engine and encrypted
// secrets file, against a real target on 127.0.0.1: a credential whose allowedHosts do not name the
// target is refused — by credentials.test and by an http.request node — with CREDENTIAL_HOST_REFUSED
// before the target sees any request; naming the host (or a wildcard above it) lets it through; no
// list means any host, and files written before allowedHosts existed still read.
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createService, type Service } from '../../../main/api/index.js';
import { closeHttpAgent } from '../../../main/http/index.js';
import { hostAllowed } from '../../../shared/credentials/allowed-hosts.js';
import { isPipewrightError } from '../../../shared/errors.js';
import type { RunReport } from '../../../shared/runs.js';
import { Workspace } from '../cli/cli-harness.js';

const SECRET = `tok_${randomBytes(12).toString('hex')}`;
let target: Server;
let port: number;
const reached: string[] = [];
let dir: string;
let service: Service;
const savedKey = process.env.PIPEWRIGHT_SECRETS_KEY;

beforeAll(async () => {
  target = createServer((req, res) => {
    reached.push(`${req.url} auth=${req.headers.authorization ?? ''}`);
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"seen":true}');
  });
  await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
  port = (target.address() as AddressInfo).port;
  // The encrypted secrets file, as on a server: no keychain needed.
  process.env.PIPEWRIGHT_SECRETS_KEY = randomBytes(32).toString('base64');
});

afterAll(async () => {
  if (savedKey === undefined) delete process.env.PIPEWRIGHT_SECRETS_KEY;
  else process.env.PIPEWRIGHT_SECRETS_KEY = savedKey;
  await closeHttpAgent();
  target.closeAllConnections();
  await new Promise<void>((resolve) => target.close(() => resolve()));
});

beforeEach(() => {
  reached.length = 0;
  dir = mkdtempSync(join(tmpdir(), 'pipewright-credential-hosts-'));
  mkdirSync(join(dir, 'flows'));
  writeFileSync(join(dir, 'flows', 'call.flow.json'), `${JSON.stringify({
    format: 'pipewright/flow@1', id: 'call', name: 'Call',
    nodes: [
      { id: 'start', type: 'trigger.manual', position: [0, 0], config: {} },
      { id: 'call', type: 'http.request', position: [200, 0], config: { method: 'GET', url: '{{ url }}', credential: 'api', timeoutMs: 5_000 } },
    ],
    edges: [{ from: 'start', to: 'call' }],
  }, null, 2)}\n`);
  service = createService({ workspace: dir, onEvent: () => undefined });
});

afterEach(async () => {
  await service.close();
  rmSync(dir, { recursive: true, force: true });
});

const save = (allowedHosts?: string[]): ReturnType<Service['credentials.save']> =>
  service['credentials.save']({ credential: { name: 'api', type: 'bearer', fields: {}, ...(allowedHosts === undefined ? {} : { allowedHosts }) }, secret: SECRET });

async function run(url: string): Promise<RunReport> {
  const { runId } = await service['runs.start']({ flowId: 'call', kind: 'run', inputs: { start: [{ url }] } });
  // Bounded: 300 polls of 100 ms.
  for (let poll = 0; poll < 300; poll += 1) {
    const report = await service['runs.get']({ runId });
    if (report.status !== 'running') return report;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`run ${runId} did not finish within 30 s`);
}

async function failure(work: Promise<unknown>): Promise<Error & { code?: string }> {
  return work.then(() => { throw new Error('expected a refusal'); }, (error: unknown) => error as Error & { code?: string });
}

describe('credentials bound to hosts', () => {
  it('refuses credentials.test to a host outside allowedHosts before the target sees a request', async () => {
    await save(['api.example.com']);
    const error = await failure(service['credentials.test']({ name: 'api', url: `http://127.0.0.1:${port}/probe` }));
    expect(isPipewrightError(error) && error.code).toBe('CREDENTIAL_HOST_REFUSED');
    expect(error.message).toContain('credential "api" may only be sent to api.example.com, not to 127.0.0.1');
    expect(error.message).not.toContain(SECRET);
    expect(reached).toEqual([]);
  });

  it('dead-letters an http.request to a host outside allowedHosts at once, nothing sent', async () => {
    await save(['api.example.com', '*.example.org']);
    const report = await run(`http://127.0.0.1:${port}/orders`);
    expect(report.dead).toHaveLength(1);
    expect(report.dead[0]).toMatchObject({ attempts: 1, error: { code: 'CREDENTIAL_HOST_REFUSED' } });
    expect(report.dead[0]!.error.message).toContain('not to 127.0.0.1');
    expect(reached).toEqual([]);
  });

  it('sends the credential to a host its list names', async () => {
    await save(['127.0.0.1']);
    expect(await service['credentials.test']({ name: 'api', url: `http://127.0.0.1:${port}/probe` })).toMatchObject({ ok: true, status: 200 });
    const report = await run(`http://127.0.0.1:${port}/orders`);
    expect(report.outputs.call).toEqual([{ seen: true }]);
    expect(reached).toEqual([`/probe auth=Bearer ${SECRET}`, `/orders auth=Bearer ${SECRET}`]);
  });

  it('sends a credential without allowedHosts anywhere, and reads a credentials file written before they existed', async () => {
    await save();
    const file = join(dir, 'credentials.json');
    const stored = JSON.parse(readFileSync(file, 'utf8')) as { credentials: Array<Record<string, unknown>> };
    expect(stored.credentials[0]).not.toHaveProperty('allowedHosts');
    expect(await service['credentials.test']({ name: 'api', url: `http://127.0.0.1:${port}/any` })).toMatchObject({ ok: true });
    expect((await service['credentials.list']({}))[0]).toMatchObject({ name: 'api', hasSecret: true });
    expect(reached).toEqual([`/any auth=Bearer ${SECRET}`]);
  });

  it('keeps allowedHosts in credentials.json, lower-cased and sorted', async () => {
    await save(['API.example.com', '*.corp.example']);
    const stored = JSON.parse(readFileSync(join(dir, 'credentials.json'), 'utf8')) as { credentials: Array<Record<string, unknown>> };
    expect(stored.credentials[0]!.allowedHosts).toEqual(['*.corp.example', 'api.example.com']);
    expect((await service['credentials.list']({}))[0]).toMatchObject({ allowedHosts: ['*.corp.example', 'api.example.com'] });
  });

  it('refuses an allowed host that is a URL or has a port, saying what it should be', async () => {
    const error = await failure(save(['https://api.example.com/v1']));
    expect(error.message).toContain('must be a host name (api.example.com), a wildcard (*.example.com) or an address');
  });

  it('matches wildcards below a domain, not the domain itself nor a look-alike', () => {
    expect(hostAllowed('a.example.com', ['*.example.com'])).toBe(true);
    expect(hostAllowed('a.b.example.com', ['*.example.com'])).toBe(true);
    expect(hostAllowed('example.com', ['*.example.com'])).toBe(false);
    expect(hostAllowed('evilexample.com', ['*.example.com'])).toBe(false);
    expect(hostAllowed('API.Example.com.', ['api.example.com'])).toBe(true);
    expect(hostAllowed('[::1]', ['[::1]'])).toBe(true);
    expect(hostAllowed('anything.test', [])).toBe(true);
  });

  it('takes allowed hosts from `pipewright credentials set --allowed-host`, repeated, and refuses a URL there', async () => {
    const ws = new Workspace('pipewright-credential-hosts-cli-');
    try {
      const cliEnv = { PIPEWRIGHT_SECRETS_KEY: randomBytes(32).toString('base64') };
      const [set, bad] = await Promise.all([
        ws.run(['credentials', 'set', 'erp', '--type', 'bearer', '--allowed-host', 'api.example.com', '--allowed-host', '*.corp.example'], { env: cliEnv, stdin: SECRET }),
        ws.run(['credentials', 'set', 'other', '--type', 'bearer', '--allowed-host', 'https://api.example.com/'], { env: cliEnv, stdin: SECRET }),
      ]);
      expect(set, set.stderr).toMatchObject({ code: 0 });
      const stored = JSON.parse(readFileSync(join(ws.dir, 'credentials.json'), 'utf8')) as { credentials: Array<Record<string, unknown>> };
      expect(stored.credentials.find((c) => c.name === 'erp')?.allowedHosts).toEqual(['*.corp.example', 'api.example.com']);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain('--allowed-host: must be a host name (api.example.com)');
    } finally {
      ws.remove();
    }
  });
});
