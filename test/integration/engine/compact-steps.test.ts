// Counts-only steps share one compact row per node and commit in the SQLite store
// (main/engine/store/sqlite/step-rows.ts). Their message ids share a long prefix, so the row stores it
// once; rows written in the older form (an array of [messageId, attempt, startedAt, durationMs]) are
// still read the same by every trace read.
import { writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openStateDatabase, stateDatabasePath } from '../../../main/engine/store/sqlite/database.js';
import { compactSteps, StepRowWriter } from '../../../main/engine/store/sqlite/step-rows.js';
import { chain, TempWorkspace } from '../../fixtures/engine/workspace.js';

const MESSAGES = 2_000;

const ws = new TempWorkspace();
afterAll(() => ws.remove());

describe('compact step rows', () => {
  it('store a counts-only step in about twenty characters, and read back every step of every message and every output in order', async () => {
    const input = ws.path('orders.jsonl');
    writeFileSync(input, `${Array.from({ length: MESSAGES }, (_, index) => JSON.stringify({ v: index % 10 === 0 ? 'x' : String(index) })).join('\n')}\n`);
    const flow = chain('orders', [['in', 'trigger.manual'], ['m', 'transform.map', { expression: '{ "n": $number(v) }' }]], { settings: { trace: 'errors' } });
    const engine = await ws.open();
    const runId = await engine.startRun({ flow, inputs: [{ triggerId: 'in', jsonlFile: input }] });
    await engine.drive(runId);

    const db = new Database(stateDatabasePath(ws.dir));
    try {
      const rows = db.prepare<[string], { seq: number; compact: string }>('SELECT seq, compact FROM steps WHERE run_id = ? AND compact IS NOT NULL').all(runId);
      const packed = rows.map((row) => ({ ...row, steps: compactSteps(row.compact) }));
      const stepsPacked = packed.reduce((sum, row) => sum + row.steps.length, 0);
      // Every trigger step and the 90% of map steps that succeeded.
      expect(stepsPacked).toBe(MESSAGES + MESSAGES * 0.9);
      expect(rows.every((row) => row.compact.startsWith('{"p":'))).toBe(true);
      expect(rows.reduce((sum, row) => sum + row.compact.length, 0) / stepsPacked).toBeLessThan(25);

      const store = await ws.store();
      const before = {
        traces: await engine.traces(runId, { limit: 10 * MESSAGES }),
        page: await store.traces.stepPage(runId, { nodeId: 'm', limit: 10 * MESSAGES }),
        summaries: await store.traces.nodeSummaries(runId),
      };
      const mapSteps = before.traces.filter((step) => step.nodeId === 'm');
      expect(new Set(mapSteps.map((step) => step.messageId)).size).toBe(MESSAGES);
      expect(mapSteps.filter((step) => step.error !== undefined)).toHaveLength(MESSAGES / 10);
      expect(before.summaries.find((sum) => sum.nodeId === 'm')).toMatchObject({ steps: MESSAGES, errors: MESSAGES / 10, messages: MESSAGES, failedMessages: MESSAGES / 10 });

      // The same steps in the form older databases hold: every read answers the same.
      const rewrite = db.prepare<[string, number]>('UPDATE steps SET compact = ? WHERE seq = ?');
      for (const row of packed) rewrite.run(JSON.stringify(row.steps), row.seq);
      expect(await engine.traces(runId, { limit: 10 * MESSAGES })).toEqual(before.traces);
      expect(await store.traces.stepPage(runId, { nodeId: 'm', limit: 10 * MESSAGES })).toEqual(before.page);
      expect(await store.traces.nodeSummaries(runId)).toEqual(before.summaries);

      // Terminal outputs go in multi-row INSERTs: all of them, in the order of the input.
      const outputs = await store.runs.outputs(runId, 10 * MESSAGES);
      const expected = Array.from({ length: MESSAGES }, (_, index) => index).filter((index) => index % 10 !== 0).map((index) => ({ n: index }));
      expect(outputs.map((output) => JSON.parse(output.payload) as unknown)).toEqual(expected);
    } finally {
      db.close();
    }
  });

  it('keep message ids that need escaping in JSON intact (a timer key is any text)', () => {
    const db = openStateDatabase(ws.path('escapes'));
    try {
      const writer = new StepRowWriter(db);
      const ids = ['r1/timer/win/a "quoted" key', 'r1/timer/win/back\\slash', 'r1/timer/win/tab\there', 'r1/timer/win/lone \ud83d', 'r1/timer/win/é€😀'];
      ids.forEach((messageId, index) => writer.add('r1', { nodeId: 'win', messageId, attempt: 1, startedAt: 1_000 + index, durationMs: 0.25, input: null, outputs: null, error: null }));
      writer.flush('r1');
      const row = db.prepare<[], { compact: string }>('SELECT compact FROM steps WHERE compact IS NOT NULL').get();
      expect(compactSteps(row?.compact ?? '[]')).toEqual(ids.map((messageId, index) => [messageId, 1, 1_000 + index, 0.25]));
    } finally {
      db.close();
    }
  });
});
