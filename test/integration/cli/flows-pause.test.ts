// `pipewright flows pause|resume FLOW --server URL` through the real CLI against a real `pipewright
// serve` child: the paused flow's webhook answers 503, `flows --server` shows it paused (table and
// JSON), the pause survives the server's restart (SIGTERM, then a new `serve` on the same workspace),
// and resume lets webhooks in again; a mistyped flow or a missing --server says what to do.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stdoutJson, Workspace, type CliResult } from './cli-harness.js';
import { startServe, type RunningServe } from './serve-child.js';

const serverWorkspace = new Workspace('pipewright-flows-pause-server-');
const serverEnv = { PIPEWRIGHT_SECRETS_KEY: randomBytes(32).toString('base64') };
const ws = new Workspace('pipewright-flows-pause-');
let server: RunningServe | undefined;
let url = '';
let token = '';

/** Starts `serve` on the server workspace (again), reading its address (and, the first time, its token) from the banner. */
async function startServer(): Promise<void> {
  server = await startServe(serverWorkspace.dir, serverEnv);
  url = (/^designer: (\S+)$/m.exec(server.stdout())?.[1] ?? '').replace(/\/$/, '');
  token ||= /^API token: (pw_\S+)$/m.exec(server.stdout())?.[1] ?? '';
}

/** SIGTERM, as systemd stops it; killed after 20 s so the test ends either way. */
async function stopServer(): Promise<void> {
  if (!server || server.child.exitCode !== null || server.child.signalCode !== null) return;
  server.child.kill('SIGTERM');
  const kill = setTimeout(() => server?.child.kill('SIGKILL'), 20_000);
  await server.ended;
  clearTimeout(kill);
}

beforeAll(async () => {
  await startServer();
  ws.write('flows/orders.flow.json', {
    format: 'pipewright/flow@1', id: 'orders', name: 'Orders in',
    nodes: [
      { id: 'hook', type: 'trigger.webhook', position: [0, 0], config: {} },
      { id: 'shape', type: 'transform.map', position: [200, 0], config: { expression: '$' } },
    ],
    edges: [{ from: 'hook', to: 'shape' }],
  });
});
afterAll(async () => {
  await stopServer();
  serverWorkspace.remove();
  ws.remove();
});

const run = (args: string[]): Promise<CliResult> => ws.run(args, { env: { PIPEWRIGHT_TOKEN: token } });

async function postHook(): Promise<number> {
  const response = await fetch(`${url}/hooks/orders/hook`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"id":"A-1"}' });
  await response.arrayBuffer();
  return response.status;
}

describe('pipewright flows pause and resume', () => {
  it('pauses a deployed flow: its webhook answers 503 and flows --server says paused', async () => {
    expect((await run(['deploy', 'orders', '--server', url])).code).toBe(0);
    expect(await postHook()).toBe(202);

    const paused = await run(['flows', 'pause', 'orders', '--server', url]);
    expect(paused.stderr).toBe('');
    expect(paused.code).toBe(0);
    expect(paused.stdout).toMatch(new RegExp(`^orders: paused since \\S+ on ${url}: it takes nothing in until \`pipewright flows resume orders --server ${url}\`; messages already queued finish\\n$`));
    expect(await postHook()).toBe(503);

    const table = await run(['flows', '--server', url]);
    expect(table.stdout).toMatch(/^orders\s+1\s+paused\s+trigger\.webhook$/m);
    const listed = stdoutJson<{ flows: Array<{ id: string; live: boolean; paused: boolean; pausedSince?: string }> }>(await run(['flows', '--server', url, '--json']));
    expect(listed.flows).toEqual([expect.objectContaining({ id: 'orders', live: false, paused: true, pausedSince: expect.any(String) })]);
  });

  it('stays paused when the server restarts, and takes webhooks again once resumed', async () => {
    await stopServer();
    await startServer();
    // The banner comes before the live flows start: wait (bounded) for their line.
    for (const deadline = Date.now() + 10_000; !server?.stderr().includes('flow "orders" is paused (since ') && Date.now() < deadline;) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(server?.stderr()).toContain('flow "orders" is paused (since ');
    expect(await postHook()).toBe(503);
    expect((await run(['flows', '--server', url])).stdout).toMatch(/^orders\s+1\s+paused\s+trigger\.webhook$/m);

    // --server may also stand before the verb (it belongs to `flows`).
    const resumed = await run(['flows', '--server', url, 'resume', 'orders']);
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toBe(`orders: live on version 1 on ${url}\n`);
    expect(await postHook()).toBe(202);
    expect((await run(['flows', '--server', url])).stdout).toMatch(/^orders\s+1\s+live\s+trigger\.webhook$/m);
  });

  it('says what to do for a flow the server does not have, and without --server', async () => {
    const unknown = await run(['flows', 'pause', 'ordres', '--server', url]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('FLOW_NOT_FOUND');
    expect(unknown.stderr).toContain('there is no flow "ordres"');
    const noServer = await run(['flows', 'resume', 'orders']);
    expect(noServer.code).toBe(2);
    expect(noServer.stderr).toContain('say which server: pipewright flows resume orders --server http://127.0.0.1:4870');
  });
});

