// Hardening catalogue — a report that cannot hold every output says so (issue "Hardening"). A report
// keeps the first 10,000 outputs; `run --json`, `runs show --json` and the summaries give the true count
// per terminal node and the `outputsTruncated` flag, instead of "out: 10,000" for 10,050 delivered.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chainFlow, stdoutJson, Workspace } from '../cli/cli-harness.js';

const LINES = 10_050;

interface JsonReport {
  runId: string;
  outputs: Record<string, unknown[]>;
  outputCounts: Record<string, number>;
  outputsTruncated?: boolean;
}

describe('a run with more outputs than a report holds', () => {
  const ws = new Workspace();
  let report: JsonReport;
  beforeAll(async () => {
    ws.write('flows/many.flow.json', chainFlow('many', [['in', 'trigger.manual'], ['out', 'transform.map', { expression: '{ "n": n }' }]], { settings: { trace: 'errors' } }));
    ws.write('orders.jsonl', `${Array.from({ length: LINES }, (_, n) => JSON.stringify({ n })).join('\n')}\n`);
    const result = await ws.run(['run', 'many', '--input', ws.path('orders.jsonl'), '--jsonl', '--json']);
    expect(result.code, result.stderr).toBe(0);
    report = stdoutJson<JsonReport>(result);
  }, 120_000);
  afterAll(() => ws.remove());

  it('flags run --json as truncated and gives the true count', () => {
    expect(report.outputsTruncated).toBe(true);
    expect(report.outputs.out).toHaveLength(10_000);
    expect(report.outputCounts).toEqual({ out: LINES });
  });

  it('says the same in runs show, as JSON and as text', async () => {
    const json = stdoutJson<JsonReport>(await ws.run(['runs', 'show', report.runId, '--json']));
    expect(json).toMatchObject({ outputsTruncated: true, outputCounts: { out: LINES } });
    const text = await ws.run(['runs', 'show', report.runId]);
    expect(text.stdout).toContain('out: 10,050 messages');
    expect(text.stdout).toContain('the report holds the first 10,000 outputs');
  });
});
