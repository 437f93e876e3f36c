// Which runs keep which payloads (main/engine/traces.ts): the run kind's default unless the flow sets
// `settings.trace`, and a sampled trace's head of each input or live activation.
import { describe, expect, it } from 'vitest';
import type { FlowDocument } from '../../../shared/flow/schema.js';
import { liveMessageId, triggerMessageId } from '../../../main/engine/ids.js';
import { buildRunPlan } from '../../../main/engine/run-plan.js';
import { keepsPayloads, TRACE_HEAD, tracePolicy } from '../../../main/engine/traces.js';

function plan(settings?: FlowDocument['settings']) {
  const flow: FlowDocument = {
    format: 'pipewright/flow@1', id: 'f', name: 'f',
    nodes: [{ id: 'in', type: 'trigger.manual', position: [0, 0], config: {} }],
    edges: [],
    ...(settings ? { settings } : {}),
  };
  return buildRunPlan(flow, { queueLimit: 100 });
}

describe('trace policy', () => {
  it('traces test runs in full and samples batch, replay and live runs', () => {
    expect(tracePolicy(plan(), 'test').mode).toBe('full');
    for (const kind of ['run', 'replay', 'live'] as const) expect(tracePolicy(plan(), kind)).toEqual({ mode: 'sampled', sampleRate: 0.01 });
  });

  it('lets the flow\'s own trace setting and rate win in every kind of run', () => {
    expect(tracePolicy(plan({ trace: 'errors' }), 'test').mode).toBe('errors');
    expect(tracePolicy(plan({ trace: 'full' }), 'live').mode).toBe('full');
    expect(tracePolicy(plan({ trace: 'sampled', traceSampleRate: 0.5 }), 'run')).toEqual({ mode: 'sampled', sampleRate: 0.5 });
  });

  it('keeps the first messages of a live activation and of an input, and about the rate after them', () => {
    const policy = tracePolicy(plan({ traceSampleRate: 0 }), 'live');
    expect(keepsPayloads(policy, `${liveMessageId('r1', 'hook', 'abcdef', TRACE_HEAD - 1)}/1`)).toBe(true);
    expect(keepsPayloads(policy, liveMessageId('r1', 'hook', 'abcdef', TRACE_HEAD))).toBe(false);
    expect(keepsPayloads(policy, triggerMessageId('r1', 0, TRACE_HEAD))).toBe(true);
    expect(keepsPayloads(policy, triggerMessageId('r1', 0, TRACE_HEAD + 1))).toBe(false);
    const sampled = tracePolicy(plan(), 'run');
    const kept = Array.from({ length: 20_000 }, (_, i) => triggerMessageId('rsample', 0, TRACE_HEAD + 1 + i)).filter((id) => keepsPayloads(sampled, id)).length;
    expect(kept).toBeGreaterThan(100);
    expect(kept).toBeLessThan(300);
  });
});
