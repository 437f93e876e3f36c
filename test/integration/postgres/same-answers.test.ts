// The PostgreSQL store answers the operations views' reads exactly as the SQLite store does (DESIGN.md
// §4 "Stores"): the same run on both — a filter with two ports, a mapping that fails some messages —
// gives the same per-node summaries (steps, failures, messages per port, the last error), the same
// lineage of a message and the same payload search.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngineStore, NodeStepSummary } from '../../../main/engine/store/types.js';
import { postgresHarness, sqliteHarness, type StoreHarness } from '../../fixtures/engine/stores.js';
import { chain, TempWorkspace } from '../../fixtures/engine/workspace.js';
import { postgresCheck, startPostgres, type PostgresCluster } from '../../support/postgres.js';

const postgres = postgresCheck();

const flow = chain('answers', [
  ['in', 'trigger.manual'],
  ['split', 'transform.filter', { condition: 'n % 3 != 0' }],
  ['shape', 'transform.map', { expression: 'n % 5 = 0 ? $error("five of " & tag) : { "n": n, "tag": tag }' }],
], { edges: [{ from: 'split', port: 'rejected', to: 'shape' }], settings: { trace: 'full' } });

describe.skipIf(!postgres.present)('the same answers from both stores', () => {
  let cluster: PostgresCluster;
  const workspaces: TempWorkspace[] = [];
  beforeAll(async () => {
    cluster = await startPostgres();
  }, 120_000);
  afterAll(async () => {
    for (const ws of workspaces) await ws.remove();
    await cluster?.stop();
  });

  async function answers(harness: StoreHarness): Promise<{ summaries: unknown; lineage: string[]; hits: number }> {
    const ws = new TempWorkspace(harness);
    workspaces.push(ws);
    const engine = await ws.open();
    const runId = await engine.startRun({ flow, inputs: [{ triggerId: 'in', messages: Array.from({ length: 30 }, (_, n) => ({ n, tag: `needle-${n}` })) }] });
    await engine.drive(runId);
    const store: EngineStore = await ws.store();
    const summaries = (await store.traces.nodeSummaries(runId))
      .map(({ nodeId, steps, errors, emittedByPort, failedMessages, lastError }: NodeStepSummary) => ({ nodeId, steps, errors, emittedByPort, failedMessages, lastError }))
      .sort((a, b) => a.nodeId.localeCompare(b.nodeId));
    const [first] = await store.traces.steps(runId, { nodeId: 'in', limit: 1 });
    const lineage = (await store.traces.lineage(runId, first!.messageId, 100)).map((step) => `${step.nodeId}:${step.messageId.slice(runId.length)}`);
    const search = await store.traces.searchPayloads!('needle-7"', { scanSteps: 10_000 });
    return { summaries, lineage, hits: search.runIds.filter((id) => id === runId).length };
  }

  it('sums steps per node, follows a message and finds a payload as SQLite does', async () => {
    const onPostgres = await answers(postgresHarness(() => cluster));
    const onSqlite = await answers(sqliteHarness);
    expect(onPostgres).toEqual(onSqlite);
    // And the answers say something: two ports used, failures counted, the search found the run.
    const split = (onSqlite.summaries as Array<{ nodeId: string; emittedByPort: Record<string, number> }>).find((sum) => sum.nodeId === 'split');
    expect(Object.keys(split?.emittedByPort ?? {}).sort()).toEqual(['out', 'rejected']);
    expect(onSqlite.hits).toBe(1);
    const shape = (onSqlite.summaries as Array<{ nodeId: string; failedMessages: number; lastError?: string }>).find((sum) => sum.nodeId === 'shape');
    expect(shape?.failedMessages).toBeGreaterThan(0);
    expect(shape?.lastError).toContain('five of');
  });
});
