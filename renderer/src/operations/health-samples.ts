// The Flows overview's series, from successive `runs.health` answers: messages per minute and the
// error rate from the growth of each live run's counters between two answers, the queue depth and the
// oldest waiting message's age (in seconds, the oldest at any node) as read. Pure: one function folds an answer into the series, so it is tested without a server.
import type { HealthSnapshot } from '../../../shared/api/runs.js';

/** Points kept per flow: two minutes at one answer every two seconds. */
export const MAX_POINTS = 60;

export interface FlowSeries {
  flowId: string;
  runId: string;
  flowVersion: number;
  /** Seconds since the epoch, one per answer (uPlot's x axis). */
  times: number[];
  perMinute: number[];
  /** Dead per processed between two answers, in percent. */
  errorRate: number[];
  queueDepth: number[];
  /** Seconds the oldest waiting message has waited, at whichever node (0 when none waits). */
  oldestAge: number[];
  /** The counters of the last answer, to measure the next one against. */
  last: { at: number; processed: number; dead: number };
}

export function foldHealth(previous: ReadonlyMap<string, FlowSeries>, snapshot: HealthSnapshot): Map<string, FlowSeries> {
  const at = Date.parse(snapshot.at);
  const next = new Map<string, FlowSeries>();
  for (const flow of snapshot.flows) {
    const before = previous.get(flow.flowId);
    const depth = Object.values(flow.queueDepth).reduce((sum, n) => sum + n, 0);
    const last = { at, processed: flow.processed, dead: flow.dead };
    // A redeploy gives the flow a new live run whose counters start again: no rate across the two.
    if (!before || before.runId !== flow.runId || at <= before.last.at) {
      next.set(flow.flowId, { flowId: flow.flowId, runId: flow.runId, flowVersion: flow.flowVersion, times: [], perMinute: [], errorRate: [], queueDepth: [], oldestAge: [], last });
      continue;
    }
    const processed = Math.max(0, flow.processed - before.last.processed);
    const dead = Math.max(0, flow.dead - before.last.dead);
    const keep = <T>(values: T[], value: T): T[] => [...values, value].slice(-MAX_POINTS);
    next.set(flow.flowId, {
      ...before,
      flowVersion: flow.flowVersion,
      times: keep(before.times, at / 1000),
      perMinute: keep(before.perMinute, (processed * 60_000) / (at - before.last.at)),
      errorRate: keep(before.errorRate, processed === 0 ? 0 : Math.min(100, (dead / processed) * 100)),
      queueDepth: keep(before.queueDepth, depth),
      oldestAge: keep(before.oldestAge, Math.max(0, ...Object.values(flow.oldestMessageAgeMs ?? {})) / 1000),
      last,
    });
  }
  return next;
}
