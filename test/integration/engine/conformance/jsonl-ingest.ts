// JSON-lines input: validated in full before anything is queued (every bad line reported with its
// number), then ingested in chunks whose transaction records the byte offset, so an interrupted run
// resumes exactly where it stopped.
import { utimesSync, writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { PipewrightError } from '../../../../shared/errors.js';
import type { StoreHarness } from '../../../fixtures/engine/stores.js';
import { chain, TempWorkspace } from '../../../fixtures/engine/workspace.js';


export function jsonlIngestSuite(harness: StoreHarness): void {
  const ws = new TempWorkspace(harness);
  afterAll(() => ws.remove());


  const flow = chain('lines', [['in', 'trigger.manual'], ['m', 'transform.map', { expression: '{ "n": n }' }]]);

  describe('JSON-lines ingest', () => {
    it('reports every malformed line with its line number and queues nothing', async () => {
      const engine = await ws.open();
      const file = ws.path('bad.jsonl');
      writeFileSync(file, ['{"n":1}', '{"n":2', '', 'nope', '{"n":4}', '[1,'].join('\n'));
      const error = await engine.startRun({ flow, inputs: [{ triggerId: 'in', jsonlFile: file }] }).then(
        () => undefined,
        (caught: unknown) => caught,
      );
      expect(error).toBeInstanceOf(PipewrightError);
      const problem = error as PipewrightError;
      expect(problem.code).toBe('INVALID_INPUT');
      expect(problem.problems?.map((p) => p.line)).toEqual([2, 4, 6]);
      expect(problem.problems?.every((p) => p.file === file)).toBe(true);
      expect((await engine.listRuns({ flowId: 'lines' }))).toEqual([]);
    });

    it('skips blank lines, handles CRLF and a missing final newline', async () => {
      const engine = await ws.open();
      const file = ws.path('crlf.jsonl');
      writeFileSync(file, '\uFEFF{"n":1}\r\n\r\n{"n":2}\r\n   \n{"n":3}');
      const report = await engine.drive(await engine.startRun({ flow, inputs: [{ triggerId: 'in', jsonlFile: file }] }));
      expect(report.outputs.m).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
      expect(report.counts.received).toBe(3);
    });

    it('resumes an interrupted ingest exactly where it stopped, every line once', async () => {
      const file = ws.path('many.jsonl');
      const count = 5000;
      writeFileSync(file, `${Array.from({ length: count }, (_, n) => JSON.stringify({ n, text: 'ü'.repeat(n % 7) })).join('\n')}\n`);
      const first = await ws.open({ batchSize: 100, queueLimit: 300 });
      const runId = await first.startRun({ flow, inputs: [{ triggerId: 'in', jsonlFile: file }] });
      const stop = new AbortController();
      const interrupted = await first.drive(runId, { signal: stop.signal, onProgress: (p) => { if (p.processed >= 1200) stop.abort(); } });
      expect(interrupted.status).toBe('interrupted');
      expect(interrupted.counts.pending).toBeGreaterThan(0);
      first.close();

      const second = await ws.open({ batchSize: 100, queueLimit: 300 });
      const report = await second.resume(runId);
      expect(report.status).toBe('succeeded');
      const ns = (report.outputs.m as Array<{ n: number }>).map((o) => o.n);
      expect(ns).toHaveLength(count);
      expect(new Set(ns).size).toBe(count);
      expect(report.counts).toMatchObject({ received: count, pending: 0 });
    });

    it('refuses to resume from an input file that changed since the run started, and resumes once it is back', async () => {
      const file = ws.path('regenerated.jsonl');
      const lines = (from: number): string => `${Array.from({ length: 3000 }, (_, n) => JSON.stringify({ n: from + n })).join('\n')}\n`;
      const original = lines(0);
      writeFileSync(file, original);
      // A whole second, so that setting it again below restores it exactly.
      const originalTime = new Date(Math.floor(Date.now() / 1000) * 1000 - 60_000);
      utimesSync(file, originalTime, originalTime);
      const first = await ws.open({ batchSize: 100, queueLimit: 300 });
      const runId = await first.startRun({ flow, inputs: [{ triggerId: 'in', jsonlFile: file }] });
      const stop = new AbortController();
      await first.drive(runId, { signal: stop.signal, onProgress: (p) => { if (p.processed >= 600) stop.abort(); } });
      first.close();

      // Regenerated with other lines of a different length: the recorded offset would split a line.
      writeFileSync(file, lines(100_000));
      const second = await ws.open({ batchSize: 100, queueLimit: 300 });
      const refused = await second.resume(runId).then(() => undefined, (caught: unknown) => caught);
      expect(refused).toBeInstanceOf(PipewrightError);
      expect((refused as PipewrightError).code).toBe('INPUT_CHANGED');
      expect((refused as PipewrightError).message).toContain(file);
      expect((refused as PipewrightError).message).toContain('start a new run');

      // Same size and modification time, other content (a copy that kept the time): the hash tells.
      const sameLength = original.replace('{"n":2999}', '{"n":9992}');
      expect(sameLength.length).toBe(original.length);
      writeFileSync(file, sameLength);
      utimesSync(file, originalTime, originalTime);
      const byHash = await second.resume(runId).then(() => undefined, (caught: unknown) => caught);
      expect((byHash as PipewrightError).code).toBe('INPUT_CHANGED');
      expect((byHash as PipewrightError).message).toContain('content differs');

      writeFileSync(file, original);
      utimesSync(file, originalTime, originalTime);
      const report = await second.resume(runId);
      expect(report.status).toBe('succeeded');
      const ns = (report.outputs.m as Array<{ n: number }>).map((o) => o.n);
      expect(ns).toHaveLength(3000);
      expect(new Set(ns).size).toBe(3000);
      expect(Math.max(...ns)).toBe(2999);
    });
  });
}
