import { describe, expect, it } from 'vitest';
import type { FlowHealth, HealthSnapshot } from '../../../shared/api/runs.js';
import { foldHealth } from '../../../renderer/src/operations/health-samples.js';

const flow = (processed: number, dead: number, oldestMessageAgeMs: Record<string, number>): FlowHealth => ({
  flowId: 'hooks', flowVersion: 1, runId: 'live-1', received: processed, processed, dead, queueDepth: { check: 2 }, oldestMessageAgeMs,
});
const snapshot = (at: string, health: FlowHealth): HealthSnapshot => ({ at, flows: [health] });

describe('Flows overview series', () => {
  it('charts the oldest waiting message\'s age in seconds, the oldest of any node, 0 when none waits', () => {
    let series = foldHealth(new Map(), snapshot('2026-01-01T00:00:00.000Z', flow(0, 0, {})));
    series = foldHealth(series, snapshot('2026-01-01T00:00:02.000Z', flow(10, 1, { check: 1500, send: 4200 })));
    series = foldHealth(series, snapshot('2026-01-01T00:00:04.000Z', flow(20, 1, {})));
    const hooks = series.get('hooks');
    expect(hooks?.oldestAge).toEqual([4.2, 0]);
    expect(hooks?.perMinute).toEqual([300, 300]);
    expect(hooks?.errorRate).toEqual([10, 0]);
    expect(hooks?.queueDepth).toEqual([2, 2]);
  });
});
