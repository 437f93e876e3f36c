// Stand-ins on the engine and through the designer's contract: the designer's Run tests (flows.test)
// calls no API for a stood-in node; a test run's stand-ins are stored with it, so resuming the run in
// a new engine still calls no API; and only test runs take stand-ins.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FlowDocument } from '../../../shared/flow/schema.js';
import { openEngine } from '../../../main/engine/index.js';
import { ApiWorkspace } from '../api/api-workspace.js';
import { startCountingApi, type CountingApi } from './counting-api.js';

let api: CountingApi;
const folders: string[] = [];

beforeAll(async () => {
  api = await startCountingApi();
});

afterAll(async () => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
  await api?.close();
});

function toErpFlow(): FlowDocument {
  return {
    format: 'pipewright/flow@1',
    id: 'to-erp',
    name: 'To ERP',
    nodes: [
      { id: 'orders', type: 'trigger.manual', position: [0, 0], config: {} },
      { id: 'erp', type: 'http.request', position: [260, 0], config: { method: 'POST', url: `${api.url}/orders` } },
      { id: 'receipt', type: 'transform.map', position: [520, 0], config: { expression: '{ "erpStatus": status }' } },
    ],
    edges: [{ from: 'orders', to: 'erp' }, { from: 'erp', to: 'receipt' }],
    tests: [{ name: 'the ERP accepts both orders', input: { orders: [{ id: 'A-1' }, { id: 'A-2' }] }, standIns: { erp: [{ status: 'created' }] }, expect: { receipt: [{ erpStatus: 'created' }, { erpStatus: 'created' }] } }],
  };
}

function workspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'pipewright-stand-ins-'));
  mkdirSync(join(dir, 'flows'));
  folders.push(dir);
  return dir;
}

describe('stand-ins', () => {
  it('pass the designer\'s flow tests (flows.test) without calling the API', async () => {
    const ws = new ApiWorkspace();
    try {
      const before = api.calls;
      const answer = await ws.service['flows.test']({ document: toErpFlow() });
      expect(answer.results.map((result) => [result.name, result.passed])).toEqual([['the ERP accepts both orders', true]]);
      expect(api.calls).toBe(before);
    } finally {
      await ws.remove();
    }
  });

  it('are kept with a test run: resumed by a new engine, the run still calls no API', async () => {
    const dir = workspace();
    const first = openEngine({ workspace: dir });
    const runId = await first.startRun({ flow: toErpFlow(), kind: 'test', inputs: [{ triggerId: 'orders', messages: [{ id: 'A-1' }] }], standIns: { erp: [{ status: 'created' }, { status: 'queued' }] } });
    await first.close();
    const before = api.calls;
    const second = openEngine({ workspace: dir });
    try {
      const report = await second.resume(runId);
      expect(report.dead).toEqual([]);
      expect((await second.emissions(runId)).receipt).toEqual([{ erpStatus: 'created' }, { erpStatus: 'queued' }]);
      expect(api.calls).toBe(before);
    } finally {
      await second.close();
    }
  });

  it('are refused for a run that is not a test, and for a node the flow does not have', async () => {
    const engine = openEngine({ workspace: workspace() });
    try {
      const inputs = [{ triggerId: 'orders', messages: [{ id: 'A-1' }] }];
      await expect(engine.startRun({ flow: toErpFlow(), kind: 'run', inputs, standIns: { erp: [] } })).rejects.toThrow('stand-ins replace nodes in test runs only, not in a run of kind "run"');
      await expect(engine.startRun({ flow: toErpFlow(), kind: 'test', inputs, standIns: { erpp: [] } })).rejects.toMatchObject({ code: 'UNKNOWN_TEST_NODE' });
      expect(await engine.listRuns()).toEqual([]);
    } finally {
      await engine.close();
    }
  });
});
