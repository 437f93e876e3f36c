// The engine as hosts use it (types.ts `Engine`), on any store (./store/types.ts): wires the flow
// registry, ingest, the scheduler, reports, traces, dead letters, retention and activations together.
// Each concern lives in its own file beside this one; this file only decides the order of things.
import { PipewrightError } from '../../shared/errors.js';
import type { FlowDocument } from '../../shared/flow/schema.js';
import { activateFlow, SharedLiveFeed, waitForWork, type ActivationHost } from './activation.js';
import { BatchCommitter } from './commit.js';
import { toDeadLetter, toDeadLetterSummary } from './dead-letter-view.js';
import { FlowRegistry } from './flow-registry.js';
import { newRunId, replayMessageId } from './ids.js';
import { inputRecords, prepareInputs } from './ingest.js';
import { createIsolatedMappingEvaluator } from './mapping/isolated-evaluator.js';
import { createConnectionProvider, createFilePolicy, type NodeServices } from './node-services/index.js';
import { newOwnerToken, retireOwnerToken } from './owner.js';
import { isOwnerGone, recoverAbandonedWork } from './recovery.js';
import { finalStatus, RunReports } from './report.js';
import { Redaction } from './redaction.js';
import { RetentionPolicy } from './retention.js';
import { toRunLogLine } from './run-logs.js';
import { buildRunPlan, type RunPlan } from './run-plan.js';
import { driveToEnd, type LiveFeed } from './scheduler.js';
import { checkStandIns, readStandIns, standInWrite, withStandIns } from './stand-ins.js';
import type { EngineStore, RunRecord } from './store/types.js';
import { emissionsOf, toStepTrace } from './traces.js';
import type {
  ActivateOptions, Activation, DeadLetter, DeadLetterSummary, DriveOptions, Engine as EngineApi, LogLevel, MappingEvaluator, OpenEngineOptions, RunReport, RunSummary,
  StartRunOptions, StepTrace,
} from './types.js';

export const ENGINE_DEFAULTS = { leaseMs: 30_000, batchSize: 500, batchBytes: 64 * 1024 * 1024, queueLimit: 10_000 } as const;

export type EngineOptions = Omit<OpenEngineOptions, 'workspace'> & {
  workspace?: string;
  /** JSONata evaluation; default: isolated in evaluation processes (DESIGN.md §5), the in-process one for benchmarks. */
  mapping?: MappingEvaluator;
};

export interface WorkOptions {
  signal: AbortSignal;
  /** Runs driven at once (default 4). */
  concurrency?: number;
  /** The longest wait for new work when no notification comes (default 1 s). */
  pollMs?: number;
  /** A drive or a look for work failed (the database is away…); the loop goes on after a backoff. */
  onError?: (error: unknown) => void;
  /** The store answered again after failing to. */
  onRecovered?: () => void;
}

export class Engine implements EngineApi {
  private readonly flows: FlowRegistry;
  private readonly committer: BatchCommitter;
  private readonly reports: RunReports;
  private readonly retention: RetentionPolicy;
  private readonly services: NodeServices;
  private readonly redaction: Redaction;
  private readonly plans = new Map<string, RunPlan>();
  /** Runs being driven by this engine right now → their owner token and a way to stop them. */
  private readonly driving = new Map<string, { owner: string; stop: AbortController; done: Promise<unknown> }>();
  private readonly activations = new Set<Activation>();
  /** Stamped on runs created here until a drive takes them over. */
  private readonly engineOwner = newOwnerToken();
  private readonly leaseMs: number;
  private readonly batchSize: number;
  private readonly batchBytes: number;
  private readonly queueLimit: number;
  /** Recovery of work a dead process left, done once before anything else. */
  private readonly ready: Promise<unknown>;
  private closed = false;

  constructor(private readonly store: EngineStore, private readonly options: EngineOptions = {}) {
    this.leaseMs = options.leaseMs ?? ENGINE_DEFAULTS.leaseMs;
    this.batchSize = options.batchSize ?? ENGINE_DEFAULTS.batchSize;
    this.batchBytes = options.batchBytes ?? ENGINE_DEFAULTS.batchBytes;
    this.queueLimit = options.queueLimit ?? ENGINE_DEFAULTS.queueLimit;
    // Everything the engine stores is redacted once a credential has handed out a secret (./redaction.ts).
    this.redaction = new Redaction(options.credentials?.redactor);
    this.flows = new FlowRegistry(store);
    this.committer = new BatchCommitter(store, this.redaction);
    this.reports = new RunReports(store, this.leaseMs, this.redaction);
    this.retention = new RetentionPolicy(store, options.workspace);
    const files = createFilePolicy(options.fileRoots ?? (options.workspace === undefined ? [] : [options.workspace]));
    this.services = {
      mapping: options.mapping ?? createIsolatedMappingEvaluator(), credentials: options.credentials, files, connections: createConnectionProvider(files, options.credentials), keyValue: store.keyValue,
    };
    // On a shared store no run is abandoned by one process: message leases run out by themselves.
    this.ready = store.sharedRuns === true ? Promise.resolve() : recoverAbandonedWork(store, this.leaseMs);
    // A failed recovery surfaces on the first call that awaits it; never as an unhandled rejection.
    this.ready.catch(() => undefined);
  }

  async registerFlow(flow: FlowDocument, flowPath?: string): Promise<{ flowId: string; version: number }> {
    await this.open();
    return this.flows.register(flow, flowPath);
  }

  async startRun(options: StartRunOptions): Promise<string> {
    await this.open();
    const { flowId, version } = await this.flows.register(options.flow, options.flowPath);
    const plan = await this.planFor(flowId, version);
    const kind = options.kind ?? 'run';
    if (options.standIns !== undefined) checkStandIns(plan, options.standIns, kind);
    const inputs = prepareInputs(plan, options.inputs);
    const runId = newRunId();
    const records = inputRecords(runId, inputs);
    await this.store.unitOfWork(async (tx) => {
      await tx.insertRun({
        id: runId, flowId, flowVersion: version, flowPath: options.flowPath, kind, owner: this.engineOwner,
        received: inputs.reduce((sum, input) => sum + input.total, 0),
      });
      await tx.insertInputs(records.inputs);
      if (options.standIns !== undefined) await tx.putState([standInWrite(runId, options.standIns)]);
      await tx.enqueue(records.messages);
    });
    return runId;
  }

  drive(runId: string, options: DriveOptions = {}): Promise<RunReport> {
    return this.driveRun(runId, options);
  }

  resume(runId: string, options: DriveOptions = {}): Promise<RunReport> {
    return this.driveRun(runId, options);
  }

  async report(runId: string): Promise<RunReport> {
    await this.open();
    return this.reports.report(runId);
  }

  async runSummary(runId: string): Promise<RunSummary> {
    await this.open();
    return this.reports.summaryOf(runId);
  }

  async listRuns(options?: { flowId?: string; limit?: number }): Promise<RunSummary[]> {
    await this.open();
    return this.reports.list(options);
  }

  async traces(runId: string, options: { nodeId?: string; limit?: number } = {}): Promise<StepTrace[]> {
    await this.open();
    const query: { nodeId?: string; limit: number } = { limit: options.limit ?? 1000 };
    if (options.nodeId !== undefined) query.nodeId = options.nodeId;
    return (await this.store.traces.steps(runId, query)).map(toStepTrace);
  }

  async emissions(runId: string): Promise<Record<string, unknown[]>> {
    await this.open();
    const run = await this.reports.run(runId);
    return emissionsOf(this.store, runId, run.kind === 'test', this.redaction);
  }

  async logs(runId: string): Promise<Array<{ at: string; nodeId?: string; level: LogLevel; message: string }>> {
    await this.open();
    return (await this.store.traces.logs(runId)).map(toRunLogLine);
  }

  async deadLetters(options: { runId?: string; flowId?: string; includeReplayed?: boolean; limit?: number } = {}): Promise<DeadLetterSummary[]> {
    await this.open();
    return (await this.store.deadLetters.list(options)).map(toDeadLetterSummary);
  }

  async deadLetter(id: string): Promise<DeadLetter> {
    await this.open();
    return toDeadLetter(await this.letter(id), this.redaction);
  }

  async replay(ids: string[], flow: FlowDocument, options: DriveOptions & { flowPath?: string } = {}): Promise<RunReport> {
    await this.open();
    if (ids.length === 0) throw new PipewrightError('NOTHING_TO_REPLAY', 'name at least one dead letter to replay');
    const { flowId, version } = await this.flows.register(flow, options.flowPath);
    const plan = await this.planFor(flowId, version);
    const letters = await Promise.all(ids.map((id) => this.letter(id)));
    for (const letter of letters) {
      if (letter.discarded) throw new PipewrightError('DEAD_LETTER_DISCARDED', `dead letter ${letter.id} was discarded and cannot be replayed`);
      if (letter.flowId !== flowId) throw new PipewrightError('REPLAY_FLOW_MISMATCH', `dead letter ${letter.id} belongs to flow "${letter.flowId}", not "${flowId}"`);
      if (!plan.nodes.has(letter.nodeId)) {
        throw new PipewrightError('REPLAY_NODE_MISSING', `dead letter ${letter.id} failed at node "${letter.nodeId}", which the current version of flow "${flowId}" no longer has`);
      }
    }
    const runId = newRunId();
    const replayOf = new Set(letters.map((letter) => letter.runId));
    await this.store.unitOfWork(async (tx) => {
      await tx.insertRun({
        id: runId, flowId, flowVersion: version, flowPath: options.flowPath, kind: 'replay', owner: this.engineOwner, received: letters.length,
        // Linked to the run it replays when there is one; a bulk replay across runs links to none.
        replayOf: replayOf.size === 1 ? [...replayOf][0] : undefined,
      });
      // The same idempotency key as the original message: external systems see the retry for what it is.
      await tx.enqueue(letters.map((letter, index) => ({
        id: replayMessageId(runId, index), runId, nodeId: letter.nodeId, payload: letter.payload, idempotencyKey: letter.idempotencyKey,
      })));
      await tx.markReplayed(letters.map((letter) => letter.id), runId);
    });
    return this.driveRun(runId, options);
  }

  async discard(ids: string[]): Promise<number> {
    await this.open();
    return this.store.deadLetters.discard(ids);
  }

  async prune(): Promise<{ runsDeleted: number }> {
    await this.open();
    return this.retention.prune();
  }

  async activate(flow: FlowDocument, options: ActivateOptions = {}): Promise<Activation> {
    await this.open();
    const { flowId, version } = await this.flows.register(flow, options.flowPath);
    const plan = await this.planFor(flowId, version);
    const host: ActivationHost = {
      store: this.store,
      startLiveRun: async () => {
        const runId = newRunId();
        await this.store.unitOfWork((tx) => tx.insertRun({ id: runId, flowId, flowVersion: version, flowPath: options.flowPath, kind: 'live', owner: this.engineOwner, received: 0 }));
        return runId;
      },
      // On a shared store an activation is intake only: it holds its live run open, and the work loops
      // of the servers and workers (`work`) run the steps — an outage of the database then stops no intake.
      driveLive: (runId, feed, signal) => (this.store.sharedRuns === true
        ? this.holdLive(runId, feed, signal)
        : this.driveRun(runId, { signal, ...(options.onProgress ? { onProgress: options.onProgress } : {}) }, feed)),
      ended: (activation) => this.activations.delete(activation),
    };
    const activation = await activateFlow(host, plan, version, options);
    this.activations.add(activation);
    return activation;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    // Every drive stops (its lease released, its run resumable) and live sources stop taking messages;
    // then the store closes under no one.
    for (const drive of this.driving.values()) drive.stop.abort();
    await Promise.allSettled([...this.activations].map((activation) => activation.deactivate()));
    await Promise.allSettled([...this.driving.values()].map((drive) => drive.done));
    this.closed = true;
    // Runs still being driven are left to recovery: their owner token is retired below, so the next
    // engine (in this process or another) sees them as abandoned and may resume them at once.
    retireOwnerToken(this.engineOwner);
    await this.services.connections?.close();
    await this.store.close();
  }

  private async letter(id: string): Promise<NonNullable<Awaited<ReturnType<EngineStore['deadLetters']['get']>>>> {
    const letter = await this.store.deadLetters.get(id);
    if (!letter) throw new PipewrightError('DEAD_LETTER_NOT_FOUND', `dead letter "${id}" does not exist (see \`pipewright dlq list\`)`);
    return letter;
  }

  /**
   * Works every running run of a shared store (`pipewright worker`, `serve --db`, DESIGN.md §8) until
   * `signal`: each run gets a drive, live runs a feed that stays open while their intake holds them;
   * idle, it waits for a NOTIFY or `pollMs`. A failure (the database away) is reported and retried
   * with a backoff; what was claimed stays leased and comes back when the lease runs out.
   */
  async work(options: WorkOptions): Promise<void> {
    await this.open();
    if (this.store.sharedRuns !== true) {
      throw new PipewrightError('USAGE', `a worker needs a shared store (PostgreSQL: --db postgres://…), not ${this.store.description}`);
    }
    const { signal } = options;
    const concurrency = Math.max(1, options.concurrency ?? 4);
    const pollMs = options.pollMs ?? 1000;
    const drives = new Map<string, Promise<unknown>>();
    // A run whose drive failed is tried again after a backoff of its own (a flow that cannot be
    // planned here must not fill the log every poll); failures to reach the store back the loop off.
    const retryAt = new Map<string, { failures: number; at: number }>();
    let storeFailures = 0;
    while (!signal.aborted) {
      try {
        const now = Date.now();
        for (const run of await this.store.runs.running()) {
          if (drives.size >= concurrency) break;
          if (drives.has(run.id) || this.driving.has(run.id) || (retryAt.get(run.id)?.at ?? 0) > now) continue;
          const feed = run.kind === 'live' ? new SharedLiveFeed(this.store, run.id, this.leaseMs, pollMs) : undefined;
          const drive = this.driveRun(run.id, { signal }, feed).then(
            () => retryAt.delete(run.id),
            (error: unknown) => {
              const failures = (retryAt.get(run.id)?.failures ?? 0) + 1;
              retryAt.set(run.id, { failures, at: Date.now() + Math.min(60_000, 500 * 2 ** Math.min(failures, 7)) });
              options.onError?.(error);
            },
          ).finally(() => drives.delete(run.id));
          drives.set(run.id, drive);
        }
        if (storeFailures > 0) options.onRecovered?.();
        storeFailures = 0;
      } catch (error) {
        storeFailures += 1;
        options.onError?.(error);
      }
      // Failing: back off up to 10 s; else sleep until new work is announced or the poll is due.
      const wait = storeFailures > 0 ? Math.min(10_000, 250 * 2 ** Math.min(storeFailures, 6)) : pollMs;
      await waitForWork(this.store, wait, signal);
    }
    await Promise.allSettled(drives.values());
  }

  /** On a shared store: keeps a live run open (its lease renewed) while its sources take messages; work loops drive it. */
  private async holdLive(runId: string, feed: LiveFeed, signal: AbortSignal): Promise<RunReport> {
    const renew = setInterval(() => {
      this.store.runs.heartbeat(runId, this.engineOwner).catch(() => undefined);
    }, Math.max(200, Math.floor(this.leaseMs / 3)));
    renew.unref();
    try {
      while (feed.open && !signal.aborted) {
        await feed.waitForArrivals(60_000, signal);
        feed.takeArrivals();
      }
    } finally {
      clearInterval(renew);
      // Let go: workers finish what is queued, then end the run.
      await this.store.runs.finish(runId, this.engineOwner, 'interrupted');
    }
    return this.reports.report(runId);
  }

  private async driveRun(runId: string, options: DriveOptions, live?: LiveFeed): Promise<RunReport> {
    await this.open();
    if (this.driving.has(runId)) throw new PipewrightError('RUN_BUSY', `run ${runId} is already being driven by this engine`);
    const run: RunRecord = await this.reports.run(runId);
    // A shared store has no run lease: every process drives with its own token, message leases keep
    // them apart, and a re-drive in this process takes back what it had claimed at once.
    const shared = this.store.sharedRuns === true;
    if (!shared && run.owner !== null && run.owner !== this.engineOwner && !isOwnerGone(run.owner, run.heartbeatAt, this.leaseMs)) {
      throw new PipewrightError('RUN_BUSY', `run ${runId} is being driven by another process (${run.owner}); wait for it or stop that process first`);
    }
    const plan = await this.planOfRun(run);
    const owner = shared ? this.engineOwner : newOwnerToken();
    // Its previous owner is gone (or it is us, starting): take the run's lease, unless another
    // process was quicker.
    if (!shared && !(await this.store.runs.takeOwnership(runId, owner, run.owner))) {
      retireOwnerToken(owner);
      throw new PipewrightError('RUN_BUSY', `run ${runId} was just taken over by another process`);
    }
    const stop = new AbortController();
    const onAbort = (): void => stop.abort(options.signal?.reason);
    options.signal?.addEventListener('abort', onAbort, { once: true });
    if (options.signal?.aborted) stop.abort(options.signal.reason);
    let finished!: () => void;
    this.driving.set(runId, { owner, stop, done: new Promise<void>((resolve) => (finished = resolve)) });
    try {
      let stopped: boolean;
      try {
        const outcome = await driveToEnd(
          {
            store: this.store, committer: this.committer, services: this.services, owner, leaseMs: this.leaseMs, batchSize: this.batchSize, batchBytes: this.batchBytes,
            onLog: this.options.onLog, redaction: this.redaction,
          },
          { ...run, owner },
          plan,
          { signal: stop.signal, onProgress: options.onProgress, live },
        );
        stopped = outcome.stopped;
      } finally {
        options.signal?.removeEventListener('abort', onAbort);
        if (!shared) retireOwnerToken(owner);
        const pending = await this.reports.pending(runId);
        const after = await this.reports.run(runId);
        await this.store.runs.finish(runId, owner, pending > 0 ? 'interrupted' : finalStatus(after.dead));
      }
      const report = await this.reports.report(runId);
      if (!stopped) await this.retention.prune(run.flowId);
      return report;
    } finally {
      // close() waits for this: the store stays open until every drive has recorded how it ended.
      this.driving.delete(runId);
      finished();
    }
  }

  private async planFor(flowId: string, version: number): Promise<RunPlan> {
    const key = `${version}:${flowId}`;
    let plan = this.plans.get(key);
    if (!plan) {
      plan = buildRunPlan(await this.flows.load(flowId, version), { queueLimit: this.queueLimit, executors: this.options.executors });
      this.plans.set(key, plan);
    }
    return plan;
  }

  /** A test run's plan has its stand-ins (./stand-ins.ts) in place of the nodes they replace. */
  private async planOfRun(run: RunRecord): Promise<RunPlan> {
    const plan = await this.planFor(run.flowId, run.flowVersion);
    const standIns = run.kind === 'test' ? await readStandIns(this.store.keyValue, run.id) : undefined;
    return standIns === undefined ? plan : withStandIns(plan, standIns);
  }

  private async open(): Promise<void> {
    if (this.closed) throw new PipewrightError('ENGINE_CLOSED', 'the engine was closed');
    await this.ready;
  }
}
