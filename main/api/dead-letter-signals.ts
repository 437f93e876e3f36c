// Turns what this service sees into `dlq.changed` events (shared/api/events.ts), so the designer's Dead
// letters view and tab count follow without a reload: a run's or a live flow's dead count growing
// (letters created), and the dlq handlers' replays, edits and discards. One place for both hosts: the
// service's event listener goes through `emit` here, whichever transport carries it on.
import type { ApiEvent, DeadLetterChange, EventListener } from '../../shared/api/events.js';
import type { ActivateOptions, Engine, RunProgress } from '../engine/types.js';

/** Runs whose dead count is remembered; the oldest is forgotten first (a forgotten run just signals once more). */
const REMEMBERED_RUNS = 1000;

export interface DeadLetterSignals {
  /** The service's event listener with the signals added: pass it where events were sent. */
  emit: EventListener;
  /** Progress of a run that sends no events of its own (a live flow's run). */
  progress(flowId: string, progress: RunProgress): void;
  /** A change the service made itself (replay, edit, discard). */
  changed(change: DeadLetterChange, flowIds: Iterable<string>): void;
}

export function createDeadLetterSignals(emit: EventListener): DeadLetterSignals {
  const deadByRun = new Map<string, number>();
  const send = (event: ApiEvent): void => {
    try {
      emit(event);
    } catch {
      // The transport's problem; the run or call that caused the change goes on.
    }
  };
  const changed = (change: DeadLetterChange, flowIds: Iterable<string>): void => {
    const ids = [...new Set(flowIds)];
    if (ids.length > 0) send({ type: 'dlq.changed', change, flowIds: ids });
  };
  /** Counters only grow within a run, so a higher dead count means new letters. */
  const observe = (flowId: string, runId: string, dead: number): void => {
    const before = deadByRun.get(runId) ?? 0;
    if (dead <= before) return;
    deadByRun.delete(runId);
    deadByRun.set(runId, dead);
    if (deadByRun.size > REMEMBERED_RUNS) deadByRun.delete(deadByRun.keys().next().value as string);
    changed('created', [flowId]);
  };
  return {
    emit(event) {
      send(event);
      if (event.type === 'run.progress') observe(event.flowId, event.runId, event.dead);
      else if (event.type === 'run.finished') observe(event.flowId, event.runId, event.counts.dead);
    },
    progress: (flowId, progress) => observe(flowId, progress.runId, progress.dead),
    changed,
  };
}

/**
 * The engine as live flows should use it: each activation's progress also reaches `progress`. Live
 * runs send no run events (a busy webhook flow would flood the stream), but their new dead letters
 * must be signalled; this keeps that concern here instead of in the live-flow lifecycle.
 */
export function reportingLiveProgress(engine: Engine, progress: DeadLetterSignals['progress']): Engine {
  const activate: Engine['activate'] = (flow, options: ActivateOptions = {}) => engine.activate(flow, {
    ...options,
    onProgress: (report) => {
      options.onProgress?.(report);
      progress(flow.id, report);
    },
  });
  return new Proxy(engine, {
    get(target, key) {
      if (key === 'activate') return activate;
      const value: unknown = Reflect.get(target, key, target);
      // Methods run on the engine itself, whose private fields a proxy receiver would not have.
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
