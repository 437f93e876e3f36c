// Hardening catalogue — the server's door (issue "Hardening", DESIGN.md §11): JSON nested too deep for
// the recursive code behind it is refused with a clear 400 instead of a 500 from a stack overflow, and
// a flow as large as the server serves can always be saved back.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_JSON_DEPTH } from '../../../main/server/json-depth.js';
import { rpc, startHarness, type Harness } from '../server/server-harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h?.close());

describe('JSON nested too deep', () => {
  it('answers 400 JSON_TOO_DEEP for a mapping input and a flow of 100,000 levels, and keeps serving', async () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const evaluated = await rpc(h, 'mapping.evaluate', undefined, { body: `{"expression":"$","input":${deep}}` });
    expect(evaluated.status).toBe(400);
    expect(evaluated.body).toMatchObject({ ok: false, error: { code: 'JSON_TOO_DEEP' } });
    expect(JSON.stringify(evaluated.body)).toContain(`deeper than ${MAX_JSON_DEPTH} levels`);
    const saved = await rpc(h, 'flows.save', undefined, { body: `{"document":{"format":"pipewright/flow@1","id":"x","name":"x","nodes":${deep},"edges":[]}}` });
    expect(saved.status).toBe(400);
    expect(saved.body).toMatchObject({ ok: false, error: { code: 'JSON_TOO_DEEP' } });
    expect(h.logged).toEqual([]);
    // A string full of brackets is not nesting.
    const flat = await rpc(h, 'mapping.evaluate', { expression: '$length(s)', input: { s: '['.repeat(5000) } });
    expect(flat.body).toMatchObject({ ok: true });
  });

  it('still takes data nested as deep as the limit allows', async () => {
    const depth = MAX_JSON_DEPTH - 2;
    const answer = await rpc(h, 'mapping.evaluate', undefined, { body: `{"expression":"$count($)","input":${'['.repeat(depth)}1${']'.repeat(depth)}}` });
    expect(answer.status).toBe(200);
  });
});

describe('a large flow', () => {
  it('is served and saved back at 20 MB', async () => {
    const note = 'x'.repeat(10_000);
    const nodes = [{ id: 'in', type: 'trigger.manual', position: [0, 0], config: {} }];
    const edges: Array<{ from: string; to: string }> = [];
    for (let n = 1; n <= 2_000; n += 1) {
      nodes.push({ id: `m${n}`, type: 'transform.map', position: [n * 10, 0], config: { expression: `{ "step": ${n}, "note": "${note}" }` } as never });
      edges.push({ from: n === 1 ? 'in' : `m${n - 1}`, to: `m${n}` });
    }
    writeFileSync(join(h.dir, 'flows', 'big.flow.json'), JSON.stringify({ format: 'pipewright/flow@1', id: 'big', name: 'Big', nodes, edges }, null, 2));
    const served = await rpc<{ document: { nodes: unknown[] }; revision: string }>(h, 'flows.get', { id: 'big' });
    expect(served.status).toBe(200);
    if (!served.body.ok) throw new Error(served.body.error.message);
    const { document, revision } = served.body.result;
    expect(JSON.stringify(document).length).toBeGreaterThan(20_000_000);
    const saved = await rpc(h, 'flows.save', { document, expectedRevision: revision });
    expect(saved.status, JSON.stringify(saved.body).slice(0, 300)).toBe(200);
  }, 60_000);

  it('is refused at the size limit of other requests for every other method', async () => {
    const answer = await rpc(h, 'mapping.evaluate', { expression: '$', input: { s: 'x'.repeat(11 * 1024 * 1024) } });
    expect(answer.status).toBe(413);
    expect(answer.body).toMatchObject({ ok: false, error: { code: 'TOO_LARGE', message: expect.stringContaining('10') } });
  });
});
