// `pipewright test` with stand-ins: a node that reaches outside (http.request, file.write) is replaced
// by the payloads the test gives, so the test calls no API and writes no file, yet a wrong expectation
// still fails; an ordinary `pipewright run` of the same flow does call the API. The nightly-export
// example passes its test the same way.
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chainFlow, EXAMPLES, stdoutJson, Workspace } from '../cli/cli-harness.js';
import { startCountingApi, type CountingApi } from './counting-api.js';

let api: CountingApi;
let ws: Workspace;

beforeAll(async () => {
  api = await startCountingApi();
  ws = new Workspace();
  ws.write('flows/to-erp.flow.json', chainFlow('to-erp', [
    ['orders', 'trigger.manual'],
    ['erp', 'http.request', { method: 'POST', url: `${api.url}/orders` }],
    ['receipt', 'transform.map', { expression: '{ "erpStatus": status }' }],
    ['archive', 'file.write', { dir: 'archive', name: 'receipt.json', format: 'json', mode: 'create' }],
  ], {
    tests: [
      {
        name: 'the ERP accepts the order',
        input: { orders: [{ id: 'A-1' }] },
        standIns: { erp: [{ status: 'created' }], archive: [{ path: 'archive/receipt.json', bytes: 24 }] },
        expect: { receipt: [{ erpStatus: 'created' }], archive: [{ path: 'archive/receipt.json', bytes: 24 }] },
      },
      {
        name: 'expects a status the stand-in does not give',
        input: { orders: [{ id: 'A-2' }] },
        standIns: { erp: [{ status: 'created' }], archive: [] },
        expect: { receipt: [{ erpStatus: 'rejected' }] },
      },
    ],
  }));
});

afterAll(async () => {
  ws?.remove();
  await api?.close();
});

describe('pipewright test with stand-ins', () => {
  it('replaces the stood-in nodes: no HTTP call, no file, and a wrong expectation still fails', async () => {
    const result = await ws.run(['test', 'to-erp']);
    expect(result.code, result.stdout + result.stderr).toBe(1);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('✓ to-erp › the ERP accepts the order');
    expect(lines[1]).toBe('✗ to-erp › expects a status the stand-in does not give');
    expect(lines).toContain('    receipt[0].erpStatus: expected "rejected", got "created"');
    expect(lines.at(-1)).toBe('1 passed, 1 failed');
    expect(api.calls).toBe(0);
    expect(existsSync(ws.path('archive'))).toBe(false);
  });

  it('never uses stand-ins outside tests: pipewright run calls the API and writes the file', async () => {
    ws.write('order.json', [{ id: 'A-3' }]);
    const result = await ws.run(['run', 'to-erp', '--input', 'order.json', '--json']);
    expect(result.code, result.stderr).toBe(0);
    expect(stdoutJson<{ outputs: Record<string, unknown[]> }>(result).outputs.archive).toEqual([{ path: ws.path('archive/receipt.json'), bytes: expect.any(Number) as number }]);
    expect(api.calls).toBe(1);
  });

  it('passes the nightly-export example, which stands in for its API and its file', async () => {
    const result = await ws.run(['test', `${EXAMPLES}/nightly-export.flow.json`]);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toContain('✓ nightly-export › two pages of orders become export records, appended to the day file');
    expect(existsSync(ws.path('exports'))).toBe(false);
  });
});
