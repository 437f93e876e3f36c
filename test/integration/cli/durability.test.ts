// The engine's promises as a user meets them through the command: a run killed with SIGKILL is finished
// by `resume` with every message through exactly once, and dead letters are replayed once the flow
// file is fixed.
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chainFlow, collect, startCli, stdoutJson, Workspace } from './cli-harness.js';

interface Report {
  runId: string;
  status: string;
  outputs: Record<string, unknown[]>;
  dead: Array<{ id: string; nodeId: string; error: { code: string; message: string } }>;
  counts: { received: number; processed: number; pending: number; dead: number };
}

const MESSAGES = 5000;
let ws: Workspace;

beforeAll(() => {
  ws = new Workspace();
  ws.write(
    'flows/bulk.flow.json',
    chainFlow('bulk', [
      ['numbers', 'trigger.manual'],
      ['double', 'transform.map', { expression: '{ "n": n, "double": n * 2 }' }],
      ['even', 'transform.filter', { condition: 'double % 2 = 0' }],
      ['done', 'transform.map', { expression: '{ "n": n }' }],
    ]),
  );
  writeFileSync(ws.path('big.jsonl'), Array.from({ length: MESSAGES }, (_, n) => JSON.stringify({ n, pad: 'x'.repeat(40) })).join('\n'));
});

afterAll(() => ws.remove());

describe('a run killed with SIGKILL', () => {
  it('is finished by resume, every message reaching the end exactly once', async () => {
    const child = startCli(['--workspace', ws.dir, 'run', 'bulk', '--jsonl', '--input', 'big.jsonl', '--json'], { cwd: ws.dir });
    const finished = collect(child);
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (/run \S+ started/.test(stderr) && child.exitCode === null) child.kill('SIGKILL');
    });
    const killed = await finished;
    expect(killed.signal, `the run finished before it could be killed:\n${killed.stdout}`).toBe('SIGKILL');
    const runId = /run (\S+) started/.exec(killed.stderr)?.[1];
    expect(runId).toBeDefined();

    const before = stdoutJson<Report>(await ws.run(['runs', 'show', runId as string, '--json']));
    expect(before.status).not.toBe('succeeded');
    expect((before.outputs.done ?? []).length).toBeLessThan(MESSAGES);

    const resumed = await ws.run(['resume', runId as string, '--json']);
    expect(resumed.code, resumed.stderr).toBe(0);
    const shown = await ws.run(['runs', 'show', runId as string, '--json']);
    const report = stdoutJson<Report>(shown);
    expect(report.status).toBe('succeeded');
    const done = (report.outputs.done ?? []) as Array<{ n: number }>;
    expect(done).toHaveLength(MESSAGES);
    expect(new Set(done.map((payload) => payload.n)).size).toBe(MESSAGES);
    expect(report.counts).toMatchObject({ received: MESSAGES, pending: 0, dead: 0 });
  });
});

describe('a run stopped with SIGTERM', () => {
  it('releases its messages, shows as interrupted and resumes to the end', async () => {
    const child = startCli(['--workspace', ws.dir, 'run', 'bulk', '--jsonl', '--input', 'big.jsonl', '--json'], { cwd: ws.dir });
    const finished = collect(child);
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (/run \S+ started/.test(stderr) && !child.killed) child.kill('SIGTERM');
    });
    const stopped = await finished;
    expect(stopped.code, stopped.stderr).toBe(130);
    const report = stdoutJson<Report>(stopped);
    expect(report.status).toBe('interrupted');
    expect(stopped.stderr).toContain(`pipewright: finish it with: pipewright resume ${report.runId}`);

    const resumed = await ws.run(['resume', report.runId, '--json']);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(stdoutJson<Report>(resumed).outputs.done).toHaveLength(MESSAGES);
  });
});

describe('dead letters', () => {
  it('are replayed to the end after the flow file is fixed', async () => {
    const flow = (expression: string): Record<string, unknown> =>
      chainFlow('prices', [
        ['items', 'trigger.manual'],
        ['net', 'transform.map', { expression }],
      ]);
    ws.write('flows/prices.flow.json', flow('{ "sku": sku, "net": $number(price) }'));
    const items = [
      { sku: 'A', price: '10.5' },
      { sku: 'B', price: 'n/a' },
      { sku: 'C', price: '7' },
      { sku: 'D', price: 'call us' },
    ];
    const failed = await ws.run(['run', 'prices', '--jsonl', '--input', '-', '--json'], { stdin: items.map((item) => JSON.stringify(item)).join('\n') });
    expect(failed.code, failed.stderr).toBe(1);
    const first = stdoutJson<Report>(failed);
    expect(first.outputs.net).toEqual([{ sku: 'A', net: 10.5 }, { sku: 'C', net: 7 }]);
    expect(first.dead).toHaveLength(2);
    expect(first.dead[0]).toMatchObject({ nodeId: 'net', error: { code: 'MAPPING_ERROR' } });

    // Fix the mapping in the file; replay reloads it.
    ws.write('flows/prices.flow.json', flow('{ "sku": sku, "net": $contains(price, /^[0-9.]+$/) ? $number(price) : null }'));
    const replayed = await ws.run(['dlq', 'replay', '--all', '--run', first.runId, '--json']);
    expect(replayed.code, replayed.stderr).toBe(0);
    const report = stdoutJson<Report>(replayed);
    expect(report.dead).toEqual([]);
    const net = (report.outputs.net ?? []) as Array<{ sku: string }>;
    expect([...net].sort((a, b) => a.sku.localeCompare(b.sku))).toEqual([{ sku: 'B', net: null }, { sku: 'D', net: null }]);

    const listed = await ws.run(['dlq', 'list', '--json']);
    expect(stdoutJson<unknown[]>(listed)).toEqual([]);
  });
});

