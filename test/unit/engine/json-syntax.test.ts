// The JSON-lines check scans bytes instead of parsing (main/engine/json-syntax.ts). It may leave a line
// to JSON.parse (UNSURE), but whatever it calls VALID must parse and whatever it calls BLANK must be a
// blank line, exactly as the run reads lines — else a run could queue a line it cannot read.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { BLANK, lineSyntax, UNSURE, VALID } from '../../../main/engine/json-syntax.js';
import { validateJsonLines } from '../../../main/engine/jsonl.js';
import { PipewrightError } from '../../../shared/errors.js';

function verdict(text: string): number {
  const bytes = Buffer.from(text, 'utf8');
  return lineSyntax(bytes, 0, bytes.length);
}

/** What the run makes of the line: blank, a value, or an error. */
function runReads(text: string): 'blank' | 'value' | 'error' {
  const trimmed = Buffer.from(text, 'utf8').toString('utf8').trim();
  if (trimmed === '') return 'blank';
  try {
    JSON.parse(trimmed);
    return 'value';
  } catch {
    return 'error';
  }
}

function agreesWithTheRun(text: string): void {
  const seen = verdict(text);
  const truth = runReads(text);
  if (seen === VALID) expect(truth, text).toBe('value');
  if (seen === BLANK) expect(truth, text).toBe('blank');
}

describe('JSON line syntax', () => {
  it('calls plain JSON values valid and ASCII blanks blank', () => {
    for (const text of ['{}', '[]', '0', '-0.5e+10', '"a\\"b\\u00e9\\n"', 'true', 'false', 'null', ' { "a" : [1, {"b": null}], "c": "é€😀" } \r', '[[[[]]]]', '{"":{}}']) {
      expect(verdict(text), text).toBe(VALID);
    }
    for (const text of ['', '   ', '\t\r']) expect(verdict(text), JSON.stringify(text)).toBe(BLANK);
  });

  it('leaves malformed lines and lines it cannot judge alone to JSON.parse', () => {
    const unsure = [
      '{', '}', '[1,]', '[,1]', '{"a":1,}', '{"a" 1}', '{a:1}', '01', '1.', '.5', '1e', '-', '+1', 'tru', 'nulls', '"abc', '"a\tb"', '"\\x"', '"\\u12g4"',
      '1 2', '{} {}', '[1 2]', "'a'", 'NaN', '\ufeff{}', '{}\u00a0', '\u00a0', '\v{}', '{"a":1}}', '[}', '{]',
    ];
    for (const text of unsure) {
      expect(verdict(text), text).toBe(UNSURE);
      agreesWithTheRun(text);
    }
  });

  it('never calls a line valid or blank that the run would read otherwise (random JSON and mutations of it)', () => {
    fc.assert(
      fc.property(fc.json(), fc.nat(), fc.constantFrom('', ' ', '"', '\\', ',', ']', '}', '{', '[', ':', '0', 'e', '-', '.', '\u0001', 'é', '\u00a0', 'x'), (json, where, insert) => {
        expect(verdict(json)).toBe(VALID);
        const at = json.length === 0 ? 0 : where % (json.length + 1);
        agreesWithTheRun(json.slice(0, at) + insert + json.slice(at));
        agreesWithTheRun(json.slice(0, at) + json.slice(at + 1));
      }),
      { numRuns: 3000 },
    );
  });

  it('takes bytes that are not UTF-8 inside a string, as the decoder turns them into U+FFFD', () => {
    const bytes = Buffer.from([0x22, 0xff, 0xc3, 0x22]);
    expect(lineSyntax(bytes, 0, bytes.length)).toBe(VALID);
    expect(() => JSON.parse(bytes.toString('utf8'))).not.toThrow();
  });
});

describe('JSON-lines validation', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pipewright-jsonl-check-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('counts the lines with a message, a BOM, CRLF endings and Unicode blanks included', () => {
    const file = join(dir, 'mixed.jsonl');
    writeFileSync(file, '\ufeff{"a":1}\r\n\r\n  \n\u00a0\n[1,2]\u00a0\n"x"');
    expect(validateJsonLines(file).count).toBe(3);
  });

  it('lists every malformed line with its number, nothing else', () => {
    const file = join(dir, 'bad.jsonl');
    writeFileSync(file, '{"a":1}\n{"a":\n\n[1,]\n{"ok":true}\n');
    let caught: unknown;
    try {
      validateJsonLines(file);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(PipewrightError);
    const problems = (caught as PipewrightError).problems ?? [];
    expect(problems.map((p) => p.line)).toEqual([2, 4]);
    expect(problems[0]?.message).toMatch(/^line 2 is not valid JSON: /);
  });

  it('validates a line longer than the read buffer', () => {
    const file = join(dir, 'long.jsonl');
    writeFileSync(file, `{"a":1}\n${JSON.stringify({ big: 'x'.repeat(3 << 20), list: Array.from({ length: 1000 }, (_, i) => i) })}\n{"b":2}`);
    expect(validateJsonLines(file).count).toBe(3);
  });
});
