import { describe, expect, it, vi } from 'vitest';
import type { FlowHealth } from '../../../shared/api/runs.js';
import { createNodeHealthStore, describeNodeHealth, nodeHealthOf } from '../../../renderer/src/canvas/node-health.js';

const live = (queueDepth: Record<string, number>): FlowHealth => ({ flowId: 'orders', flowVersion: 1, runId: 'r1', received: 5, processed: 3, dead: 2, queueDepth, oldestMessageAgeMs: {} });

describe('live health of the canvas nodes', () => {
  it('gives every node its queue depth and its dead letters, zero where there are none', () => {
    const groups = [
      { flowId: 'orders', nodeId: 'check', errorCode: 'PW-MAPPING', count: 2, latestAt: '' },
      { flowId: 'orders', nodeId: 'check', errorCode: 'D3001', count: 1, latestAt: '' },
      { flowId: 'other', nodeId: 'wait', errorCode: 'X', count: 9, latestAt: '' },
    ];
    expect(Object.fromEntries(nodeHealthOf(['hook', 'check', 'wait'], live({ wait: 4 }), groups))).toEqual({
      hook: { queued: 0, dead: 0 },
      check: { queued: 0, dead: 3 },
      wait: { queued: 4, dead: 0 },
    });
  });

  it('keeps the object of every node whose numbers did not change, so only changed badges re-render', () => {
    const store = createNodeHealthStore();
    const ids = Array.from({ length: 1000 }, (_, i) => `m${i}`);
    store.set(nodeHealthOf(ids, live({ m5: 1 }), []));
    const before = ids.map((id) => store.get(id));
    const listener = vi.fn();
    store.subscribe(listener);

    store.set(nodeHealthOf(ids, live({ m5: 1, m7: 2 }), []));
    const changed = ids.filter((id, i) => store.get(id) !== before[i]);
    expect(changed).toEqual(['m7']);
    expect(listener).toHaveBeenCalledTimes(1);

    store.set(nodeHealthOf(ids, live({ m5: 1, m7: 2 }), []));
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('drops every badge when the flow stops being live', () => {
    const store = createNodeHealthStore();
    store.set(nodeHealthOf(['a'], live({ a: 1 }), []));
    store.set(new Map());
    expect(store.get('a')).toBeUndefined();
  });

  it('names the numbers for screen readers', () => {
    expect(describeNodeHealth({ queued: 3, dead: 1 })).toBe('Live: 3 queued, 1 dead letter');
    expect(describeNodeHealth({ queued: 0, dead: 2 })).toBe('Live: 0 queued, 2 dead letters');
  });
});
