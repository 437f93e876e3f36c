// file.read through the real `pipewright` command: a lookup file per message (path template) into the
// payload or at a target inside it, each format; a missing file and one outside the workspace fail the
// message naming the path; a malformed file names the line.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasStackTrace, stdoutJson, Workspace } from '../cli/cli-harness.js';

interface RunJson {
  outputs: Record<string, unknown[]>;
  dead: Array<{ nodeId: string; error: { code: string; message: string } }>;
}

function fanOut(id: string, readers: Array<[string, Record<string, unknown>]>): Record<string, unknown> {
  return {
    format: 'pipewright/flow@1',
    id,
    name: id,
    nodes: [
      { id: 'in', type: 'trigger.manual', position: [0, 0], config: {} },
      ...readers.map(([nodeId, config], index) => ({ id: nodeId, type: 'file.read', position: [300, index * 120], config })),
    ],
    edges: readers.map(([to]) => ({ from: 'in', to })),
  };
}

let ws: Workspace;

beforeAll(() => {
  ws = new Workspace('pipewright-file-read-');
  ws.write('lookup/NL.json', { vat: 21 });
  ws.write('lookup/prices.csv', 'sku;price\nA;1.50\nB;2\n');
  ws.write('lookup/stock.jsonl', '{"sku":"A","qty":3}\n\n{"sku":"B","qty":0}\n');
  ws.write('lookup/feed.xml', '<?xml version="1.0"?><feed><item id="1">one</item><item id="2">two</item></feed>');
  ws.write('lookup/note.txt', 'hello\n');
  ws.write('lookup/broken.jsonl', '{"sku":"A"}\n{"sku": nope}\n');
});

afterAll(() => ws.remove());

describe('file.read', () => {
  it('reads each format into the payload, or at a target inside it', async () => {
    ws.write('flows/lookups.flow.json', fanOut('lookups', [
      ['vat', { path: 'lookup/{{ country }}.json', target: 'tax.rates' }],
      ['prices', { path: 'lookup/prices.csv', format: 'csv', delimiter: ';', dynamicTyping: true }],
      ['stock', { path: 'lookup/stock.jsonl', format: 'jsonl' }],
      ['feed', { path: 'lookup/feed.xml', format: 'xml' }],
      ['note', { path: 'lookup/note.txt', format: 'text', target: 'note' }],
    ]));
    ws.write('one.json', { orderNo: 'A-1', country: 'NL' });
    const result = await ws.run(['run', 'lookups', '--input', 'one.json', '--json']);
    expect(result.code, result.stderr).toBe(0);
    const report = stdoutJson<RunJson>(result);
    expect(report.dead).toEqual([]);
    expect(report.outputs.vat).toEqual([{ orderNo: 'A-1', country: 'NL', tax: { rates: { vat: 21 } } }]);
    expect(report.outputs.prices).toEqual([[{ sku: 'A', price: 1.5 }, { sku: 'B', price: 2 }]]);
    expect(report.outputs.stock).toEqual([[{ sku: 'A', qty: 3 }, { sku: 'B', qty: 0 }]]);
    expect(report.outputs.feed).toEqual([{ feed: { item: [{ '@_id': '1', '#text': 'one' }, { '@_id': '2', '#text': 'two' }] } }]);
    expect(report.outputs.note).toEqual([{ orderNo: 'A-1', country: 'NL', note: 'hello\n' }]);
  });

  it('fails a missing file, a file outside the workspace and a malformed file, naming the path', async () => {
    ws.write('flows/failing-reads.flow.json', fanOut('failing-reads', [
      ['missing', { path: 'lookup/{{ country }}.json' }],
      ['outside', { path: '../../etc/passwd', format: 'text' }],
      ['broken', { path: 'lookup/broken.jsonl', format: 'jsonl' }],
    ]));
    ws.write('two.json', { orderNo: 'A-2', country: 'XX' });
    const result = await ws.run(['run', 'failing-reads', '--input', 'two.json', '--json']);
    expect(hasStackTrace(result.stderr)).toBe(false);
    const report = stdoutJson<RunJson>(result);
    const byNode = new Map(report.dead.map((letter) => [letter.nodeId, letter.error]));
    expect(byNode.get('missing')).toEqual(expect.objectContaining({ code: 'FILE_NOT_FOUND', message: `${ws.path('lookup', 'XX.json')} does not exist` }));
    expect(byNode.get('outside')).toEqual(expect.objectContaining({ code: 'FILE_OUTSIDE_ROOTS' }));
    expect(byNode.get('outside')?.message).toMatch(/^\.\.\/\.\.\/etc\/passwd is outside the folders file nodes may use/);
    expect(byNode.get('broken')?.code).toBe('PARSE_INVALID');
    expect(byNode.get('broken')?.message).toMatch(/broken\.jsonl: the JSON lines text is not valid: line 2, column \d+/);
  });
});
