import { describe, expect, it } from 'vitest';
import type { ApiEvent } from '../../../shared/api/events.js';
import type { FlowDocument } from '../../../shared/flow/schema.js';
import { createDeadLetterSignals, reportingLiveProgress } from '../../../main/api/dead-letter-signals.js';
import type { ActivateOptions, Activation, Engine } from '../../../main/engine/types.js';

const progress = (runId: string, dead: number): ApiEvent => ({ type: 'run.progress', runId, flowId: 'f', received: 5, processed: 5, pending: 0, dead });

describe('dead-letter signals', () => {
  it('passes every event on and adds one dlq.changed each time a run\'s dead count grows', () => {
    const sent: ApiEvent[] = [];
    const signals = createDeadLetterSignals((event) => sent.push(event));
    for (const event of [progress('r1', 0), progress('r1', 1), progress('r1', 1), progress('r2', 2)]) signals.emit(event);
    signals.emit({ type: 'run.finished', runId: 'r1', flowId: 'f', status: 'failed', counts: { received: 5, processed: 5, pending: 0, dead: 3 } });
    expect(sent.map((event) => event.type)).toEqual(['run.progress', 'run.progress', 'dlq.changed', 'run.progress', 'run.progress', 'dlq.changed', 'run.finished', 'dlq.changed']);
    expect(sent.filter((event) => event.type === 'dlq.changed')).toEqual(Array.from({ length: 3 }, () => ({ type: 'dlq.changed', change: 'created', flowIds: ['f'] })));
  });

  it('keeps going when the listener throws', () => {
    const signals = createDeadLetterSignals(() => {
      throw new Error('stream gone');
    });
    expect(() => signals.emit(progress('r1', 1))).not.toThrow();
  });

  it('reports a live activation\'s progress under its flow id, besides the caller\'s own listener', async () => {
    const calls: Array<[string, number]> = [];
    const own: number[] = [];
    const engine = {
      name: 'fake',
      activate(_flow: FlowDocument, options: ActivateOptions = {}) {
        options.onProgress?.({ runId: 'live', received: 1, processed: 1, pending: 0, dead: 1 });
        return Promise.resolve({ flowId: 'hooks' } as Activation);
      },
      describe(this: { name: string }) {
        return this.name;
      },
    } as unknown as Engine & { describe(): string };
    const wrapped = reportingLiveProgress(engine, (flowId, report) => calls.push([flowId, report.dead])) as Engine & { describe(): string };
    await wrapped.activate({ id: 'hooks' } as FlowDocument, { onProgress: (report) => own.push(report.dead) });
    expect(calls).toEqual([['hooks', 1]]);
    expect(own).toEqual([1]);
    // Other methods run on the engine itself.
    expect(wrapped.describe()).toBe('fake');
  });
});
