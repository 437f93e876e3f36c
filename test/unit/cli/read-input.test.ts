// A JSON-lines input file is checked by the engine's byte scanner, parsing only the lines it is not sure
// of: the same counts, line numbers and columns as a line-by-line JSON.parse, on the awkward files.
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { Readable } from 'node:stream';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { prepareJsonl } from '../../../main/cli/input/read-input.js';
import { validateJsonLines } from '../../../main/engine/jsonl.js';
import { PipewrightError } from '../../../shared/errors.js';

const dir = mkdtempSync(join(tmpdir(), 'pw-read-input-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let files = 0;
function file(text: string): string {
  const name = `input-${++files}.jsonl`;
  writeFileSync(join(dir, name), text);
  return name;
}

async function refusal(name: string): Promise<PipewrightError> {
  const error = await prepareJsonl(name, dir, dir).then(() => undefined, (caught: unknown) => caught);
  if (!(error instanceof PipewrightError)) throw new Error(`expected a PipewrightError, got ${String(error)}`);
  return error;
}

describe('prepareJsonl on a file', () => {
  it('counts messages past a byte order mark, CRLF ends, blank and Unicode-blank lines and a last line without its newline', async () => {
    const name = file('\ufeff{"id":1}\r\n\r\n  {"id":2}  \n\u00a0\u2003\n[1,2]\n"text"\n{"id":3}');
    await expect(prepareJsonl(name, dir, dir)).resolves.toMatchObject({ path: join(dir, name), messages: 5, spooled: false });
  });

  it('hands the engine the count and fingerprint its own validation would take', async () => {
    const name = file(`\ufeff${Array.from({ length: 3_000 }, (_, i) => JSON.stringify({ id: i, note: i % 7 === 0 ? '\u00e9\u2028' : 'plain' })).join('\r\n')}\n\n`);
    const prepared = await prepareJsonl(name, dir, dir);
    expect(prepared.checked).toEqual(validateJsonLines(join(dir, name)));
    expect(prepared.checked?.count).toBe(3_000);
  });

  it('names every bad line with its line and column, counting a last line without its newline', async () => {
    const error = await refusal(file('{"id":1}\n  {"id":2\n\n{"id":3}\n\u00a0not json'));
    expect(error.code).toBe('INPUT_INVALID_JSONL');
    expect(error.message).toBe('2 of 5 lines are not valid JSON (one message per line)');
    expect(error.problems?.map((problem) => [problem.line, problem.column])).toEqual([[2, 10], [5, 1]]);
    expect(error.problems?.every((problem) => problem.code === 'INPUT_INVALID_JSON' && problem.file?.endsWith('.jsonl'))).toBe(true);
  });

  it('gives the column of a CRLF line as a line reader does, its carriage return not counted', async () => {
    const error = await refusal(file('{"a":1}\r\n{"b":\r\n'));
    expect(error.problems?.map((problem) => [problem.line, problem.column])).toEqual([[2, 6]]);
  });

  it('lists the first 20 bad lines and how many more there are', async () => {
    const error = await refusal(file(`${Array.from({ length: 25 }, (_, i) => `{"id":${i}`).join('\n')}\n`));
    expect(error.message).toBe('25 of 25 lines are not valid JSON (one message per line)');
    expect(error.problems).toHaveLength(21);
    expect(error.problems?.[20]?.message).toBe('…and 5 more bad lines');
  });

  it('refuses a file of blank lines as empty', async () => {
    expect((await refusal(file('\n  \n\r\n'))).code).toBe('INPUT_EMPTY');
    expect((await refusal(file(''))).code).toBe('INPUT_EMPTY');
  });
});

describe('prepareJsonl on stdin', () => {
  it('spools the lines and hands the engine the spool\'s count and fingerprint, as its validation would take them', async () => {
    const text = `\ufeff{"id":1}\r\n\n{"id":"\u00e9\u2028"}\r\n{"id":3}\n  \n[1]`;
    // Chunks that split a line and a multi-byte character: the spool is what the line reader saw.
    const bytes = Buffer.from(text);
    const stdin = Readable.from([bytes.subarray(0, 7), bytes.subarray(7, 21), bytes.subarray(21)]);
    const prepared = await prepareJsonl('-', dir, dir, stdin);
    expect(prepared).toMatchObject({ spooled: true, messages: 4 });
    expect(prepared.checked).toEqual(validateJsonLines(prepared.path));
  });

  it('takes a line whose string holds U+2028 or U+2029 as one message (node:readline splits lines there)', async () => {
    const prepared = await prepareJsonl('-', dir, dir, Readable.from(['{"note":"a\u2028b"}\n{"note":"c\u2029d"}\n']));
    expect(prepared.messages).toBe(2);
  });

  it('refuses bad lines from stdin and leaves no spool behind', async () => {
    const workspace = mkdtempSync(join(dir, 'ws-'));
    const error = await prepareJsonl('-', dir, workspace, Readable.from(['{"id":1}\n{"id":\n'])).then(() => undefined, (caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'INPUT_INVALID_JSONL' });
    expect(readdirSync(join(workspace, '.pipewright', 'inputs'))).toEqual([]);
  });
});

