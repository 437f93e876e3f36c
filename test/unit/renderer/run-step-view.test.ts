import { describe, expect, it } from 'vitest';
import type { StepTrace } from '../../../shared/runs.js';
import { PAYLOAD_PREVIEW_CHARS, describeWhere, payloadView, stepViews } from '../../../renderer/src/run/step-view.js';

const step = (extra: Partial<StepTrace>): StepTrace => ({ runId: 'r1', nodeId: 'map', messageId: 'm1', attempt: 1, startedAt: '2024-01-01T00:00:00Z', durationMs: 2, ...extra });

describe('run step view', () => {
  it('shows each step\'s input and its outputs grouped by port', () => {
    const [view] = stepViews([
      step({ input: { id: 1 }, outputs: [{ port: 'out', payload: { a: 1 } }, { port: 'rejected', payload: 2 }, { port: 'out', payload: { a: 2 } }] }),
    ]);
    expect(view?.input.text).toBe('{\n  "id": 1\n}');
    expect(view?.outputs.map((o) => [o.port, o.payloads.map((p) => p.text)])).toEqual([
      ['out', ['{\n  "a": 1\n}', '{\n  "a": 2\n}']],
      ['rejected', ['2']],
    ]);
    expect(view?.error).toBeUndefined();
  });

  it('shows an error with its code, message and where it happened', () => {
    const [view] = stepViews([
      step({ attempt: 2, input: {}, error: { code: 'EXPRESSION_FAILED', message: 'Cannot add a string', location: { path: 'nodes[1].config.expression', range: { start: 4, end: 9 } } } }),
    ]);
    expect(view?.title).toBe('Message m1, attempt 2');
    expect(view?.outputs).toEqual([]);
    expect(view?.error).toEqual({ code: 'EXPRESSION_FAILED', message: 'Cannot add a string', where: 'nodes[1].config.expression, characters 4–9' });
  });

  it('says when the trace kept no input and when a payload was cut', () => {
    const [view] = stepViews([step({ outputs: [{ port: 'out', payload: { $truncated: 123456 } }] })]);
    expect(view?.input.missing).toBe(true);
    expect(view?.outputs[0]?.payloads[0]).toMatchObject({ truncated: true, text: '(123456 bytes, too large to keep in the trace)' });
    const big = payloadView('x'.repeat(PAYLOAD_PREVIEW_CHARS * 2));
    expect(big.truncated).toBe(true);
    expect(big.text.length).toBeLessThan(PAYLOAD_PREVIEW_CHARS + 100);
  });

  it('names a file location with its line and column', () => {
    expect(describeWhere({ file: 'flows/a.flow.json', line: 3, column: 7 })).toBe('flows/a.flow.json:3:7');
    expect(describeWhere(undefined)).toBeUndefined();
  });
});
