// The engine as hosts use it (types.ts `Engine`): wires the state database, the flow registry, ingest,
// the scheduler, reports, traces, dead letters and retention together. Each concern lives in its own
// file beside this one; this file only decides the order of things.
import { PipewrightError } from '../../shared/errors.js';
import type { FlowDocument } from '../../shared/flow/schema.js';
import { BatchCommitter } from './commit.js';
import { DeadLetterStore } from './dead-letters.js';
import { FlowRegistry } from './flow-registry.js';
import { newRunId, replayMessageId } from './ids.js';
import { Ingest, prepareInputs } from './ingest.js';
import { createMappingEvaluator } from './mapping/evaluator.js';
import { newOwnerToken, retireOwnerToken } from './owner.js';
import { MessageQueue } from './queue.js';
import { isOwnerGone, recoverAbandonedWork } from './recovery.js';
import { finalStatus, RunReports } from './report.js';
import { Redaction } from './redaction.js';
import { RetentionPolicy } from './retention.js';
import { RunLogs } from './run-logs.js';
import { buildRunPlan, type RunPlan } from './run-plan.js';
import { RunRecords } from './run-records.js';
import { driveToEnd } from './scheduler.js';
import { openStateDatabase, type StateDatabase } from './store/database.js';
import { TraceStore } from './traces.js';
import type {
  DeadLetter, DeadLetterSummary, DriveOptions, Engine, LogLevel, OpenEngineOptions, RunReport, RunSummary, StartRunOptions, StepTrace,
} from './types.js';

export const ENGINE_DEFAULTS = { leaseMs: 30_000, batchSize: 500, queueLimit: 10_000 } as const;

export class SqliteEngine implements Engine {
  private readonly db: StateDatabase;
  private readonly flows: FlowRegistry;
  private readonly queue: MessageQueue;
  private readonly runs: RunRecords;
  private readonly ingest: Ingest;
  private readonly traceStore: TraceStore;
  private readonly runLogs: RunLogs;
  private readonly deadLetterStore: DeadLetterStore;
  private readonly committer: BatchCommitter;
  private readonly reports: RunReports;
  private readonly retention: RetentionPolicy;
  private readonly mapping = createMappingEvaluator();
  private readonly redaction: Redaction;
  private readonly plans = new Map<string, RunPlan>();
  /** Runs being driven by this engine right now → their owner token. */
  private readonly driving = new Map<string, string>();
  /** Stamped on runs created here until a drive takes them over. */
  private readonly engineOwner = newOwnerToken();
  private readonly leaseMs: number;
  private readonly batchSize: number;
  private readonly queueLimit: number;
  private closed = false;

  constructor(private readonly options: OpenEngineOptions) {
    this.leaseMs = options.leaseMs ?? ENGINE_DEFAULTS.leaseMs;
    this.batchSize = options.batchSize ?? ENGINE_DEFAULTS.batchSize;
    this.queueLimit = options.queueLimit ?? ENGINE_DEFAULTS.queueLimit;
    // Every store redacts what it writes once a credential has handed out a secret (./redaction.ts).
    this.redaction = new Redaction(options.credentials?.redactor);
    this.db = openStateDatabase(options.workspace);
    this.flows = new FlowRegistry(this.db);
    this.queue = new MessageQueue(this.db, this.redaction);
    this.runs = new RunRecords(this.db);
    this.ingest = new Ingest(this.db, this.queue);
    this.traceStore = new TraceStore(this.db, this.redaction);
    this.runLogs = new RunLogs(this.db, this.redaction);
    this.deadLetterStore = new DeadLetterStore(this.db, this.redaction);
    this.committer = new BatchCommitter(this.db, this.queue, this.traceStore, this.runLogs, this.deadLetterStore, this.runs, this.redaction);
    this.reports = new RunReports(this.db, this.runs, this.queue, this.deadLetterStore, this.leaseMs);
    this.retention = new RetentionPolicy(this.db);
    recoverAbandonedWork(this.db, this.leaseMs);
  }

  async registerFlow(flow: FlowDocument, flowPath?: string): Promise<{ flowId: string; version: number }> {
    this.assertOpen();
    return this.flows.register(flow, flowPath);
  }

  startRun(options: StartRunOptions): Promise<string> {
    // Every problem (invalid flow, unknown trigger, malformed input) arrives as a rejection.
    try {
      return Promise.resolve(this.createRun(options));
    } catch (error) {
      return Promise.reject(error as Error);
    }
  }

  private createRun(options: StartRunOptions): string {
    this.assertOpen();
    const { flowId, version } = this.flows.register(options.flow, options.flowPath);
    const plan = this.planFor(flowId, version);
    const inputs = prepareInputs(plan, options.inputs);
    const runId = newRunId();
    this.db.transaction(() => {
      this.runs.insert({
        id: runId, flowId, flowVersion: version, flowPath: options.flowPath, kind: options.kind ?? 'run', owner: this.engineOwner,
        received: inputs.reduce((sum, input) => sum + input.total, 0),
      });
      this.ingest.record(runId, inputs);
    })();
    return runId;
  }

  drive(runId: string, options: DriveOptions = {}): Promise<RunReport> {
    return this.driveRun(runId, options);
  }

  resume(runId: string, options: DriveOptions = {}): Promise<RunReport> {
    return this.driveRun(runId, options);
  }

  async report(runId: string): Promise<RunReport> {
    this.assertOpen();
    return this.reports.report(runId);
  }

  async listRuns(options?: { flowId?: string; limit?: number }): Promise<RunSummary[]> {
    this.assertOpen();
    return this.reports.list(options);
  }

  async traces(runId: string, options?: { nodeId?: string; limit?: number }): Promise<StepTrace[]> {
    this.assertOpen();
    return this.traceStore.traces(runId, options);
  }

  async emissions(runId: string): Promise<Record<string, unknown[]>> {
    this.assertOpen();
    return this.traceStore.emissions(runId, this.runs.get(runId).kind === 'test');
  }

  async logs(runId: string): Promise<Array<{ at: string; nodeId?: string; level: LogLevel; message: string }>> {
    this.assertOpen();
    return this.runLogs.list(runId);
  }

  async deadLetters(options?: { runId?: string; flowId?: string; includeReplayed?: boolean; limit?: number }): Promise<DeadLetterSummary[]> {
    this.assertOpen();
    return this.deadLetterStore.list(options);
  }

  async deadLetter(id: string): Promise<DeadLetter> {
    this.assertOpen();
    const { idempotencyKey: _key, flowVersion: _version, payloadText: _text, discarded: _discarded, ...letter } = this.deadLetterStore.get(id);
    return letter;
  }

  async replay(ids: string[], flow: FlowDocument, options: DriveOptions & { flowPath?: string } = {}): Promise<RunReport> {
    this.assertOpen();
    if (ids.length === 0) throw new PipewrightError('NOTHING_TO_REPLAY', 'name at least one dead letter to replay');
    const { flowId, version } = this.flows.register(flow, options.flowPath);
    const plan = this.planFor(flowId, version);
    const letters = ids.map((id) => this.deadLetterStore.get(id));
    for (const letter of letters) {
      if (letter.discarded) throw new PipewrightError('DEAD_LETTER_DISCARDED', `dead letter ${letter.id} was discarded and cannot be replayed`);
      if (letter.flowId !== flowId) throw new PipewrightError('REPLAY_FLOW_MISMATCH', `dead letter ${letter.id} belongs to flow "${letter.flowId}", not "${flowId}"`);
      if (!plan.nodes.has(letter.nodeId)) {
        throw new PipewrightError('REPLAY_NODE_MISSING', `dead letter ${letter.id} failed at node "${letter.nodeId}", which the current version of flow "${flowId}" no longer has`);
      }
    }
    const runId = newRunId();
    this.db.transaction(() => {
      this.runs.insert({ id: runId, flowId, flowVersion: version, flowPath: options.flowPath, kind: 'replay', owner: this.engineOwner, received: letters.length });
      letters.forEach((letter, index) => {
        // The same idempotency key as the original message: external systems see the retry for what it is.
        this.queue.insert(replayMessageId(runId, index), runId, letter.nodeId, letter.payloadText, letter.idempotencyKey);
        this.deadLetterStore.markReplayed(letter.id, runId);
      });
    })();
    return this.driveRun(runId, options);
  }

  async discard(ids: string[]): Promise<number> {
    this.assertOpen();
    return this.deadLetterStore.discard(ids);
  }

  async prune(): Promise<{ runsDeleted: number }> {
    this.assertOpen();
    return this.retention.prune();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    // Runs still being driven are left to recovery: their owner token is retired below, so the next
    // engine (in this process or another) sees them as abandoned and may resume them at once.
    for (const owner of this.driving.values()) retireOwnerToken(owner);
    retireOwnerToken(this.engineOwner);
    this.db.close();
  }

  private async driveRun(runId: string, options: DriveOptions): Promise<RunReport> {
    this.assertOpen();
    if (this.driving.has(runId)) throw new PipewrightError('RUN_BUSY', `run ${runId} is already being driven by this engine`);
    const run = this.runs.get(runId);
    if (run.owner !== null && run.owner !== this.engineOwner && !isOwnerGone(run.owner, run.heartbeat_at, this.leaseMs)) {
      throw new PipewrightError('RUN_BUSY', `run ${runId} is being driven by another process (${run.owner}); wait for it or stop that process first`);
    }
    const plan = this.planFor(run.flow_id, run.flow_version);
    const owner = newOwnerToken();
    // Its previous owner is gone (or it is us, starting): take the run's lease, unless another
    // process was quicker.
    if (!this.runs.takeOwnership(runId, owner, run.owner)) {
      retireOwnerToken(owner);
      throw new PipewrightError('RUN_BUSY', `run ${runId} was just taken over by another process`);
    }
    this.driving.set(runId, owner);
    let stopped: boolean;
    try {
      const outcome = await driveToEnd(
        {
          queue: this.queue, ingest: this.ingest, committer: this.committer, runs: this.runs, mapping: this.mapping,
          owner, leaseMs: this.leaseMs, batchSize: this.batchSize, onLog: this.options.onLog,
          credentials: this.options.credentials, redaction: this.redaction,
        },
        { ...run, owner },
        plan,
        options,
      );
      stopped = outcome.stopped;
    } finally {
      this.driving.delete(runId);
      retireOwnerToken(owner);
      if (!this.closed) {
        const pending = this.queue.countInRun(runId) + this.runs.notYetIngested(runId);
        const after = this.runs.get(runId);
        this.runs.finish(runId, owner, pending > 0 ? 'interrupted' : finalStatus(after.dead));
      }
    }
    const report = this.reports.report(runId);
    if (!stopped) this.retention.prune(run.flow_id);
    return report;
  }

  private planFor(flowId: string, version: number): RunPlan {
    const key = `${version}:${flowId}`;
    let plan = this.plans.get(key);
    if (!plan) {
      plan = buildRunPlan(this.flows.load(flowId, version), { queueLimit: this.queueLimit });
      this.plans.set(key, plan);
    }
    return plan;
  }

  private assertOpen(): void {
    if (this.closed) throw new PipewrightError('ENGINE_CLOSED', 'the engine was closed');
  }
}
