// transform.serialize on the real engine and SQLite store (each format, its options and what it cannot
// write), round trips parse → serialize → parse, and the same through the real `pipewright` command.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine, RunReport } from '../../../main/engine/index.js';
import { chain, TempWorkspace } from '../../fixtures/engine/workspace.js';
import { stdoutJson, Workspace } from '../cli/cli-harness.js';

let ws: TempWorkspace;
let engine: Engine;

beforeAll(async () => {
  ws = new TempWorkspace();
  engine = await ws.open();
});
afterAll(() => ws.remove());

/** Runs trigger → transform.serialize(config) over the messages. */
async function serialize(config: Record<string, unknown>, messages: unknown[]): Promise<RunReport> {
  const flow = chain('serialize', [['in', 'trigger.manual'], ['text', 'transform.serialize', config]]);
  return engine.drive(await engine.startRun({ flow, inputs: [{ triggerId: 'in', messages }] }));
}

describe('transform.serialize: CSV', () => {
  it('writes a header from the union of the rows\' keys in first-seen order, quoting where needed', async () => {
    const rows = [{ id: 1, name: 'Smith, J.' }, { id: 2, note: 'said "hi"', name: null }, { id: 3, tags: ['a', 'b'], ok: true }];
    const report = await serialize({ format: 'csv' }, [rows]);
    expect(report.dead).toEqual([]);
    expect(report.outputs.text).toEqual([
      'id,name,note,tags,ok\r\n1,"Smith, J.",,,\r\n2,,"said ""hi""",,\r\n3,,,"[""a"",""b""]",true',
    ]);
  });

  it('takes the delimiter, line ending and header switch, writes one object as one row and arrays as they are', async () => {
    const report = await serialize({ format: 'csv', from: 'rows', delimiter: ';', newline: 'lf', header: false }, [
      { rows: [{ a: '1;2', b: 'x' }, { b: 'y' }] },
      { rows: { a: 1, b: 2 } },
      { rows: [['a', 'b'], [1, null]] },
      { rows: [] },
    ]);
    expect(report.outputs.text).toEqual(['"1;2";x\n;y', '1;2', 'a;b\n1;', '']);
  });

  it('dead-letters data that is no rows', async () => {
    const report = await serialize({ format: 'csv' }, ['just text', [{ a: 1 }, 2]]);
    expect(report.dead.map((dead) => dead.error)).toEqual([
      { code: 'SERIALIZE_INVALID', message: 'CSV is written from an array of rows (objects or arrays) or one object, not the string "just text"' },
      { code: 'SERIALIZE_INVALID', message: 'CSV rows must all be objects or all be arrays; row 2 is the number 2' },
    ]);
  });
});

describe('transform.serialize: XML, JSON lines, JSON', () => {
  it('writes the data inside the root element: @_ keys as attributes, #text as text, arrays as repeated elements', async () => {
    const order = { '@_id': 'A-7', customer: 'Ada & Co', line: [{ '@_sku': 'X', '#text': 'Widget' }, { '@_sku': 'Y', '#text': 'Gadget' }], total: 12.5, paid: false, note: null };
    const report = await serialize({ format: 'xml', root: 'order' }, [order]);
    expect(report.outputs.text).toEqual([
      '<?xml version="1.0" encoding="UTF-8"?><order id="A-7"><customer>Ada &amp; Co</customer><line sku="X">Widget</line><line sku="Y">Gadget</line><total>12.5</total><paid>false</paid><note/></order>',
    ]);
    const pretty = await serialize({ format: 'xml', pretty: true, declaration: false }, [[{ n: 1 }, { n: 2 }]]);
    expect(pretty.outputs.text).toEqual(['<root>\n  <item>\n    <n>1</n>\n  </item>\n  <item>\n    <n>2</n>\n  </item>\n</root>\n']);
  });

  it('dead-letters keys that are no XML names and arrays inside arrays, naming where', async () => {
    const report = await serialize({ format: 'xml' }, [{ orders: [{ 'first name': 'Ada' }] }, { matrix: [[1, 2]] }, { '@_id': { nested: true } }]);
    expect(report.dead.map((dead) => dead.error)).toEqual([
      { code: 'SERIALIZE_INVALID', message: 'the key "first name" at orders[0] is not a valid XML element name (letters, digits, "_", "-", ".", ":"; not starting with a digit); rename it first, e.g. with transform.map' },
      { code: 'SERIALIZE_INVALID', message: 'XML has no form for an array inside an array (at matrix[0])' },
      { code: 'SERIALIZE_INVALID', message: '["@_id"] is an object, but an attribute or element text must be a string, number, boolean or null' },
    ]);
  });

  it('writes JSON lines, one value per line, and JSON compact or pretty', async () => {
    const lines = await serialize({ format: 'jsonl' }, [[{ id: 1 }, 'two', null], { id: 3 }]);
    expect(lines.outputs.text).toEqual(['{"id":1}\n"two"\nnull\n', '{"id":3}\n']);
    const json = await serialize({ format: 'json', from: 'order' }, [{ order: { id: 1, lines: [2] } }]);
    const pretty = await serialize({ format: 'json', pretty: true }, [{ id: 1 }]);
    expect([...(json.outputs.text ?? []), ...(pretty.outputs.text ?? [])]).toEqual(['{"id":1,"lines":[2]}', '{\n  "id": 1\n}']);
  });

  it('dead-letters a from that yields nothing', async () => {
    const report = await serialize({ format: 'json', from: 'missing' }, [{ id: 1 }]);
    expect(report.dead[0]?.error).toEqual({ code: 'SERIALIZE_INVALID', message: 'JSON is written from data, but there is nothing (from yielded no value)' });
  });
});

describe('round trips: parse → serialize → parse gives the same data', () => {
  /** in → first (parse) → copy (output.log) and → write (serialize) → again (parse); copy and again are terminal. */
  function roundTrip(id: string, format: string, writeConfig: Record<string, unknown>): ReturnType<typeof chain> {
    const flow = chain(id, [['in', 'trigger.manual'], ['first', 'transform.parse', { format }], ['write', 'transform.serialize', { format, ...writeConfig }], ['again', 'transform.parse', { format }]]);
    flow.nodes.push({ id: 'copy', type: 'output.log', position: [400, 200], config: { level: 'debug' } });
    flow.edges.push({ from: 'first', to: 'copy' });
    return flow;
  }

  it('round-trips XML with attributes, repeated elements, entities and empty elements', async () => {
    const xml = '<order id="A-7" channel="web"><customer vip="true">Ada &amp; Co &lt;NL&gt;</customer><line sku="X" qty="2">Widget</line><line sku="Y" qty="1">Gadget</line><address><street>Main 1</street><zip>007</zip></address><note/></order>';
    for (const pretty of [false, true]) {
      const flow = roundTrip(`xml-${pretty}`, 'xml', { from: 'order', root: 'order', pretty });
      const report = await engine.drive(await engine.startRun({ flow, inputs: [{ triggerId: 'in', messages: [xml] }] }));
      expect(report.dead).toEqual([]);
      expect(report.outputs.again).toEqual(report.outputs.copy);
      expect(report.outputs.again?.[0]).toMatchObject({ order: { '@_id': 'A-7', customer: { '@_vip': 'true', '#text': 'Ada & Co <NL>' }, address: { zip: '007' }, note: '' } });
    }
  });

  it('round-trips JSON lines and CSV', async () => {
    const jsonl = roundTrip('jsonl', 'jsonl', {});
    const lines = '{"id":1,"tags":["a"],"note":"line\\nbreak"}\n"text"\n42\nnull\n{"nested":{"deep":[1,{"x":true}]}}\n';
    const report = await engine.drive(await engine.startRun({ flow: jsonl, inputs: [{ triggerId: 'in', messages: [lines] }] }));
    expect(report.outputs.again).toEqual(report.outputs.copy);
    expect(report.outputs.again?.[0]).toHaveLength(5);
    const csv = roundTrip('csv', 'csv', {});
    const table = 'id,name,note\r\n1,"Smith, J.","said ""hi"""\r\n2,Ada,"two\nlines"\r\n3,,\r\n';
    const rows = await engine.drive(await engine.startRun({ flow: csv, inputs: [{ triggerId: 'in', messages: [table] }] }));
    expect(rows.outputs.again).toEqual(rows.outputs.copy);
    expect(rows.outputs.again?.[0]).toHaveLength(3);
  });
});

describe('transform.serialize through the pipewright command', () => {
  const cli = new Workspace();
  afterAll(() => cli.remove());

  it('writes each format in one run --json, and round-trips XML and JSON lines', async () => {
    const writers: Array<[string, Record<string, unknown>]> = [
      ['csv', { format: 'csv', from: 'rows', newline: 'lf' }],
      ['xml', { format: 'xml', from: 'order', root: 'order', declaration: false }],
      ['jsonl', { format: 'jsonl', from: 'rows' }],
      ['json', { format: 'json', from: 'order' }],
    ];
    const nodes: Array<Record<string, unknown>> = [{ id: 'in', type: 'trigger.manual', position: [0, 0], config: {} }];
    const edges: Array<Record<string, unknown>> = [];
    writers.forEach(([id, config], index) => {
      nodes.push({ id, type: 'transform.serialize', position: [260, index * 150], config });
      edges.push({ from: 'in', to: id });
    });
    // Round trips: the XML and JSON-lines texts written above, parsed back.
    nodes.push({ id: 'xmlBack', type: 'transform.parse', position: [520, 150], config: { format: 'xml' } });
    nodes.push({ id: 'jsonlBack', type: 'transform.parse', position: [520, 300], config: { format: 'jsonl' } });
    edges.push({ from: 'xml', to: 'xmlBack' }, { from: 'jsonl', to: 'jsonlBack' });
    cli.write('flows/export.flow.json', { format: 'pipewright/flow@1', id: 'export', name: 'export', nodes, edges });
    const order = { '@_id': '7', customer: 'Ada & Co', line: [{ '@_sku': 'A-1', '#text': '2' }, { '@_sku': 'B-2', '#text': '5' }] };
    const rows = [{ sku: 'A-1', qty: 2 }, { sku: 'B,2', qty: 5, note: 'rush' }];
    cli.write('message.json', { order, rows });
    const result = await cli.run(['run', 'export', '--input', 'message.json', '--json']);
    expect(result.code, result.stderr).toBe(0);
    const report = stdoutJson<RunReport>(result);
    expect(report.status).toBe('succeeded');
    expect(report.outputs).toEqual({
      csv: ['sku,qty,note\nA-1,2,\n"B,2",5,rush'],
      json: [JSON.stringify(order)],
      xmlBack: [{ order }],
      jsonlBack: [rows],
    });
  });

  it('validate names the field of a bad config', async () => {
    const flow = {
      format: 'pipewright/flow@1',
      id: 'bad',
      name: 'bad',
      nodes: [
        { id: 'in', type: 'trigger.manual', position: [0, 0], config: {} },
        { id: 'text', type: 'transform.serialize', position: [260, 0], config: { format: 'yaml', root: '1st', newline: 'cr' } },
      ],
      edges: [{ from: 'in', to: 'text' }],
    };
    cli.write('flows/bad.flow.json', flow);
    const result = await cli.run(['validate', 'bad']);
    expect(result.code).toBe(2);
    expect(result.stderr.trimEnd().split('\n')).toEqual(expect.arrayContaining([
      'flows/bad.flow.json:nodes[1].config.format INVALID_CONFIG the format is one of "csv", "xml", "jsonl", "json"',
      'flows/bad.flow.json:nodes[1].config.root INVALID_CONFIG an XML element name: letters, digits, "_", "-", "." and ":", starting with a letter or "_"',
      'flows/bad.flow.json:nodes[1].config.newline INVALID_CONFIG the newline is "crlf" or "lf"',
    ]));
  });
});
