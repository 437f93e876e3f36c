// Drives runs in the background and turns what happens into events: run.started, run.progress,
// node.status (throttled, and once more per node at the end) and run.finished. The service returns a
// run id at once; the designer follows along through these events.
import type { ApiEvent, EventListener } from '../../shared/api/events.js';
import type { NodeRunState } from '../../shared/api/runs.js';
import { toErrorData } from '../../shared/api/errors.js';
import type { DriveOptions, Engine, RunKind, RunProgress, RunReport } from '../engine/types.js';
import { NODE_STATE_TRACE_LIMIT, nodeStates } from './node-states.js';

/** Node states are recomputed from traces at most this often while a run goes on. */
const NODE_STATUS_INTERVAL_MS = 200;
const REMEMBERED_RUNS = 1000;

export interface TrackedRun {
  flowId: string;
  nodeIds: ReadonlyArray<string>;
}

export class RunTracker {
  private readonly active = new Map<string, { abort: AbortController; done: Promise<void> }>();
  /** Drives that answer their caller instead of sending events (flows.test): close stops them too. */
  private readonly quiet = new Set<{ abort: AbortController; done: Promise<unknown> }>();
  /** Node order of recent runs started here: an unsaved flow's nodes are known nowhere else. */
  private readonly nodeOrder = new Map<string, ReadonlyArray<string>>();

  constructor(
    private readonly engine: Engine,
    private readonly emit: EventListener,
  ) {}

  /** Drives a started run in the background; the promise settles when the drive ends (never rejects). */
  driveInBackground(runId: string, kind: RunKind, run: TrackedRun): void {
    const abort = new AbortController();
    this.remember(runId, run.nodeIds);
    this.send({ type: 'run.started', runId, flowId: run.flowId, kind });
    // Started on the next turn, so the caller's response (with the run id) goes out before the first events.
    const done = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => this.follow(runId, run, (options) => this.engine.drive(runId, { ...options, signal: abort.signal })))
      .then(() => undefined)
      .finally(() => this.active.delete(runId));
    this.active.set(runId, { abort, done });
  }

  /**
   * Runs `drive` (a drive or a replay) and sends its events. The run id of a replay is only known from
   * its first progress report, so run.started is sent then when `announce` is set.
   */
  async follow(runId: string | undefined, run: TrackedRun, drive: (options: DriveOptions) => Promise<RunReport>, announce?: RunKind): Promise<RunReport | undefined> {
    let known = runId;
    let lastStatusAt = 0;
    const sentStates = new Map<string, string>();
    const onProgress = (progress: RunProgress): void => {
      if (known === undefined && announce) this.send({ type: 'run.started', runId: progress.runId, flowId: run.flowId, kind: announce });
      known = progress.runId;
      this.remember(known, run.nodeIds);
      this.send({ type: 'run.progress', flowId: run.flowId, ...progress });
      const now = Date.now();
      if (now - lastStatusAt >= NODE_STATUS_INTERVAL_MS) {
        lastStatusAt = now;
        // Fire and forget: a progress callback cannot wait, and a late state is superseded by the final one.
        void this.sendNodeStates(progress.runId, run.nodeIds, false, sentStates);
      }
    };
    try {
      const report = await drive({ onProgress });
      await this.sendNodeStates(report.runId, run.nodeIds, report.status !== 'running', sentStates);
      const finished: ApiEvent = { type: 'run.finished', runId: report.runId, flowId: run.flowId, status: report.status, counts: report.counts };
      if (report.finishedAt !== undefined) finished.finishedAt = report.finishedAt;
      this.send(finished);
      return report;
    } catch (error) {
      if (known !== undefined) await this.sendFailure(known, run.flowId, error);
      if (announce) throw error;
      return undefined;
    }
  }

  /**
   * Work that drives runs without events, because its caller waits for the outcome (flows.test). The
   * signal it gets is aborted by close, so shutting the service down never waits on a long test.
   */
  async quietly<T>(work: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const abort = new AbortController();
    const done = work(abort.signal);
    const entry = { abort, done };
    this.quiet.add(entry);
    try {
      return await done;
    } finally {
      this.quiet.delete(entry);
    }
  }

  /** Aborts a drive this tracker runs; the run stays resumable. */
  async stop(runId: string): Promise<boolean> {
    const entry = this.active.get(runId);
    if (!entry) return false;
    entry.abort.abort();
    await entry.done;
    return true;
  }

  /** The node ids of a run started by this service, in flow order. */
  nodeIdsOf(runId: string): ReadonlyArray<string> | undefined {
    return this.nodeOrder.get(runId);
  }

  isDriving(runId: string): boolean {
    return this.active.has(runId);
  }

  /** Stops every drive and waits for leases to be released. */
  async close(): Promise<void> {
    const entries = [...this.active.values(), ...this.quiet];
    for (const entry of entries) entry.abort.abort();
    await Promise.allSettled(entries.map((entry) => entry.done));
  }

  private remember(runId: string, nodeIds: ReadonlyArray<string>): void {
    this.nodeOrder.set(runId, nodeIds);
    if (this.nodeOrder.size > REMEMBERED_RUNS) this.nodeOrder.delete(this.nodeOrder.keys().next().value as string);
  }

  private async sendNodeStates(runId: string, nodeIds: ReadonlyArray<string>, finished: boolean, sent: Map<string, string>): Promise<void> {
    let states: NodeRunState[];
    try {
      states = nodeStates(nodeIds, await this.engine.traces(runId, { limit: NODE_STATE_TRACE_LIMIT }), finished);
    } catch {
      return; // The engine closed under a finishing run: the report is gone with it, nothing to show.
    }
    for (const state of states) {
      if (state.status === 'idle') continue;
      const key = JSON.stringify([state.status, state.counts]);
      if (sent.get(state.nodeId) === key) continue;
      sent.set(state.nodeId, key);
      this.send({ type: 'node.status', runId, nodeId: state.nodeId, status: state.status, counts: state.counts });
    }
  }

  private async sendFailure(runId: string, flowId: string, error: unknown): Promise<void> {
    let report: RunReport | undefined;
    try {
      report = await this.engine.report(runId);
    } catch {
      report = undefined;
    }
    this.send({
      type: 'run.finished', runId, flowId,
      status: report?.status ?? 'failed',
      counts: report?.counts ?? { received: 0, processed: 0, pending: 0, dead: 0 },
      error: toErrorData(error),
    });
  }

  /** A listener that throws must not break the run it listens to. */
  private send(event: ApiEvent): void {
    try {
      this.emit(event);
    } catch {
      // The transport's problem; the run goes on and its state stays readable through runs.get.
    }
  }
}
