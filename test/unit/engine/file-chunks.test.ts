// Reading a JSON-lines input in chunks (main/engine/ingest.ts): a chunk stops at its line count or at its
// byte bound, and a batch that handed on only part of a chunk advances the input past those lines only.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { advanceOf, readChunk } from '../../../main/engine/ingest.js';
import type { RunInput } from '../../../main/engine/store/types.js';

const dir = mkdtempSync(join(tmpdir(), 'pipewright-chunks-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function inputOf(lines: string[]): RunInput {
  const filePath = join(dir, `in-${lines.length}-${lines[0]?.length ?? 0}.jsonl`);
  writeFileSync(filePath, `${lines.join('\n')}\n`);
  return { runId: 'r', ordinal: 0, triggerId: 'in', filePath, byteOffset: 0, line: 0, total: lines.length, ingested: 0, done: false };
}

describe('file input chunks', () => {
  const lines = Array.from({ length: 10 }, (_, n) => JSON.stringify({ n, text: 'x'.repeat(90) }));

  it('stops a chunk once its lines hold the byte bound, with at least one line', () => {
    const input = inputOf(lines);
    expect(readChunk('r', [input], () => 100)?.messages).toHaveLength(10);
    const bounded = readChunk('r', [input], () => 100, 250);
    expect(bounded?.messages.map((message) => JSON.parse(message.payload).n)).toEqual([0, 1, 2]);
    expect(bounded?.finished).toBe(false);
    expect(readChunk('r', [input], () => 100, 1)?.messages).toHaveLength(1);
  });

  it('advances past the lines a batch handed on, and the next chunk starts at the first one it did not', () => {
    const input = inputOf(lines);
    const chunk = readChunk('r', [input], () => 100);
    if (!chunk) throw new Error('no chunk');
    const whole = advanceOf(chunk);
    expect(whole).toMatchObject({ line: 10, ingested: 10, done: true });
    const part = advanceOf(chunk, 4);
    expect(part).toMatchObject({ line: 4, ingested: 4, done: false });
    const next = readChunk('r', [{ ...input, byteOffset: part.byteOffset, line: part.line, ingested: part.ingested }], () => 100);
    expect(next?.messages.map((message) => JSON.parse(message.payload).n)).toEqual([4, 5, 6, 7, 8, 9]);
    expect(next?.messages[0]?.id).not.toBe(chunk.messages[0]?.id);
    expect(next?.messages[0]?.id).toBe(chunk.messages[4]?.id);
  });
});
