// Trace defaults by run kind (DESIGN.md §4 "Traces and retention"): without `settings.trace`, a batch
// run keeps the payloads of every failure and of a bounded sample (each input's first TRACE_HEAD
// messages, then about 1%), with counts and timings for every step; a test run keeps everything; a
// flow's own `settings.trace` wins over the run kind.
import { writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import type { FlowDocument } from '../../../shared/flow/schema.js';
import { intakePosition } from '../../../main/engine/ids.js';
import { TRACE_HEAD } from '../../../main/engine/traces.js';
import type { Engine, RunKind, StepTrace } from '../../../main/engine/index.js';
import { chain, TempWorkspace } from '../../fixtures/engine/workspace.js';

const MESSAGES = 1_000;
/** Every 97th message carries a value `$number` cannot read: its step fails. */
const FAILS_EVERY = 97;

const ws = new TempWorkspace();
afterAll(() => ws.remove());

function orders(settings?: FlowDocument['settings']): FlowDocument {
  return chain('orders', [['in', 'trigger.manual'], ['m', 'transform.map', { expression: '{ "n": $number(v) }' }]], settings ? { settings } : {});
}

function inputFile(): string {
  const path = ws.path('orders.jsonl');
  const lines = Array.from({ length: MESSAGES }, (_, index) => JSON.stringify({ v: (index + 1) % FAILS_EVERY === 0 ? 'x' : String(index + 1) }));
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

async function mapSteps(engine: Engine, flow: FlowDocument, kind: RunKind): Promise<StepTrace[]> {
  const runId = await engine.startRun({ flow, kind, inputs: [{ triggerId: 'in', jsonlFile: inputFile() }] });
  await engine.drive(runId);
  return engine.traces(runId, { nodeId: 'm', limit: 10 * MESSAGES });
}

const failures = Math.floor(MESSAGES / FAILS_EVERY);

describe('trace defaults', () => {
  it('keeps a batch run\'s failures and a bounded sample of payloads, with a timed step for every message', async () => {
    const engine = await ws.open();
    const steps = await mapSteps(engine, orders(), 'run');
    expect(steps).toHaveLength(MESSAGES);
    for (const step of steps) expect(step.durationMs).toBeGreaterThanOrEqual(0);

    const failed = steps.filter((step) => step.error !== undefined);
    expect(failed).toHaveLength(failures);
    for (const step of failed) expect(step.input).toEqual({ v: 'x' });

    const kept = steps.filter((step) => step.error === undefined && step.input !== undefined);
    const head = kept.filter((step) => (intakePosition(step.messageId) ?? Infinity) <= TRACE_HEAD);
    expect(head).toHaveLength(TRACE_HEAD - Math.floor(TRACE_HEAD / FAILS_EVERY));
    for (const step of head) expect(step.outputs).toEqual([{ port: 'out', payload: { n: intakePosition(step.messageId) } }]);
    // After the head about 1% of the ~890 successful messages: far fewer than all of them.
    expect(kept.length - head.length).toBeLessThan(60);
    expect(steps.filter((step) => step.error === undefined && step.input === undefined).length).toBeGreaterThan(MESSAGES - TRACE_HEAD - failures - 60);
  });

  it('keeps every payload of a test run', async () => {
    const engine = await ws.open();
    const steps = await mapSteps(engine, orders(), 'test');
    expect(steps).toHaveLength(MESSAGES);
    expect(steps.filter((step) => step.input === undefined)).toEqual([]);
  });

  it('keeps every payload of a batch run whose flow asks for trace "full"', async () => {
    const engine = await ws.open();
    const steps = await mapSteps(engine, orders({ trace: 'full' }), 'run');
    expect(steps).toHaveLength(MESSAGES);
    expect(steps.filter((step) => step.input === undefined)).toEqual([]);
  });

  it('lets a flow\'s trace "errors" win over the test run\'s default', async () => {
    const engine = await ws.open();
    const steps = await mapSteps(engine, orders({ trace: 'errors' }), 'test');
    expect(steps.filter((step) => step.input !== undefined)).toHaveLength(failures);
  });
});
