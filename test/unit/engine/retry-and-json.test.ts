import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cappedText, sortedJson } from '../../../main/engine/json-text.js';
import { readJsonLines } from '../../../main/engine/jsonl.js';
import { backoffDelayMs } from '../../../main/engine/retry.js';

const policy = { maxAttempts: 6, backoffMs: 100, maxBackoffMs: 1000 };

describe('backoff', () => {
  it('doubles the ceiling each attempt with full jitter, capped', () => {
    expect(backoffDelayMs(policy, 1, undefined, () => 0.999)).toBe(99);
    expect(backoffDelayMs(policy, 3, undefined, () => 0.999)).toBe(399);
    expect(backoffDelayMs(policy, 10, undefined, () => 0.999)).toBe(999);
    expect(backoffDelayMs(policy, 3, undefined, () => 0)).toBe(0);
  });

  it('never waits less than the Retry-After the server asked for', () => {
    expect(backoffDelayMs(policy, 1, 5000, () => 0.5)).toBe(5000);
  });
});

describe('JSON text', () => {
  it('sorts keys at every level so equal documents hash equally', () => {
    expect(sortedJson({ b: 1, a: { d: [{ z: 1, y: 2 }], c: 2 } })).toBe('{"a":{"c":2,"d":[{"y":2,"z":1}]},"b":1}');
  });

  it('replaces a payload above the cap by its size', () => {
    expect(cappedText('"ab"', 10)).toBe('"ab"');
    expect(cappedText(`"${'é'.repeat(20)}"`, 10)).toBe('{"$truncated":42}');
  });
});

describe('JSON-lines reader', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pipewright-jsonl-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('yields each non-empty line with the byte offset to resume from', () => {
    const file = join(dir, 'a.jsonl');
    writeFileSync(file, '{"a":"ü"}\n\n{"b":2}\r\n{"c":3}');
    const lines = [...readJsonLines(file)];
    expect(lines.map((l) => [l.line, l.text])).toEqual([[1, '{"a":"ü"}'], [3, '{"b":2}'], [4, '{"c":3}']]);
    const resumed = [...readJsonLines(file, lines[0]!.endOffset, lines[0]!.line)];
    expect(resumed.map((l) => l.line)).toEqual([3, 4]);
    expect(lines.at(-1)!.endOffset).toBe(Buffer.byteLength('{"a":"ü"}\n\n{"b":2}\r\n{"c":3}'));
  });
});
