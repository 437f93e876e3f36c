import { describe, expect, it } from 'vitest';
import { checkInputFile, MAX_INPUT_FILE_BYTES, parseInputFile } from '../../../renderer/src/run/input-file.js';

describe('an input file for a test run', () => {
  it('reads a .json file as one message, or an array as one message per item', () => {
    expect(parseInputFile('order.json', '{ "id": 1 }')).toEqual({ ok: true, format: 'json', messages: [{ id: 1 }] });
    expect(parseInputFile('orders.json', '\uFEFF[{ "id": 1 }, { "id": 2 }]\n')).toEqual({ ok: true, format: 'json', messages: [{ id: 1 }, { id: 2 }] });
  });

  it('names the line and column where a .json file breaks', () => {
    expect(parseInputFile('orders.json', '[\n  { "id": 1 },\n  { "id": 2 \n]')).toMatchObject({ ok: false, line: 4, error: expect.stringMatching(/^orders\.json is not valid JSON: line 4, column 1: expected "," or "}"/) });
  });

  it('reads a .jsonl file as one message per line, skipping empty lines', () => {
    expect(parseInputFile('orders.jsonl', '{"id":1}\r\n\n  {"id":2}\n[3]\n')).toEqual({ ok: true, format: 'jsonl', messages: [{ id: 1 }, { id: 2 }, [3]] });
  });

  it('names the first line of a .jsonl file that is not JSON', () => {
    const parsed = parseInputFile('orders.jsonl', '{"id":1}\n\n{"id":2,}\n{"id":');
    expect(parsed).toEqual({ ok: false, line: 3, error: 'orders.jsonl line 3 is not valid JSON (column 9: expected a property name in double quotes, found "}"); each line must hold one whole JSON message.' });
  });

  it('reads a .csv file as one message per row, keyed by the header row, values as text', () => {
    const text = 'id,customer,total\n1,"Ada, Countess",60\n\n2,"Line one\nline two",7.5\n';
    expect(parseInputFile('orders.csv', text)).toEqual({
      ok: true,
      format: 'csv',
      messages: [{ id: '1', customer: 'Ada, Countess', total: '60' }, { id: '2', customer: 'Line one\nline two', total: '7.5' }],
    });
  });

  it('names the line of a .csv row whose fields do not match the header, counting lines inside quotes', () => {
    const text = 'id,note\n1,"spans\ntwo lines"\n\n2\n';
    expect(parseInputFile('orders.csv', text)).toEqual({ ok: false, line: 5, error: 'orders.csv line 5 has 1 field where the header row has 2.' });
  });

  it('refuses a .csv header that names a column twice', () => {
    expect(parseInputFile('orders.csv', 'id,id\n1,2')).toMatchObject({ ok: false, line: 1, error: expect.stringContaining('names the column "id" twice') });
  });

  it('says when a file holds no messages', () => {
    expect(parseInputFile('orders.json', '[]')).toEqual({ ok: false, error: 'orders.json holds no messages (an empty array).' });
    expect(parseInputFile('orders.jsonl', '\n\n')).toEqual({ ok: false, error: 'orders.jsonl holds no messages (every line is empty).' });
    expect(parseInputFile('orders.csv', 'id,total\n')).toEqual({ ok: false, error: 'orders.csv holds no messages (a header row but no rows below it).' });
  });

  it('refuses other kinds of file and files too big to send, before reading them', () => {
    expect(checkInputFile('orders.xlsx', 10)).toEqual({ ok: false, error: 'orders.xlsx is not a .json, .jsonl or .csv file; pick one of those.' });
    expect(checkInputFile('big.jsonl', MAX_INPUT_FILE_BYTES + 1)).toMatchObject({ ok: false, error: expect.stringContaining('pipewright run <flow> --input big.jsonl --jsonl') });
    expect(checkInputFile('orders.jsonl', 100)).toBeUndefined();
  });
});
