// `pipewright deploy` and `pipewright flows --server` through the real CLI against a real `pipewright
// serve` child on 127.0.0.1: a webhook flow deployed is live at once (its webhook answers 202 and the
// live run processes the message), deployed again it is unchanged, changed it is version 2; an invalid
// flow is refused with every problem and nothing of that call is deployed, by the CLI before it sends
// and by the server itself; credential definitions travel, their secrets never; and every way of not
// reaching the server says what to do. The token comes from PIPEWRIGHT_TOKEN here (the keychain path:
// login-keychain.test.ts).
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLE_FORMAT, BUNDLE_VERSION } from '../../../shared/bundle.js';
import { hasStackTrace, stdoutJson, Workspace, type CliResult } from './cli-harness.js';
import { startServeChild, type ServeChild } from './serve-child.js';

const SECRET = `erp-${randomBytes(12).toString('hex')}`;

const hookFlow = (expression: string): Record<string, unknown> => ({
  format: 'pipewright/flow@1', id: 'orders', name: 'Orders in',
  nodes: [
    { id: 'hook', type: 'trigger.webhook', position: [0, 0], config: {} },
    { id: 'shape', type: 'transform.map', position: [200, 0], config: { expression } },
  ],
  edges: [{ from: 'hook', to: 'shape' }],
});
/** Two problems: a JSONata syntax error and an unknown node kind. */
const brokenFlow = {
  format: 'pipewright/flow@1', id: 'broken', name: 'Broken',
  nodes: [
    { id: 'hook', type: 'trigger.webhook', position: [0, 0], config: {} },
    { id: 'shape', type: 'transform.map', position: [200, 0], config: { expression: '{ "a": ' } },
    { id: 'odd', type: 'no.such.kind', position: [400, 0], config: {} },
  ],
  edges: [{ from: 'hook', to: 'shape' }],
};
const pushFlow = {
  format: 'pipewright/flow@1', id: 'push', name: 'Push',
  nodes: [
    { id: 'in', type: 'trigger.manual', position: [0, 0], config: {} },
    { id: 'erp', type: 'http.request', position: [200, 0], config: { method: 'POST', url: 'https://erp.example/api/orders', credential: 'erp-api' } },
  ],
  edges: [{ from: 'in', to: 'erp' }],
};

let server: ServeChild;
const ws = new Workspace('pipewright-deploy-');
const localKey = { PIPEWRIGHT_SECRETS_KEY: randomBytes(32).toString('base64') };

beforeAll(async () => {
  server = await startServeChild('pipewright-deploy-server-');
});
afterAll(async () => {
  await server?.stop();
  ws.remove();
});

function deploy(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  return ws.run(['deploy', ...args, '--server', server.url], { env: { PIPEWRIGHT_TOKEN: server.token, ...localKey, ...env } });
}

function serverFlows(): Promise<CliResult> {
  return ws.run(['flows', '--server', server.url, '--json'], { env: { PIPEWRIGHT_TOKEN: server.token } });
}

interface ServerFlow { id: string; version?: number; live: boolean; liveVersion?: number; triggers: string[] }

async function rpc(method: string, params: unknown = {}): Promise<{ status: number; body: { ok: boolean; result?: unknown; error?: { code: string; problems?: Array<{ path?: string; code: string }> } } }> {
  const response = await fetch(`${server.url}/api/rpc/${method}`, {
    method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${server.token}` }, body: JSON.stringify(params),
  });
  return { status: response.status, body: (await response.json()) as never };
}

async function postHook(body: unknown): Promise<number> {
  const response = await fetch(`${server.url}/hooks/orders/hook`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  await response.arrayBuffer();
  return response.status;
}

/** What the orders flow's live runs emitted at `shape`, once `count` arrived (at most 10 s). */
async function shapeOutputs(count: number): Promise<unknown[]> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const runs = (await rpc('runs.list', { flowId: 'orders', limit: 10 })).body.result as Array<{ runId: string; kind: string }>;
    const all: unknown[] = [];
    for (const run of runs.filter((r) => r.kind === 'live').reverse()) {
      const report = (await rpc('runs.get', { runId: run.runId })).body.result as { outputs: Record<string, unknown[]> };
      all.push(...(report.outputs.shape ?? []));
    }
    if (all.length >= count || Date.now() > deadline) return all;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const serverFile = (id: string): string => readFileSync(server.workspace.path('flows', `${id}.flow.json`), 'utf8');

describe('pipewright deploy', () => {
  it('deploys a webhook flow that is live at once: its webhook answers 202 and the live run processes the message', async () => {
    ws.write('flows/orders.flow.json', hookFlow('{ "order": id, "v": 1 }'));
    const result = await deploy(['orders']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`orders: new (version 1)\ndeployed 1 flow to ${server.url}\n`);

    expect(await postHook({ id: 'A-1' })).toBe(202);
    expect(await shapeOutputs(1)).toEqual([{ order: 'A-1', v: 1 }]);
    const listed = stdoutJson<{ server: string; flows: ServerFlow[] }>(await serverFlows());
    expect(listed).toEqual({ server: server.url, flows: [expect.objectContaining({ id: 'orders', version: 1, live: true, liveVersion: 1, triggers: ['trigger.webhook'] })] });
  });

  it('says unchanged for the same flow, and updated to version 2 once it changed; the new version takes the webhooks', async () => {
    const same = await deploy(['orders']);
    expect(same.code).toBe(0);
    expect(same.stdout).toContain('orders: unchanged (version 1)\n');

    ws.write('flows/orders.flow.json', hookFlow('{ "order": id, "v": 2 }'));
    const changed = await deploy([ws.path('flows', 'orders.flow.json')]);
    expect(changed.code).toBe(0);
    expect(changed.stdout).toContain('orders: updated to version 2\n');
    expect(await postHook({ id: 'A-2' })).toBe(202);
    expect(await shapeOutputs(2)).toEqual([{ order: 'A-1', v: 1 }, { order: 'A-2', v: 2 }]);

    const table = await ws.run(['flows', '--server', server.url], { env: { PIPEWRIGHT_TOKEN: server.token } });
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^FLOW\s+VERSION\s+STATE\s+TRIGGERS$/m);
    expect(table.stdout).toMatch(/^orders\s+2\s+live\s+trigger\.webhook$/m);
  });

  it('refuses invalid flows with every problem before sending anything, also next to a valid one', async () => {
    const before = serverFile('orders');
    ws.write('flows/orders.flow.json', hookFlow('{ "order": id, "v": 3 }'));
    ws.write('flows/broken.flow.json', brokenFlow);
    const result = await deploy(['orders', 'broken', 'missing']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    const lines = result.stderr.trim().split('\n');
    expect(lines).toEqual([
      expect.stringMatching(/^flows\/broken\.flow\.json:nodes\[1\]\.config\.expression:\d+ JSONATA_SYNTAX /),
      expect.stringMatching(/^flows\/broken\.flow\.json:nodes\[2\]\.type UNKNOWN_NODE_TYPE unknown node type "no\.such\.kind"/),
      expect.stringMatching(/^missing: FLOW_NOT_FOUND /),
      'pipewright: 2 of 3 flows are invalid; nothing was deployed',
    ]);
    expect(hasStackTrace(result.stderr)).toBe(false);
    expect(serverFile('orders')).toBe(before);
    expect(readdirSync(server.workspace.path('flows')).filter((name) => name.endsWith('.flow.json'))).toEqual(['orders.flow.json']);
    const listed = stdoutJson<{ flows: ServerFlow[] }>(await serverFlows());
    expect(listed.flows).toEqual([expect.objectContaining({ id: 'orders', version: 2, liveVersion: 2 })]);
  });

  it('is refused whole by the server itself when a flow it gets is invalid, with every problem', async () => {
    const before = serverFile('orders');
    const bundle = { format: BUNDLE_FORMAT, version: BUNDLE_VERSION, exportedAt: new Date().toISOString(), pipewrightVersion: '0.1.0', flows: [hookFlow('{ "v": 4 }'), brokenFlow], credentials: [] };
    const answer = await rpc('bundles.import', { bundle, overwrite: true });
    expect(answer.status).toBe(422);
    expect(answer.body.error?.code).toBe('BUNDLE_INVALID');
    expect(answer.body.error?.problems?.map((problem) => problem.path)).toEqual(['flows[1].nodes[1].config.expression', 'flows[1].nodes[2].type']);
    expect(serverFile('orders')).toBe(before);
    expect(stdoutJson<{ flows: ServerFlow[] }>(await serverFlows()).flows.map((flow) => [flow.id, flow.version])).toEqual([['orders', 2]]);
  });

  it('sends the definitions of the credentials a flow uses, never their secrets', async () => {
    const set = await ws.run(['credentials', 'set', 'erp-api', '--type', 'bearer'], { stdin: SECRET, env: localKey });
    expect(set.code, set.stderr).toBe(0);
    ws.write('flows/push.flow.json', pushFlow);
    const result = await deploy(['push', '--json']);
    expect(result.code, result.stderr).toBe(0);
    expect(stdoutJson(result)).toEqual({
      server: server.url, flows: [{ id: 'push', version: 1, change: 'new' }], credentialsAdded: ['erp-api'], credentialsWithoutSecret: ['erp-api'],
    });
    const definitions = JSON.parse(readFileSync(server.workspace.path('credentials.json'), 'utf8')) as { credentials: Array<{ name: string; type: string }> };
    expect(definitions.credentials).toEqual([expect.objectContaining({ name: 'erp-api', type: 'bearer' })]);
    const leaks = filesUnder(server.workspace.dir).filter((file) => readFileSync(file).includes(Buffer.from(SECRET)));
    expect(leaks).toEqual([]);
    expect(result.stdout + result.stderr).not.toContain(SECRET);
  });

  describe('when the server cannot be used', () => {
    let closedPort: number;
    let other: Server;
    let otherUrl: string;

    beforeAll(async () => {
      const probe = createNetServer();
      await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
      closedPort = (probe.address() as AddressInfo).port;
      await new Promise<void>((resolve) => probe.close(() => resolve()));
      other = createHttpServer((_request, response) => response.writeHead(404, { 'content-type': 'text/html' }).end('<h1>Not Found</h1>'));
      await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
      otherUrl = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
    });
    afterAll(() => new Promise<void>((resolve) => (other ? other.close(() => resolve()) : resolve())));

    it('says what to do: wrong token, no token, unreachable, not a Pipewright server, a bad address', async () => {
      ws.write('flows/broken.flow.json', brokenFlow);
      const [wrong, none, unreachable, foreign, address, invalidOffline] = await Promise.all([
        deploy(['orders'], { PIPEWRIGHT_TOKEN: 'pw_not-the-token' }),
        deploy(['orders'], { PIPEWRIGHT_TOKEN: '', DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus' }),
        ws.run(['deploy', 'orders', '--server', `http://127.0.0.1:${closedPort}`], { env: { PIPEWRIGHT_TOKEN: server.token } }),
        ws.run(['flows', '--server', otherUrl], { env: { PIPEWRIGHT_TOKEN: server.token } }),
        ws.run(['deploy', 'orders', '--server', '127.0.0.1:4870'], { env: { PIPEWRIGHT_TOKEN: server.token } }),
        // Invalid flows are reported without even trying the (unreachable) server.
        ws.run(['deploy', 'broken', '--server', `http://127.0.0.1:${closedPort}`], { env: { PIPEWRIGHT_TOKEN: server.token } }),
      ]);
      for (const result of [wrong, none, unreachable, foreign, address, invalidOffline]) {
        expect(result.code, result.stderr).toBe(2);
        expect(result.stdout).toBe('');
        expect(hasStackTrace(result.stderr)).toBe(false);
      }
      expect(wrong.stderr).toMatch(new RegExp(`^pipewright: UNAUTHORIZED ${escape(server.url)} refused the API token from PIPEWRIGHT_TOKEN: set PIPEWRIGHT_TOKEN to the token \`pipewright serve\` printed`, 'm'));
      expect(none.stderr).toMatch(/^pipewright: SECRET_STORE_UNAVAILABLE cannot read the API token for http:\/\/127\.0\.0\.1:\d+ from the OS keychain .*or give the token in PIPEWRIGHT_TOKEN instead$/m);
      expect(unreachable.stderr).toMatch(/^pipewright: SERVER_UNREACHABLE cannot reach the Pipewright server at http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\): is `pipewright serve` running there/m);
      expect(foreign.stderr).toMatch(/^pipewright: NOT_PIPEWRIGHT_SERVER http:\/\/127\.0\.0\.1:\d+ answered HTTP 404 without a Pipewright API answer: it is not a Pipewright server/m);
      expect(address.stderr).toMatch(/^pipewright: SERVER_URL_INVALID "127\.0\.0\.1:4870" is not a server address: give its URL with http:\/\/ or https:\/\//m);
      expect(invalidOffline.stderr).toMatch(/JSONATA_SYNTAX/);
      expect(invalidOffline.stderr).not.toMatch(/SERVER_UNREACHABLE/);
    });
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true }).filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}
