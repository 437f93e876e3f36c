// `pipewright serve --log-format json` as an operator runs it (a child process on a temporary
// workspace): every stderr line is a JSON object (start, a live flow going live, stop); /metrics with
// the printed token counts what the live flow processed; SIGTERM while clients keep posting webhooks
// ends the process with exit 0, every answer being 202 or 503 (or a refused connection once it stopped
// listening).
import type { ChildProcess } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { collect, hasStackTrace, startCli, Workspace } from '../cli/cli-harness.js';

const ws = new Workspace('pipewright-serve-ops-');
afterAll(() => ws.remove());

ws.write('flows/orders.flow.json', {
  format: 'pipewright/flow@1', id: 'orders', name: 'Orders in',
  nodes: [
    { id: 'hook', type: 'trigger.webhook', position: [0, 0], config: {} },
    { id: 'shape', type: 'transform.map', position: [200, 0], config: { expression: '{ "order": id }' } },
  ],
  edges: [{ from: 'hook', to: 'shape' }],
});

interface LogLine {
  level: string;
  time: string;
  msg: string;
  component?: string;
  event?: string;
  flowId?: string;
  version?: number;
}

describe('pipewright serve --log-format json', () => {
  it('logs JSON lines, serves /metrics with the token and exits 0 on SIGTERM while webhooks keep coming', async () => {
    const child: ChildProcess = startCli(['--workspace', ws.dir, 'serve', '--port', '0', '--log-format', 'json'], { cwd: ws.dir });
    const result = collect(child);
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk: Buffer | string) => (stdout += String(chunk)));
    child.stderr?.on('data', (chunk: Buffer | string) => (stderr += String(chunk)));
    await until(() => stdout.includes('Press Ctrl+C to stop.') && stderr.includes('"event":"live"'), 15_000, () => `serve did not start:\n${stdout}\n${stderr}`);
    const url = /^designer: (\S+)$/m.exec(stdout)?.[1] as string;
    const token = /^API token: (pw_\S+)$/m.exec(stdout)?.[1] as string;

    for (let i = 0; i < 5; i++) expect(await post(url, { id: `A-${i}` })).toBe(202);
    let values = new Map<string, number>();
    await until(async () => {
      values = samples(await scrape(url, token));
      return values.get('pipewright_messages_in_total{flow="orders",node="shape"}') === 5;
    }, 10_000, () => `the live flow did not process 5 messages: ${JSON.stringify([...values])}`);
    expect(values.get('pipewright_messages_out_total{flow="orders",node="hook"}')).toBe(5);
    expect(values.get('pipewright_webhook_requests_total{flow="orders",node="hook",status="202"}')).toBe(5);
    expect(values.get('pipewright_queue_depth{flow="orders",node="shape"}')).toBe(0);
    expect((await fetch(new URL('metrics', url))).status).toBe(401);

    // Clients keep posting; SIGTERM once some were answered.
    const answers: Array<number | 'refused'> = [];
    let stop = false;
    const client = async (n: number): Promise<void> => {
      for (let i = 0; i < 2_000 && !stop; i++) answers.push(await post(url, { id: `B-${n}-${i}` }).catch(() => 'refused' as const));
    };
    const clients = Promise.all([0, 1, 2, 3].map(client));
    await until(() => answers.length >= 40, 10_000, () => `only ${answers.length} answers`);
    child.kill('SIGTERM');
    const end = await result;
    stop = true;
    await clients;
    expect(end.code).toBe(0);
    expect(answers.filter((status) => status !== 202 && status !== 503 && status !== 'refused')).toEqual([]);
    expect(answers.filter((status) => status === 202).length).toBeGreaterThanOrEqual(40);

    const lines = end.stderr.split('\n').filter((line) => line !== '').map((line) => JSON.parse(line) as LogLine);
    for (const line of lines) expect(line).toMatchObject({ level: expect.any(String), time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/), msg: expect.any(String) });
    expect(lines).toContainEqual(expect.objectContaining({ level: 'info', component: 'server', event: 'started' }));
    expect(lines).toContainEqual(expect.objectContaining({ level: 'info', component: 'live-flows', event: 'live', flowId: 'orders', version: 1, msg: 'flow "orders" version 1 is live' }));
    expect(lines).toContainEqual(expect.objectContaining({ component: 'server', event: 'stopping', signal: 'SIGTERM' }));
    expect(lines[lines.length - 1]).toMatchObject({ component: 'server', event: 'stopped', msg: 'stopped' });
    expect(hasStackTrace(end.stderr)).toBe(false);
    expect(end.stdout).toMatch(/^designer: http:\/\/127\.0\.0\.1:\d+\/$/m);
  });

  it('refuses an unknown log format with one clear line and exit 2', async () => {
    const result = await ws.run(['serve', '--port', '0', '--log-format', 'xml']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--log-format.*xml.*(text|json)/);
    expect(hasStackTrace(result.stderr)).toBe(false);
  });
});

async function post(url: string, body: unknown): Promise<number> {
  const response = await fetch(new URL('hooks/orders/hook', url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  await response.arrayBuffer();
  return response.status;
}

async function scrape(url: string, token: string): Promise<string> {
  const response = await fetch(new URL('metrics', url), { headers: { authorization: `Bearer ${token}` } });
  return response.text();
}

function samples(text: string): Map<string, number> {
  const found = new Map<string, number>();
  for (const line of text.split('\n')) {
    const match = /^([a-z_:]+)(\{[^}]*\})? (\S+)$/.exec(line);
    if (match) found.set(`${match[1]}${match[2] ?? ''}`, Number(match[3]));
  }
  return found;
}

async function until(condition: () => boolean | Promise<boolean>, timeoutMs: number, what: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(what());
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
