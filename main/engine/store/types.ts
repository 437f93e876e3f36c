// The engine's state, as the engine reaches it (DESIGN.md §4 "Stores"): narrow asynchronous interfaces
// for flow versions, runs, the message queue, traces, dead letters, key-value stores, webhook
// idempotency keys and schedule firings, plus a unit of work. Nothing outside `store/` writes SQL or
// sees a driver type; a store translates its driver's failures into the engine's error codes
// (STATE_DB_LOCKED, STATE_DB_DAMAGED, STATE_DB_FULL, STATE_DB_UNAVAILABLE).
//
// The hot path is two calls per batch: `queue.claim` and `queue.commit`. A commit is plain data (what
// to remove, insert, record) that the store applies in ONE transaction, so a store with a network hop
// (PostgreSQL) pays one round trip per batch, not one per message. Everything the engine decides —
// retries, routing, redaction, trace caps — is decided before the data reaches the store.
import type { ErrorData } from '../../../shared/errors.js';
import type { LogLevel, RunKind, RunStatus } from '../../../shared/runs.js';

// ---------------------------------------------------------------------------------------------
// Rows as the engine sees them.

export interface RunRecord {
  id: string;
  flowId: string;
  flowVersion: number;
  flowPath: string | null;
  kind: RunKind;
  status: RunStatus;
  /** The lease: who may commit this run's steps, and when it last said it is alive. */
  owner: string | null;
  heartbeatAt: number | null;
  startedAt: string;
  finishedAt: string | null;
  received: number;
  processed: number;
  dead: number;
  storedBytes: number;
  /** For a replay: the run whose dead letters it replays. */
  replayOf: string | null;
}

export interface NewRun {
  id: string;
  flowId: string;
  flowVersion: number;
  flowPath?: string | undefined;
  kind: RunKind;
  owner: string;
  received: number;
  replayOf?: string | undefined;
}

/** One trigger input of a run: inline messages (queued at once) or a JSON-lines file read in chunks. */
export interface RunInput {
  runId: string;
  ordinal: number;
  triggerId: string;
  filePath: string | null;
  byteOffset: number;
  line: number;
  total: number;
  ingested: number;
  done: boolean;
  /**
   * What the input file was when the run started (size, modification time, SHA-256 of its content):
   * a resume refuses a file that changed since, rather than mix old and new lines. Null for inline input.
   */
  file?: InputFileFingerprint | null;
}

export interface InputFileFingerprint {
  size: number;
  mtimeMs: number;
  sha256: string;
}

/** How far a file input got, recorded in the transaction that commits the lines it handed on. */
export interface InputAdvance {
  runId: string;
  ordinal: number;
  byteOffset: number;
  line: number;
  ingested: number;
  done: boolean;
}

export interface NewMessage {
  id: string;
  runId: string;
  nodeId: string;
  /** JSON text, already redacted. */
  payload: string;
  idempotencyKey: string;
  /** 1 unless the message already failed in memory. */
  attempt?: number;
  /** Epoch ms before which the message is not claimed (retry backoff, control.delay). */
  availableAt?: number;
  attemptsJson?: string | null;
  /** A timer the node set for itself (ctx.timers): handed to its `onTimer`, not `execute`. */
  timer?: boolean;
}

export interface ClaimedMessage {
  /** The store's handle of the queued row; absent for a message read straight from an input file. */
  seq?: number;
  id: string;
  payload: string;
  attempt: number;
  idempotencyKey: string;
  /** Earlier attempts' records, JSON text, or null on a first attempt. */
  attemptsJson: string | null;
  timer?: boolean;
}

export interface ClaimRequest {
  runId: string;
  nodeId: string;
  limit: number;
  /** The run's lease holder; a store with per-message leases stamps the claim with it. */
  owner: string;
  leaseMs: number;
  /**
   * Set for a node whose batch may read and write state (docs/scale-out.md "Stateful steps"): at most
   * one process at a time holds a claim under this key in a run, until its commit (which carries the
   * same key) or the lease's end. A store where one process owns each run (SQLite) has nothing to add.
   */
  exclusive?: string;
}

export interface NodePayload {
  nodeId: string;
  /** JSON text, already redacted. */
  payload: string;
}

/** One trace row. All payload fields null: a counts-and-timings step the store may pack with others. */
export interface StepRow {
  nodeId: string;
  messageId: string;
  attempt: number;
  startedAt: number;
  durationMs: number;
  input: string | null;
  outputs: string | null;
  error: string | null;
}

export interface LogRow {
  nodeId: string | null;
  at: string;
  level: LogLevel;
  message: string;
  data: string | null;
}

export interface LogPageQuery {
  afterSeq?: number;
  beforeSeq?: number;
  limit: number;
  latest?: boolean;
}

export interface NewDeadLetter {
  id: string;
  runId: string;
  flowId: string;
  flowVersion: number;
  nodeId: string;
  messageId: string;
  idempotencyKey: string;
  payload: string;
  error: string;
  history: string;
  attempts: number;
}

/** A key-value write (store.put, a node's own state), committed with the step that made it. */
export interface StateWrite {
  store: string;
  key: string;
  /** JSON text; null deletes the key. */
  value: string | null;
  /** Epoch ms after which the entry reads as absent; none: kept until overwritten or deleted. */
  expiresAt?: number;
}

/**
 * What one claimed input (or one line of a file input) changed. Applied only if the input is still
 * queued: a unit whose input is already gone is skipped whole, so nothing moves twice.
 */
export interface CommitUnit {
  /** The claimed row this unit consumes; absent for a line read from an input file. */
  seq?: number;
  /** Set: the input stays queued and is tried again at `availableAt`. */
  retry?: { attempt: number; availableAt: number; attemptsJson: string };
  enqueue?: NewMessage[];
  outputs?: NodePayload[];
  emissions?: NodePayload[];
  steps?: StepRow[];
  logs?: LogRow[];
  deadLetters?: NewDeadLetter[];
  state?: StateWrite[];
  processed: number;
  dead: number;
  storedBytes: number;
}

export interface StepBatch {
  runId: string;
  /** Only this lease holder may commit: anyone else gets RUN_TAKEN_OVER and nothing moves. */
  owner: string;
  /** The claim's `exclusive` key: applied only while the committer still holds it (else every unit is skipped), and ends it. */
  exclusive?: string;
  units: CommitUnit[];
  inputAdvance?: InputAdvance;
}

export interface StepBatchResult {
  /** Indexes of units skipped because their input had already left the queue. */
  skipped: number[];
}

export interface DeadLetterRecord {
  id: string;
  runId: string;
  flowId: string;
  flowVersion: number;
  nodeId: string;
  messageId: string;
  idempotencyKey: string;
  /** JSON text as stored. */
  payload: string;
  error: ErrorData;
  /** JSON text of the attempt records. */
  history: string;
  attempts: number;
  createdAt: string;
  replayedIn: string | null;
  discarded: boolean;
  /** True once its payload was edited for a replay (the earlier ones: DeadLetterStore.edits). */
  edited?: boolean;
}

export interface DeadLetterQuery {
  runId?: string;
  flowId?: string;
  includeReplayed?: boolean;
  limit?: number;
}

/** The Runs view's filters (DESIGN.md §4 "Traces and retention"): newest first, keyset-paged on (startedAt, id). */
export interface RunPageQuery {
  flowId?: string;
  statuses?: RunStatus[];
  kinds?: RunKind[];
  /** ISO instants: started at or after `startedFrom`, before `startedBefore`. */
  startedFrom?: string;
  startedBefore?: string;
  /** Only these runs (a search by run or message id). */
  runIds?: string[];
  /** Only the replays of this run. */
  replayOf?: string;
  /** The last run of the previous page: the page holds runs strictly older. */
  after?: { startedAt: string; id: string };
  limit: number;
}

/** One node's steps in a run, summed by the store (count, failed steps, timings). */
export interface NodeStepSummary {
  nodeId: string;
  steps: number;
  /** Steps that ended in an error (every failed attempt counts). */
  errors: number;
  /** Distinct messages that took a step there (a message tried five times counts once; optional until every store has it). */
  messages?: number;
  totalMs: number;
  maxMs: number;
  /** Epoch ms of its first and last step. */
  firstAt: number;
  lastAt: number;
  /** Messages emitted per port, where the trace kept outputs (optional until every store has it). */
  emittedByPort?: Record<string, number>;
  /** Messages whose latest attempt at the node failed (a retried success does not count). */
  failedMessages?: number;
  /** JSON text of the node's last error, if any. */
  lastError?: string;
}

/** The Dead letters view's filters: newest first, keyset-paged on (createdAt, id). */
export interface DeadLetterPageQuery {
  runId?: string;
  flowId?: string;
  nodeId?: string;
  errorCode?: string;
  includeReplayed?: boolean;
  after?: { createdAt: string; id: string };
  limit: number;
}

/** How many dead letters share a flow, node and error code. */
export interface DeadLetterGroup {
  flowId: string;
  nodeId: string;
  errorCode: string;
  count: number;
  /** The newest one's creation time. */
  latestAt: string;
}

/** A payload edited before a replay: the one it replaced, kept in the letter's history. */
export interface PayloadEdit {
  at: string;
  /** JSON text of the payload before this edit. */
  previous: string;
}

/** A trace row as read back, with the run it belongs to. */
export interface StoredStep extends StepRow {
  runId: string;
}

// ---------------------------------------------------------------------------------------------
// The stores.

export interface FlowVersionStore {
  /**
   * Records a flow document (canonical JSON text and its hash): the same hash as the newest version
   * keeps that version, anything else becomes the next one. Atomic across processes.
   */
  register(flowId: string, hash: string, document: string, path: string | null): Promise<number>;
  /** The document text of one version, or undefined. */
  get(flowId: string, version: number): Promise<string | undefined>;
  /** The newest version of every flow, as document text. */
  latestDocuments(): Promise<string[]>;
}

export interface RunStore {
  find(runId: string): Promise<RunRecord | undefined>;
  /** Newest first. */
  list(options: { flowId?: string; limit: number }): Promise<RunRecord[]>;
  /** Runs marked running, for recovery. */
  running(): Promise<RunRecord[]>;
  /** Marks a run interrupted and frees its lease, if `owner` still holds it. */
  markInterrupted(runId: string, owner: string | null): Promise<boolean>;
  /** Compare-and-swap of the lease from `previous` to `owner`; false when someone was quicker. */
  takeOwnership(runId: string, owner: string, previous: string | null): Promise<boolean>;
  heartbeat(runId: string, owner: string): Promise<void>;
  /** Ends `owner`'s drive with a status and frees the lease. */
  finish(runId: string, owner: string, status: RunStatus): Promise<void>;
  openInputs(runId: string): Promise<RunInput[]>;
  /** Input lines validated but not yet queued. */
  notYetIngested(runId: string): Promise<number>;
  /** What reached the run's terminal nodes, in order. */
  outputs(runId: string, limit: number): Promise<NodePayload[]>;
  /** How many outputs each terminal node recorded (all of them, whatever `outputs` was limited to). */
  outputCounts(runId: string): Promise<Record<string, number>>;
  /** Finished runs of a flow, newest first, with their stored bytes (retention). */
  finished(flowId: string): Promise<Array<{ id: string; startedAt: string; storedBytes: number }>>;
  /** Deletes runs with everything recorded for them, but dead letters not yet discarded. */
  delete(runIds: string[]): Promise<void>;
  /** A page of runs matching the filters, newest first (the Runs view). */
  page(query: RunPageQuery): Promise<RunRecord[]>;
  /** How many runs match the filters (paging ignored). */
  count(query: Omit<RunPageQuery, 'after' | 'limit'>): Promise<number>;
}

export interface QueueStore {
  /** Up to `limit` ready messages of one node, oldest first. */
  claim(request: ClaimRequest): Promise<ClaimedMessage[]>;
  /** Applies one batch's outcome in one transaction (see StepBatch). */
  commit(batch: StepBatch): Promise<StepBatchResult>;
  /** Gives back claimed messages a batch did not run (it stopped at its byte budget), unchanged. */
  release(runId: string, owner: string, messages: ClaimedMessage[]): Promise<void>;
  /** When the earliest queued message of a node becomes ready. */
  nextAvailableAt(runId: string, nodeId: string): Promise<number | undefined>;
  depthByNode(runId: string): Promise<Map<string, number>>;
  /** Per node with queued messages: how long (ms) the oldest has been in that node's queue (retries keep their time). */
  oldestAgeByNode(runId: string): Promise<Map<string, number>>;
  countInRun(runId: string): Promise<number>;
  /**
   * When nothing but node timers is left queued in a run, makes them due now and returns how many:
   * the end of a finite input closes every window. Otherwise changes nothing and returns 0.
   */
  releaseTimers(runId: string): Promise<number>;
}

export interface TraceStore {
  steps(runId: string, options: { nodeId?: string; limit: number }): Promise<StoredStep[]>;
  /** Uncapped emitted payloads of a test run, in order. */
  emissions(runId: string): Promise<NodePayload[]>;
  /** Steps that kept outputs (capped), in order: emissions of a run that is not a test. */
  outputSteps(runId: string): Promise<Array<{ nodeId: string; outputs: string }>>;
  logs(runId: string): Promise<LogRow[]>;
  /**
   * A page of a run's log, oldest first, each line with its seq: of the lines after `afterSeq` and before
   * `beforeSeq`, the first `limit`, or with `latest` the last `limit` (what a view following a long run
   * shows first, then reads back from).
   */
  logPage(runId: string, options: LogPageQuery): Promise<Array<LogRow & { seq: number }>>;
  /** Per node: steps, failed steps and timings of a run, whatever its size (compact rows included). */
  nodeSummaries(runId: string): Promise<NodeStepSummary[]>;
  /** Steps in commit order after `afterSeq` (a page cursor), with the cursor of the last row read. */
  stepPage(runId: string, options: { nodeId?: string; afterSeq?: number; limit: number }): Promise<{ steps: StoredStep[]; lastSeq?: number }>;
  /** The steps of one message, its ancestors and its descendants (ids derive by `/`), by depth then commit order; at most `limit`. */
  lineage(runId: string, messageId: string, limit: number): Promise<StoredStep[]>;
  /**
   * Runs with a step whose kept input or outputs contain `text`, looking at the `scanSteps` newest step
   * rows committed before `beforeSeq` (all when absent): a bounded window, so a search over a large
   * history goes page by page. `lowestSeq` is where the next window starts; absent when none is left.
   * Optional while a store does not have it yet: runs.search then answers NOT_IMPLEMENTED.
   */
  searchPayloads?(text: string, options: { beforeSeq?: number; scanSteps: number }): Promise<{ runIds: string[]; scanned: number; lowestSeq?: number }>;
}

export interface DeadLetterStore {
  get(id: string): Promise<DeadLetterRecord | undefined>;
  /** Not discarded; oldest first. */
  list(query: DeadLetterQuery): Promise<DeadLetterRecord[]>;
  discard(ids: string[]): Promise<number>;
  /** A page of dead letters matching the filters, newest first (the Dead letters view; discarded ones never). */
  page(query: DeadLetterPageQuery): Promise<DeadLetterRecord[]>;
  /** Counts per flow, node and error code of the letters matching the filters (paging ignored). */
  groups(query: Omit<DeadLetterPageQuery, 'after' | 'limit'>): Promise<DeadLetterGroup[]>;
  /** Replaces a letter's payload (not replayed, not discarded), keeping the previous one as an edit; false when no such letter. */
  editPayload(id: string, payload: string, at: string): Promise<boolean>;
  /** The payloads a letter had before its edits, oldest first. */
  edits(id: string): Promise<PayloadEdit[]>;
}

export interface KeyValueStore {
  /** JSON text of the value, or undefined when absent or expired. */
  get(store: string, key: string): Promise<string | undefined>;
}

export interface IdempotencyKeyStore {
  /** The message id a trigger already queued for this key, or undefined. */
  find(scope: string, key: string): Promise<string | undefined>;
}

export interface ScheduleFiringStore {
  /** The latest instant (epoch ms) recorded for a schedule trigger, or undefined. */
  latest(scope: string): Promise<number | undefined>;
}

/** Writes that must land together; handed to `unitOfWork`'s callback. */
export interface UnitOfWork {
  insertRun(run: NewRun): Promise<void>;
  insertInputs(inputs: RunInput[]): Promise<void>;
  /** Queues messages; a message whose id is already queued is ignored. Returns how many were new. */
  enqueue(messages: NewMessage[]): Promise<number>;
  addReceived(runId: string, count: number): Promise<void>;
  markReplayed(deadLetterIds: string[], runId: string): Promise<void>;
  /** Remembers `messageId` for the key; returns the message id remembered earlier, if any (nothing changes then). */
  rememberIdempotencyKey(scope: string, key: string, messageId: string): Promise<string | undefined>;
  /** Records that a schedule fired for `instant`; false when it was recorded already (by anyone). */
  recordScheduleFiring(scope: string, instant: number): Promise<boolean>;
  putState(writes: StateWrite[]): Promise<void>;
}

export interface EngineStore {
  /** For messages: where the state lives ("<workspace>/.pipewright/state.db"). */
  readonly description: string;
  /**
   * Several processes drive the same runs (PostgreSQL opened for scale-out, DESIGN.md §8): message
   * leases alone decide who commits what; there is no run lease to take, renew or check.
   */
  readonly sharedRuns?: boolean;
  /** Resolves when another process announces queued work, or after `ms`; absent: just waits `ms`. */
  waitForWork?(ms: number, signal?: AbortSignal): Promise<void>;
  readonly flows: FlowVersionStore;
  readonly runs: RunStore;
  readonly queue: QueueStore;
  readonly traces: TraceStore;
  readonly deadLetters: DeadLetterStore;
  readonly keyValue: KeyValueStore;
  readonly idempotencyKeys: IdempotencyKeyStore;
  readonly scheduleFirings: ScheduleFiringStore;
  /** Runs `work` in one transaction: everything it writes through `tx` commits together or not at all. */
  unitOfWork<T>(work: (tx: UnitOfWork) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Opens a store; the engine's conformance suite runs against every factory. */
export type StoreFactory = () => Promise<EngineStore>;
