// file.write through the real `pipewright` command: each format written where the name template says,
// `create` refusing a file that exists, `append` growing JSON lines and CSV (header once); every way
// out of the workspace (`..`, an absolute path, a symbolic link) refused with nothing written; bad
// configs refused by `validate` at the field's path. And through the engine: a second allowed root.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasStackTrace, stdoutJson, Workspace } from '../cli/cli-harness.js';
import { chain, TempWorkspace } from '../../fixtures/engine/workspace.js';

interface RunJson {
  status: string;
  outputs: Record<string, unknown[]>;
  dead: Array<{ nodeId: string; error: { code: string; message: string; location?: { path?: string } } }>;
}

/** A manual trigger feeding each writer directly. */
function fanOut(id: string, writers: Array<[string, Record<string, unknown>]>): Record<string, unknown> {
  return {
    format: 'pipewright/flow@1',
    id,
    name: id,
    nodes: [
      { id: 'in', type: 'trigger.manual', position: [0, 0], config: {} },
      ...writers.map(([nodeId, config], index) => ({ id: nodeId, type: 'file.write', position: [300, index * 120], config })),
    ],
    edges: writers.map(([to]) => ({ from: 'in', to })),
  };
}

const orders = [
  { orderNo: 'A-1', customer: 'ada', total: 12.5 },
  { orderNo: 'A-2', customer: 'grace', total: 7 },
];

let ws: Workspace;
let outside: string;

beforeAll(() => {
  ws = new Workspace('pipewright-file-write-');
  outside = mkdtempSync(join(tmpdir(), 'pipewright-outside-'));
  ws.write('orders.jsonl', orders.map((order) => JSON.stringify(order)).join('\n'));
});

afterAll(() => {
  ws.remove();
  rmSync(outside, { recursive: true, force: true });
});

describe('file.write', () => {
  it('writes JSON, JSON lines, CSV and XML files; create refuses an existing file, append grows it', async () => {
    ws.write('flows/export.flow.json', fanOut('export', [
      ['json', { dir: 'out', name: 'order-{{ orderNo }}.json' }],
      ['lines', { dir: 'out', name: 'orders.jsonl', format: 'jsonl', mode: 'append' }],
      ['rows', { dir: 'out', name: 'orders.csv', format: 'csv', mode: 'append', delimiter: ';', content: '{ "orderNo": orderNo, "total": total }' }],
      ['xml', { dir: 'out/xml', name: '{{ orderNo }}.xml', format: 'xml', mode: 'overwrite', root: 'order' }],
    ]));
    const first = await ws.run(['run', 'export', '--input', 'orders.jsonl', '--jsonl', '--json']);
    expect(first.code, first.stderr).toBe(0);
    const report = stdoutJson<RunJson>(first);
    expect(report.dead).toEqual([]);
    expect(report.outputs.json).toEqual([
      { path: ws.path('out', 'order-A-1.json'), bytes: Buffer.byteLength(`${JSON.stringify(orders[0], null, 2)}\n`) },
      { path: ws.path('out', 'order-A-2.json'), bytes: expect.any(Number) },
    ]);
    expect(JSON.parse(readFileSync(ws.path('out', 'order-A-1.json'), 'utf8'))).toEqual(orders[0]);
    expect(readFileSync(ws.path('out', 'orders.jsonl'), 'utf8')).toBe(orders.map((order) => `${JSON.stringify(order)}\n`).join(''));
    expect(readFileSync(ws.path('out', 'orders.csv'), 'utf8')).toBe('orderNo;total\nA-1;12.5\nA-2;7\n');
    expect(readFileSync(ws.path('out', 'xml', 'A-2.xml'), 'utf8')).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<order>\n  <orderNo>A-2</orderNo>\n  <customer>grace</customer>\n  <total>7</total>\n</order>\n',
    );
    // Temporary files of the atomic write are gone.
    expect(readdirSync(ws.path('out')).sort()).toEqual(['order-A-1.json', 'order-A-2.json', 'orders.csv', 'orders.jsonl', 'xml']);

    const second = await ws.run(['run', 'export', '--input', 'orders.jsonl', '--jsonl', '--json']);
    const again = stdoutJson<RunJson>(second);
    expect(again.dead.map((letter) => [letter.nodeId, letter.error.code])).toEqual([['json', 'FILE_EXISTS'], ['json', 'FILE_EXISTS']]);
    expect(again.dead[0]?.error.message).toMatch(/order-A-\d\.json already exists .*mode "overwrite" or "append"/);
    expect(readFileSync(ws.path('out', 'orders.jsonl'), 'utf8').trimEnd().split('\n')).toHaveLength(4);
    expect(readFileSync(ws.path('out', 'orders.csv'), 'utf8')).toBe('orderNo;total\nA-1;12.5\nA-2;7\nA-1;12.5\nA-2;7\n');
  });

  it('refuses ../outside, an absolute path outside and a symbolic link leading out, writing nothing', async () => {
    mkdirSync(ws.path('links'), { recursive: true });
    symlinkSync(outside, ws.path('links', 'out'));
    ws.write('flows/escape.flow.json', fanOut('escape', [
      ['dotdot', { dir: '../outside', name: '{{ orderNo }}.json' }],
      ['absolute', { dir: outside, name: '{{ orderNo }}.json' }],
      ['symlink', { dir: 'links/out', name: '{{ orderNo }}.json' }],
      ['byName', { dir: 'out', name: '../../{{ orderNo }}.json', mode: 'overwrite' }],
    ]));
    const result = await ws.run(['run', 'escape', '--input', 'orders.jsonl', '--jsonl', '--json']);
    expect(hasStackTrace(result.stderr)).toBe(false);
    const report = stdoutJson<RunJson>(result);
    expect(report.outputs).toEqual({});
    const byNode = new Map(report.dead.map((letter) => [letter.nodeId, letter.error]));
    expect([...byNode.keys()].sort()).toEqual(['absolute', 'byName', 'dotdot', 'symlink']);
    for (const error of byNode.values()) {
      expect(error.code).toBe('FILE_OUTSIDE_ROOTS');
      expect(error.message).toMatch(/is outside the folders file nodes may use/);
    }
    expect(report.dead.every((letter) => (letter as { attempts?: number }).attempts === 1)).toBe(true);
    expect(readdirSync(outside)).toEqual([]);
    expect(readdirSync(join(ws.dir, '..')).filter((name) => /^A-\d\.json$/.test(name))).toEqual([]);
  });

  it('refuses bad configs in validate at the field path', async () => {
    ws.write('flows/bad-writers.flow.json', fanOut('bad-writers', [
      ['appendJson', { dir: 'out', name: 'a.json', format: 'json', mode: 'append' }],
      ['noName', { dir: 'out' }],
      ['yaml', { dir: 'out', name: 'a.yaml', format: 'yaml' }],
      ['badTemplate', { dir: 'out', name: 'order-{{ orderNo .json' }],
      ['badRoot', { dir: 'out', name: 'a.xml', format: 'xml', root: '1st' }],
    ]));
    const result = await ws.run(['validate', 'bad-writers']);
    expect(result.code).toBe(2);
    expect(hasStackTrace(result.stderr)).toBe(false);
    // `FILE:PATH CODE message`, or `FILE:PATH:RANGE CODE message` for an expression.
    const line = (path: string): string | undefined => result.stderr.split('\n').find((text) => text.includes(`:${path} `) || text.includes(`:${path}:`));
    expect(line('nodes[1].config.mode')).toMatch(/INVALID_CONFIG a json file is one document and cannot be appended to/);
    expect(line('nodes[2].config.name')).toMatch(/INVALID_CONFIG/);
    expect(line('nodes[3].config.format')).toMatch(/INVALID_CONFIG/);
    expect(line('nodes[4].config.name')).toMatch(/:7-22 JSONATA_SYNTAX Unclosed "\{\{" in template/);
    expect(line('nodes[5].config.root')).toMatch(/INVALID_CONFIG an XML element name/);
  });
});

describe('file.write through the engine', () => {
  let temp: TempWorkspace;
  let exports: string;

  beforeAll(() => {
    temp = new TempWorkspace();
    exports = mkdtempSync(join(tmpdir(), 'pipewright-exports-'));
  });

  afterAll(async () => {
    await temp.remove();
    rmSync(exports, { recursive: true, force: true });
  });

  it('writes inside a second allowed root given by the host, and still nowhere else', async () => {
    const engine = await temp.open({ fileRoots: [temp.dir, exports] });
    const flow = chain('to-exports', [['in', 'trigger.manual'], ['write', 'file.write', { dir: exports, name: 'day-{{ day }}.jsonl', format: 'jsonl', mode: 'append' }]]);
    const runId = await engine.startRun({ flow, inputs: [{ triggerId: 'in', messages: [{ day: 1, n: 1 }, { day: 1, n: 2 }, { day: 2, n: 3 }] }] });
    const report = await engine.drive(runId);
    expect(report.dead).toEqual([]);
    expect(readFileSync(join(exports, 'day-1.jsonl'), 'utf8')).toBe('{"day":1,"n":1}\n{"day":1,"n":2}\n');
    expect(readdirSync(exports).sort()).toEqual(['day-1.jsonl', 'day-2.jsonl']);
  });
});
