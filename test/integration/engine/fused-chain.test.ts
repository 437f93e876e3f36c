// The fused-chain fast path (main/engine/fused-chain.ts) must leave exactly what the general path
// leaves: the same outputs, counts, stored bytes, trace rows in the same order, logs and dead letters.
// Each flow runs twice on real SQLite workspaces: once as shipped, once with executors that cannot
// answer at once (no executeNow), which sends every message down the general path. Only timings differ.
import { writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { getNodeExecutor } from '../../../main/engine/nodes/index.js';
import { stateDatabasePath } from '../../../main/engine/store/sqlite/database.js';
import { compactSteps } from '../../../main/engine/store/sqlite/step-rows.js';
import type { NodeContext, NodeExecutor, TriggerInput } from '../../../main/engine/types.js';
import type { FlowDocument } from '../../../shared/flow/schema.js';
import { chain, TempWorkspace } from '../../fixtures/engine/workspace.js';

const workspaces: TempWorkspace[] = [];
afterAll(async () => {
  for (const ws of workspaces) await ws.remove();
});

const ANSWERING_AT_ONCE = ['transform.map', 'transform.filter', 'transform.switch'];

/** The shipped executors, each noting the contexts it was called with (the chain shares one per node and batch). */
function observedExecutors(contexts: Set<NodeContext>): Map<string, NodeExecutor> {
  return new Map(ANSWERING_AT_ONCE.map((type) => {
    const executor = getNodeExecutor(type) as NodeExecutor;
    const executeNow = executor.executeNow!.bind(executor);
    return [type, { ...executor, executeNow: (input, ctx) => {
      contexts.add(ctx);
      return executeNow(input, ctx);
    } } satisfies NodeExecutor];
  }));
}

/** The shipped executors without `executeNow`: every step awaits, so no message runs down a chain. */
function awaitingExecutors(): Map<string, NodeExecutor> {
  return new Map(ANSWERING_AT_ONCE.map((type) => {
    const { executeNow: _answersAtOnce, ...rest } = getNodeExecutor(type) as NodeExecutor;
    return [type, rest];
  }));
}

/** What a run left in its state database, timings aside. */
function stored(ws: TempWorkspace, runId: string): unknown {
  const db = new Database(stateDatabasePath(ws.dir), { readonly: true });
  try {
    const run = db.prepare('SELECT status, received, processed, dead, stored_bytes FROM runs WHERE id = ?').get(runId);
    const steps = db.prepare<[string], { node_id: string; message_id: string; attempt: number; input: string | null; outputs: string | null; error: string | null; compact: string | null }>(
      'SELECT node_id, message_id, attempt, input, outputs, error, compact FROM steps WHERE run_id = ? ORDER BY seq',
    ).all(runId).map(({ compact, ...row }) => (compact === null ? row : { ...row, compact: compactSteps(compact).map(([messageId, attempt]) => [messageId, attempt]) }));
    const outputs = db.prepare('SELECT node_id, payload FROM run_outputs WHERE run_id = ? ORDER BY seq').all(runId);
    const logs = db.prepare('SELECT node_id, level, message FROM logs WHERE run_id = ? ORDER BY seq').all(runId);
    const dead = db.prepare('SELECT node_id, message_id, payload, error, attempts FROM dead_letters WHERE run_id = ? ORDER BY message_id').all(runId);
    return { run, steps, outputs, logs, dead };
  } finally {
    db.close();
  }
}

async function runBothWays(flow: FlowDocument, inputs: (ws: TempWorkspace) => TriggerInput[]): Promise<{ fused: unknown; general: unknown; contexts: number }> {
  const contexts = new Set<NodeContext>();
  const results: unknown[] = [];
  for (const executors of [observedExecutors(contexts), awaitingExecutors()]) {
    const ws = new TempWorkspace();
    workspaces.push(ws);
    const engine = await ws.open({ executors });
    const runId = await engine.startRun({ flow, inputs: inputs(ws) });
    await engine.drive(runId);
    // Run ids differ between the two workspaces: compare with the id taken out.
    results.push(JSON.parse(JSON.stringify(stored(ws, runId)).replaceAll(runId, 'RUN')));
  }
  return { fused: results[0], general: results[1], contexts: contexts.size };
}

function orderLine(index: number): string {
  return JSON.stringify({ id: `A-${index}`, country: ['nl', 'de'][index % 2], lines: [{ qty: (index % 3) + 1, price: 9.95 }, { qty: 1, price: index % 40 }] });
}

const ORDERS = 1_500;

describe('a fused chain run at once', () => {
  it('leaves what the general path leaves for map → filter → map, from a file and inline, payloads kept for each input\'s head', async () => {
    const flow = chain('orders', [
      ['in', 'trigger.manual'],
      ['toErp', 'transform.map', { expression: '{ "no": id, "total": $sum(lines.(qty * price)), "cc": country }' }],
      ['big', 'transform.filter', { condition: 'total >= 30' }],
      ['shape', 'transform.map', { expression: '{ "no": no, "amount": $round(total * 1.21, 2), "cc": $uppercase(cc), "msg": $meta.messageId }' }],
      // Past each input's head the sample is drawn from the random run id: none here, so both runs keep the same.
    ], { settings: { trace: 'sampled', traceSampleRate: 0 } });
    const { fused, general, contexts } = await runBothWays(flow, (ws) => {
      const file = ws.path('orders.jsonl');
      writeFileSync(file, `${Array.from({ length: ORDERS }, (_, index) => orderLine(index)).join('\n')}\n`);
      return [
        { triggerId: 'in', jsonlFile: file },
        { triggerId: 'in', messages: Array.from({ length: 300 }, (_, index) => JSON.parse(orderLine(index)) as unknown) },
      ];
    });
    expect(fused).toEqual(general);
    // The general path makes a context per step: 4,896 of them past the trigger here. The chain shares one per
    // node and batch, so only the 200 head messages (payloads kept, general path) make their own.
    expect(contexts).toBeLessThan(1_000);
    expect((fused as { outputs: unknown[] }).outputs.length).toBeGreaterThan(ORDERS / 2);
  });

  it('leaves what the general path leaves when messages fail, yield nothing or are routed by their error', async () => {
    // 'x' fails $number (to the error edge), 'skip' yields nothing (a log line), the rest pass through.
    const flow = chain('mixed', [
      ['in', 'trigger.manual'],
      ['num', 'transform.map', { expression: 'v = "skip" ? undefined : { "n": $number(v) }' }],
      ['odd', 'transform.filter', { condition: 'n % 2 = 1' }],
    ], { settings: { trace: 'errors' } });
    flow.nodes.push({ id: 'failed', type: 'transform.map', position: [0, 300], config: { expression: '{ "why": error.code, "v": payload.v }' } });
    flow.edges.push({ from: 'num', port: 'error', to: 'failed' });
    const values = Array.from({ length: 1_200 }, (_, index) => (index % 97 === 0 ? 'x' : index % 89 === 0 ? 'skip' : String(index)));
    const { fused, general, contexts } = await runBothWays(flow, (ws) => {
      const file = ws.path('values.jsonl');
      writeFileSync(file, `${values.map((v) => JSON.stringify({ v })).join('\n')}\n`);
      return [{ triggerId: 'in', jsonlFile: file }];
    });
    expect(fused).toEqual(general);
    expect(contexts).toBeGreaterThan(0);
    const { outputs, logs } = fused as { outputs: Array<{ node_id: string }>; logs: unknown[] };
    expect(outputs.filter((row) => row.node_id === 'failed')).toHaveLength(values.filter((v) => v === 'x').length);
    expect(logs.length).toBeGreaterThanOrEqual(values.filter((v) => v === 'skip').length);
  });

  it('leaves what the general path leaves when every message fails for good', async () => {
    const flow = chain('dead', [
      ['in', 'trigger.manual'],
      ['num', 'transform.map', { expression: '$number(v)' }],
    ]);
    const { fused, general } = await runBothWays(flow, () => [{ triggerId: 'in', messages: Array.from({ length: 50 }, (_, index) => ({ v: `x${index}` })) }]);
    expect(fused).toEqual(general);
    expect((fused as { dead: unknown[] }).dead).toHaveLength(50);
  });
});
