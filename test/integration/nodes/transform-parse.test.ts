// transform.parse on the real engine and SQLite store (each format, its options and its failures), then
// through the real `pipewright` command: run --json, a malformed CSV row dead-lettered, validate.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_TEXT_CHARS } from '../../../shared/catalog/kinds/transform-parse.js';
import type { Engine, RunReport } from '../../../main/engine/index.js';
import { parseText } from '../../../main/engine/nodes/formats/index.js';
import { chain, TempWorkspace } from '../../fixtures/engine/workspace.js';
import { stdoutJson, Workspace } from '../cli/cli-harness.js';

let ws: TempWorkspace;
let engine: Engine;

beforeAll(async () => {
  ws = new TempWorkspace();
  engine = await ws.open();
});
afterAll(() => ws.remove());

/** Runs trigger → transform.parse(config) over the messages. */
async function parse(config: Record<string, unknown>, messages: unknown[]): Promise<RunReport> {
  const flow = chain('parse', [['in', 'trigger.manual'], ['parsed', 'transform.parse', config]]);
  return engine.drive(await engine.startRun({ flow, inputs: [{ triggerId: 'in', messages }] }));
}

describe('transform.parse: CSV', () => {
  it('reads a header row into row objects whose values stay strings, honouring quotes and skipping empty lines', async () => {
    const csv = '\uFEFFid,name,note\r\n1,"Smith, J.","said ""hi"""\r\n\r\n2,Ada,"two\r\nlines"\r\n   \r\n3,,007\r\n';
    const report = await parse({ format: 'csv' }, [csv]);
    expect(report.dead).toEqual([]);
    expect(report.outputs.parsed).toEqual([[
      { id: '1', name: 'Smith, J.', note: 'said "hi"' },
      { id: '2', name: 'Ada', note: 'two\r\nlines' },
      { id: '3', name: '', note: '007' },
    ]]);
  });

  it('guesses the delimiter, takes a given one, reads rows as arrays without a header, and types values when asked', async () => {
    const report = await parse({ format: 'csv', from: 'text', header: false, delimiter: '|' }, [{ text: 'a|b\n1|x,y\n' }]);
    expect(report.outputs.parsed).toEqual([[['a', 'b'], ['1', 'x,y']]]);
    const guessed = await parse({ format: 'csv' }, ['sku;qty\nA-1;2\nB-2;5\n']);
    expect(guessed.outputs.parsed).toEqual([[{ sku: 'A-1', qty: '2' }, { sku: 'B-2', qty: '5' }]]);
    const typed = await parse({ format: 'csv', dynamicTyping: true }, ['n,ok,empty,code,at\n1.5,TRUE,,abc,2024-03-05T10:00:00+01:00\n']);
    expect(typed.outputs.parsed).toEqual([[{ n: 1.5, ok: true, empty: null, code: 'abc', at: '2024-03-05T09:00:00.000Z' }]]);
  });

  it('refuses the whole text at a malformed row, naming the row and its line', async () => {
    const report = await parse({ format: 'csv' }, [
      'id,name\n1,a\n\n2,b,extra\n3,c\n',
      'id,name\n1,a\n2\n',
      'id,name\n1,"a\n2,b\n',
      'id,id\n1,2\n',
      'a,b\n1,2\n3\n',
    ]);
    expect(report.outputs.parsed ?? []).toEqual([]);
    expect(report.dead.map((dead) => [dead.error.code, dead.error.message])).toEqual([
      ['PARSE_INVALID', 'the CSV text is not valid: row 2 (line 4) is malformed: it has 3 fields where the header has 2'],
      ['PARSE_INVALID', 'the CSV text is not valid: row 2 (line 3) is malformed: it has 1 field where the header has 2'],
      ['PARSE_INVALID', 'the CSV text is not valid: row 1 (line 2) is malformed: quoted field unterminated'],
      ['PARSE_INVALID', 'the CSV text is not valid: the header row (line 1) names the column "id" twice (columns 1 and 2); rename one'],
      ['PARSE_INVALID', 'the CSV text is not valid: row 2 (line 3) is malformed: it has 1 field where the header has 2'],
    ]);
    const headless = await parse({ format: 'csv', header: false }, ['a,b\n1,2\n3\n']);
    expect(headless.dead[0]?.error.message).toBe('the CSV text is not valid: row 3 (line 3) is malformed: it has 1 field where the first row has 2');
  });

  it('gives an empty array for an empty text or a header alone', async () => {
    const report = await parse({ format: 'csv' }, ['', 'id,name\n']);
    expect(report.outputs.parsed).toEqual([[], []]);
  });
});

describe('transform.parse: XML, JSON lines, JSON', () => {
  it('reads XML into an object: attributes prefixed @_, text beside them under #text, repeated elements as arrays', async () => {
    const xml = '<?xml version="1.0" encoding="UTF-8"?>\n<order id="A-7">\n  <customer>Ada &amp; Co</customer>\n  <line sku="X" qty="2">Widget</line>\n  <line sku="Y" qty="1">Gadget</line>\n  <total>12.50</total>\n  <note/>\n</order>\n';
    const report = await parse({ format: 'xml' }, [xml]);
    expect(report.outputs.parsed).toEqual([{
      order: {
        '@_id': 'A-7',
        customer: 'Ada & Co',
        line: [{ '@_sku': 'X', '@_qty': '2', '#text': 'Widget' }, { '@_sku': 'Y', '@_qty': '1', '#text': 'Gadget' }],
        total: '12.50',
        note: '',
      },
    }]);
    const typed = await parse({ format: 'xml', dynamicTyping: true }, ['<a n="3"><total>12.50</total><ok>true</ok><zip>007</zip></a>']);
    expect(typed.outputs.parsed).toEqual([{ a: { '@_n': 3, total: 12.5, ok: true, zip: '007' } }]);
  });

  it('names the line and column of malformed XML', async () => {
    const report = await parse({ format: 'xml' }, ['<order>\n  <line>\n</order>\n', '   ']);
    expect(report.dead.map((dead) => dead.error)).toEqual([
      { code: 'PARSE_INVALID', message: "the XML text is not valid: line 3, column 1: Expected closing tag 'line' (opened in line 2, col 3) instead of closing tag 'order'." },
      { code: 'PARSE_INVALID', message: 'the XML text is not valid: the text is empty' },
    ]);
  });

  it('reads JSON lines into an array, skipping blank lines, and names the line and column of a bad one', async () => {
    const report = await parse({ format: 'jsonl' }, ['{"id":1}\r\n\r\n"two"\n[3]\n', '{"id":1}\n\n  {"id": }\n']);
    expect(report.outputs.parsed).toEqual([[{ id: 1 }, 'two', [3]]]);
    expect(report.dead[0]?.error).toEqual({ code: 'PARSE_INVALID', message: 'the JSON lines text is not valid: line 3, column 10: unexpected "}"' });
  });

  it('reads JSON into its value and names the line and column of a syntax error', async () => {
    const report = await parse({ format: 'json' }, ['{ "a": [1, 2], "b": null }', '{\n  "a": 1,\n  "b": \n}']);
    expect(report.outputs.parsed).toEqual([{ a: [1, 2], b: null }]);
    expect(report.dead[0]?.error).toEqual({ code: 'PARSE_INVALID', message: 'the JSON text is not valid: line 4, column 1: unexpected "}"' });
  });
});

describe('transform.parse: where the text comes from and where the result goes', () => {
  it('places the result in the field `into` beside the rest of the payload', async () => {
    const report = await parse({ format: 'json', from: 'body', into: 'data' }, [{ status: 200, body: '{"ok":true}' }]);
    expect(report.outputs.parsed).toEqual([{ status: 200, body: '{"ok":true}', data: { ok: true } }]);
  });

  it('dead-letters a text that is not a string, saying what it got and where from', async () => {
    const report = await parse({ format: 'csv', from: 'file.content' }, [{ file: { content: { rows: 2 } } }, { file: {} }]);
    expect(report.dead.map((dead) => dead.error)).toEqual([
      { code: 'PARSE_NOT_TEXT', message: 'transform.parse reads CSV text (a string), but from "file.content" yielded an object', location: { path: 'nodes[1].config.from' } },
      { code: 'PARSE_NOT_TEXT', message: 'transform.parse reads CSV text (a string), but from "file.content" yielded nothing', location: { path: 'nodes[1].config.from' } },
    ]);
    const payload = await parse({ format: 'json' }, [{ already: 'parsed' }]);
    expect(payload.dead[0]?.error.message).toBe('transform.parse reads JSON text (a string), but the payload is an object; set from to the field that holds the text');
    const into = await parse({ format: 'json', into: 'data' }, ['[1]']);
    expect(into.dead[0]?.error).toMatchObject({ code: 'PARSE_TARGET_NOT_OBJECT' });
  });

  // Called directly: a 50 MiB message through the queue, trace and dead-letter rows only costs seconds.
  it(`refuses a text over ${MAX_TEXT_CHARS} characters without parsing it`, () => {
    const options = { header: true, dynamicTyping: false };
    expect(() => parseText('jsonl', '1\n'.repeat(MAX_TEXT_CHARS / 2 + 1), options)).toThrow(expect.objectContaining({
      code: 'TEXT_TOO_LARGE',
      transient: false,
      message: 'the text to parse is 52,428,802 characters long; the limit is 52,428,800 (50 MiB): split the data first',
    }));
    expect(parseText('json', `"${'x'.repeat(MAX_TEXT_CHARS - 2)}"`, options)).toHaveLength(MAX_TEXT_CHARS - 2);
  });
});

describe('transform.parse through the pipewright command', () => {
  const cli = new Workspace();
  afterAll(() => cli.remove());

  const node = (id: string, config: Record<string, unknown>, y: number) => ({ id, type: 'transform.parse', position: [260, y], config });
  const fanOut = (id: string, nodes: Array<ReturnType<typeof node>>) => ({
    format: 'pipewright/flow@1',
    id,
    name: id,
    nodes: [{ id: 'in', type: 'trigger.manual', position: [0, 0], config: {} }, ...nodes],
    edges: nodes.map((target) => ({ from: 'in', to: target.id })),
  });

  it('parses each format in one run --json', async () => {
    cli.write('flows/formats.flow.json', fanOut('formats', [
      node('csv', { format: 'csv', from: 'csv' }, 0),
      node('xml', { format: 'xml', from: 'xml' }, 150),
      node('jsonl', { format: 'jsonl', from: 'jsonl' }, 300),
      node('json', { format: 'json', from: 'json' }, 450),
    ]));
    cli.write('message.json', {
      csv: 'sku,qty\nA-1,2\n"B,2",5\n',
      xml: '<order id="7"><line>A-1</line><line>B-2</line></order>',
      jsonl: '{"n":1}\n{"n":2}\n',
      json: '{"total":12.5}',
    });
    const result = await cli.run(['run', 'formats', '--input', 'message.json', '--json']);
    expect(result.code, result.stderr).toBe(0);
    const report = stdoutJson<RunReport>(result);
    expect(report.status).toBe('succeeded');
    expect(report.outputs).toEqual({
      csv: [[{ sku: 'A-1', qty: '2' }, { sku: 'B,2', qty: '5' }]],
      xml: [{ order: { '@_id': '7', line: ['A-1', 'B-2'] } }],
      jsonl: [[{ n: 1 }, { n: 2 }]],
      json: [{ total: 12.5 }],
    });
  });

  it('dead-letters a CSV with a malformed row and a from that yields no text, each with a clear message', async () => {
    cli.write('flows/partner.flow.json', fanOut('partner', [node('rows', { format: 'csv', from: 'csv' }, 0)]));
    cli.write('partner.jsonl', `${JSON.stringify({ csv: 'customer,amount\nC-1,10\nC-2,20,oops\n' })}\n${JSON.stringify({ csv: 42 })}\n`);
    const result = await cli.run(['run', 'partner', '--jsonl', '--input', 'partner.jsonl', '--json']);
    expect(result.code).toBe(1);
    const report = stdoutJson<RunReport>(result);
    expect(report.status).toBe('failed');
    expect(report.dead.map((dead) => [dead.nodeId, dead.error.code, dead.error.message])).toEqual([
      ['rows', 'PARSE_INVALID', 'the CSV text is not valid: row 2 (line 3) is malformed: it has 3 fields where the header has 2'],
      ['rows', 'PARSE_NOT_TEXT', 'transform.parse reads CSV text (a string), but from "csv" yielded the number 42'],
    ]);
  });

  it('validate names the field of a bad config', async () => {
    cli.write('flows/bad.flow.json', fanOut('bad', [node('rows', { format: 'yaml' }, 0), node('cells', { format: 'csv', delimiter: '"', into: 'not a field' }, 150)]));
    const result = await cli.run(['validate', 'bad']);
    expect(result.code).toBe(2);
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines).toEqual(expect.arrayContaining([
      'flows/bad.flow.json:nodes[1].config.format INVALID_CONFIG the format is one of "csv", "xml", "jsonl", "json"',
      'flows/bad.flow.json:nodes[2].config.delimiter INVALID_CONFIG a delimiter is 1 to 4 characters, without quotes or line breaks',
      'flows/bad.flow.json:nodes[2].config.into INVALID_CONFIG a field name: letters, digits, "_" and "$", not starting with a digit',
    ]));
  });
});
