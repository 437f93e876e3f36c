// A JSON-lines input the caller already checked (TriggerInput.jsonlChecked, what `pipewright run --jsonl`
// hands on) is not scanned again while the file is unchanged; a file changed since its check is
// validated by the engine as any other.
import { utimesSync, writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { validateJsonLines } from '../../../main/engine/jsonl.js';
import { chain, TempWorkspace } from '../../fixtures/engine/workspace.js';

const ws = new TempWorkspace();
afterAll(() => ws.remove());

const flow = chain('checked', [['in', 'trigger.manual'], ['m', 'transform.map', { expression: '{ "n": n * 2 }' }]]);

function inputFile(name: string, lines: string[]): string {
  const path = ws.path(name);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

describe('a JSON-lines input checked by the caller', () => {
  it('runs on the check as given while the file is unchanged', async () => {
    const path = inputFile('three.jsonl', ['{"n":1}', '{"n":2}', '{"n":3}']);
    const checked = validateJsonLines(path);
    const engine = await ws.open();
    // Told of two messages where the file holds three: the engine took the check as it was given,
    // without reading the file to count its lines itself.
    const runId = await engine.startRun({ flow, kind: 'run', inputs: [{ triggerId: 'in', jsonlFile: path, jsonlChecked: { ...checked, count: 2 } }] });
    expect((await engine.report(runId)).counts.received).toBe(2);
  });

  it('validates a file changed since its check, refusing the bad line the check never saw', async () => {
    const path = inputFile('changed.jsonl', ['{"n":1}', '{"n":2}']);
    const checked = validateJsonLines(path);
    writeFileSync(path, '{"n":1}\n{"n":\n');
    const engine = await ws.open();
    await expect(engine.startRun({ flow, kind: 'run', inputs: [{ triggerId: 'in', jsonlFile: path, jsonlChecked: checked }] })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('validates a file of the same size touched since its check', async () => {
    const path = inputFile('touched.jsonl', ['{"n":1}', '{"n":2}']);
    const checked = validateJsonLines(path);
    writeFileSync(path, '{"n":1}\n{"n":}\n');
    const later = new Date(checked.file.mtimeMs + 5_000);
    utimesSync(path, later, later);
    const engine = await ws.open();
    await expect(engine.startRun({ flow, kind: 'run', inputs: [{ triggerId: 'in', jsonlFile: path, jsonlChecked: checked }] })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('runs every message of a file whose check holds', async () => {
    const path = inputFile('whole.jsonl', ['{"n":1}', '', '{"n":2}', '{"n":3}']);
    const engine = await ws.open();
    const runId = await engine.startRun({ flow, kind: 'run', inputs: [{ triggerId: 'in', jsonlFile: path, jsonlChecked: validateJsonLines(path) }] });
    const report = await engine.drive(runId);
    expect(report.status).toBe('succeeded');
    expect(report.outputCounts).toEqual({ m: 3 });
  });
});
