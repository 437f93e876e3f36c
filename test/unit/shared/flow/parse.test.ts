import { describe, expect, it } from 'vitest';
import { flowIdFromFile, parseFlowText } from '../../../../shared/flow/parse.js';
import { serializeFlow } from '../../../../shared/flow/serialize.js';
import { sampleFlow } from './sample-flow.js';

function jsonProblem(text: string) {
  const { flow, problems } = parseFlowText(text, 'flows/x.flow.json');
  expect(flow).toBeUndefined();
  expect(problems).toHaveLength(1);
  return problems[0];
}

describe('parseFlowText', () => {
  it('parses a saved flow and checks its id against the file name', () => {
    const text = serializeFlow(sampleFlow());
    expect(parseFlowText(text, 'flows/orders-to-erp.flow.json')).toEqual({ flow: sampleFlow(), problems: [] });
    expect(parseFlowText(text, 'C:\\work\\flows\\other.flow.json').problems).toMatchObject([{ code: 'FLOW_ID_MISMATCH', file: 'C:\\work\\flows\\other.flow.json' }]);
  });

  it('skips the id check for other file names or when told to', () => {
    const text = serializeFlow(sampleFlow());
    expect(parseFlowText(text, 'orders.json').problems).toEqual([]);
    expect(parseFlowText(text).problems).toEqual([]);
    expect(parseFlowText(text, 'flows/other.flow.json', { expectedId: null }).problems).toEqual([]);
    expect(parseFlowText(text, undefined, { expectedId: 'other' }).problems).toMatchObject([{ code: 'FLOW_ID_MISMATCH' }]);
  });

  it('reports a trailing comma with the line and column of the bracket after it', () => {
    expect(jsonProblem('{\n  "format": "pipewright/flow@1",\n  "nodes": [],\n}\n')).toEqual({
      code: 'JSON_SYNTAX',
      message: 'invalid JSON: expected a property name in double quotes, found "}"',
      line: 4,
      column: 1,
      file: 'flows/x.flow.json',
    });
  });

  it('reports a missing comma where the next value starts', () => {
    expect(jsonProblem('{\n  "id": "a"\n  "name": "b"\n}')).toMatchObject({ line: 3, column: 3, message: 'invalid JSON: expected "," or "}", found "\\""' });
  });

  it('reports a bad literal that JSON.parse gives no position for', () => {
    expect(jsonProblem('{"a":\n  tru}')).toMatchObject({ line: 2, column: 3, message: 'invalid JSON: unexpected "t"' });
  });

  it('reports single quotes with a hint', () => {
    expect(jsonProblem("{'a': 1}")).toMatchObject({ line: 1, column: 2, message: 'invalid JSON: expected a property name in double quotes, found "\'"' });
    expect(jsonProblem("[1, 'a']")).toMatchObject({ column: 5, message: 'invalid JSON: unexpected "\'"; JSON strings use double quotes' });
  });

  it('reports an early end at the end of the text', () => {
    expect(jsonProblem('{\n  "nodes": [\n')).toMatchObject({ line: 3, column: 1, message: 'invalid JSON: unexpected end of JSON text; something is missing or unclosed' });
    expect(jsonProblem('')).toMatchObject({ line: 1, column: 1 });
  });

  it('reports an unterminated string, a raw line break in a string and text after the value', () => {
    expect(jsonProblem('{"a": "b')).toMatchObject({ column: 9, message: 'invalid JSON: unterminated string; add the closing double quote' });
    expect(jsonProblem('{"a": "b\nc"}')).toMatchObject({ line: 1, column: 9 });
    expect(jsonProblem('{} {}')).toMatchObject({ column: 4, message: 'invalid JSON: unexpected "{" after the end of the JSON value' });
  });

  it('reports bad numbers and escapes', () => {
    expect(jsonProblem('[01]')).toMatchObject({ column: 3, message: 'invalid JSON: invalid number' });
    expect(jsonProblem('["\\x"]')).toMatchObject({ column: 3, message: 'invalid JSON: invalid escape in a string' });
    expect(jsonProblem('["\\u12"]')).toMatchObject({ column: 3 });
  });

  it('accepts a byte order mark and counts columns without it', () => {
    const text = `\uFEFF${serializeFlow(sampleFlow())}`;
    expect(parseFlowText(text).problems).toEqual([]);
    expect(jsonProblem('\uFEFF{,}')).toMatchObject({ line: 1, column: 2 });
  });
});

describe('flowIdFromFile', () => {
  it('takes the stem of a .flow.json file on any platform', () => {
    expect(flowIdFromFile('/w/flows/orders.flow.json')).toBe('orders');
    expect(flowIdFromFile('C:\\w\\orders.flow.json')).toBe('orders');
    expect(flowIdFromFile('orders.json')).toBeUndefined();
    expect(flowIdFromFile('.flow.json')).toBeUndefined();
  });
});
