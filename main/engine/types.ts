// The engine's public shapes, agreed between the scheduler, the node executors and the hosts
// (CLI today; the service and server later). Implementation lives beside this file.
import type { TextRange } from '../../shared/errors.js';
import type { FlowDocument, FlowNode } from '../../shared/flow/schema.js';
import type { CredentialProvider } from '../credentials/types.js';
import type { InputFileFingerprint } from './store/types.js';
import type { DeadLetter, DeadLetterSummary, Emission, LogLevel, RunKind, RunProgress, RunReport, RunSummary, StepTrace } from '../../shared/runs.js';

// ---------------------------------------------------------------------------------------------
// Node executors: one file per kind in ./nodes, registered in ./nodes/index.ts.

/** Metadata every node (and every JSONata expression, as `$meta`) can see. */
export interface MessageMeta {
  /** Stable message id at this node. */
  messageId: string;
  runId: string;
  flowId: string;
  flowVersion: number;
  nodeId: string;
  /** 1 on the first attempt. */
  attempt: number;
  /** Stable across retries, crash recovery and replays: external side effects use it for de-duplication. */
  idempotencyKey: string;
}

export interface NodeInput {
  meta: MessageMeta;
  payload: unknown;
}

export interface MappingOptions {
  /** Wall-clock limit for one evaluation. */
  timeoutMs?: number;
  /** Limit on nested evaluation depth (runaway recursion). */
  maxDepth?: number;
  /** JSON path of the expression in the flow (`nodes[2].config.expression`), added to error locations. */
  path?: string;
}

/**
 * Evaluates JSONata with the engine's compile cache and limits. Throws `MappingError` (permanent) for
 * syntax errors, runtime errors, time-outs and depth overruns.
 */
export interface MappingEvaluator {
  evaluate(expression: string, input: unknown, bindings?: Record<string, unknown>, options?: MappingOptions): Promise<unknown>;
  /**
   * The expression's value computed at once, without awaiting: `{ value }` when this evaluator runs it
   * in-process (compiled, every loop and call bounded), undefined when only `evaluate` can (jsonata's
   * interpreter, an evaluation process). Throws what `evaluate` would. The engine's pure steps use it to
   * run a fused chain without a promise per step. Absent: always undefined.
   */
  evaluateNow?(expression: string, input: unknown, bindings?: Record<string, unknown>, options?: MappingOptions): { value: unknown } | undefined;
  /** Renders a `{{ … }}` template (see shared/jsonata/template.ts) to a string. */
  renderTemplate(template: string, input: unknown, bindings?: Record<string, unknown>, options?: MappingOptions): Promise<string>;
  /**
   * Where this evaluator runs the expression (a template: any of its parts): `isolated` when each
   * evaluation is a round trip to an evaluation process. Absent: always in-process.
   */
  placement?(source: string, kind: 'expression' | 'template'): 'in-process' | 'isolated';
}

export interface NodeContext<Config = unknown> {
  flow: FlowDocument;
  node: FlowNode;
  /** The node's config, already parsed (defaults filled) by the catalog's schema. */
  config: Config;
  mapping: MappingEvaluator;
  log(level: LogLevel, message: string, data?: unknown): void;
  /** Aborted when the engine stops (SIGINT/SIGTERM): in-flight work should give up promptly. */
  signal: AbortSignal;
  /** Authorizers by credential name (http.request's `credential`); absent when the host gave none. */
  credentials?: CredentialProvider;
  /** This node's own key-value state (per run and node), committed with the step. */
  state: NodeState;
  /**
   * A named key-value store of the workspace (store.get / store.put), committed with the step. A test
   * run sees its own empty copy, so flow tests neither read nor change what real runs keep.
   */
  store(name: string): NodeState;
  /**
   * Timers for windowed nodes: `set(key, at)` makes the engine call the executor's `onTimer` with that
   * key at or after `at` (epoch ms). Durable: a timer is a queued message, set with the step. A key
   * already pending keeps its first time. When a finite run (not a live one) has nothing left but
   * timers, they fire at once: the end of the input closes every window.
   */
  timers: { set(key: string, at: number): void };
  /** Files, confined to the allowed roots (./node-services/file-policy.ts). */
  files: FilePolicy;
  /** Database connections for db.query; absent when the host gave none. */
  connections?: ConnectionProvider;
}

/** Key-value state as a node sees it: reads see what this batch already wrote; writes commit with the step. */
export interface NodeState {
  get(key: string): Promise<unknown>;
  /** `ttlMs`: the entry reads as absent that long after the step commits (roughly: from now). */
  put(key: string, value: unknown, options?: { ttlMs?: number }): void;
  delete(key: string): void;
}

/** What a node emits: a payload on a port, optionally held in the queue until `availableAt` (epoch ms). */
export interface NodeEmission extends Emission {
  availableAt?: number;
}

/**
 * Files a node may touch: only inside the allowed roots (the workspace unless the host says otherwise).
 * A path outside them, or one that leaves them through a symbolic link, is a permanent FILE_OUTSIDE_ROOTS error.
 */
export interface FilePolicy {
  readonly roots: ReadonlyArray<string>;
  /** The absolute path, checked against the roots (relative paths are taken from the first root). */
  resolve(path: string): Promise<string>;
  read(path: string): Promise<Buffer>;
  /**
   * Writes through a temporary file and a rename: readers see the old file or the new one, never half.
   * `exclusive`: the file must not exist yet (a hard link instead of the rename, so two writers cannot
   * both create it); an existing one is a permanent FILE_EXISTS error.
   */
  writeAtomically(path: string, data: string | Buffer, options?: { exclusive?: boolean }): Promise<string>;
}

export interface SqlResult {
  /** True for a statement that returns rows (SELECT, … RETURNING): db.query then emits `{ rows }`. */
  returnsRows?: boolean;
  rows: Array<Record<string, unknown>>;
  changes: number;
  lastInsertRowid?: number | string;
}

export interface SqlConnection {
  query(sql: string, params: ReadonlyArray<unknown>): Promise<SqlResult>;
}

/**
 * Database connections by target: `sqlite:<path>` inside the file roots, or the name of a `postgres`
 * credential (one pool per credential). `close` ends them all; the engine calls it when it closes.
 */
export interface ConnectionProvider {
  sql(target: string): Promise<SqlConnection>;
  close(): Promise<void>;
}

/**
 * A node kind's runtime. `execute` handles one message and returns what it emits (zero or more).
 * It throws `NodeError` (see ./errors.ts) to fail: transient errors are retried per the node's policy,
 * permanent ones go straight to the error port / dead-letter queue. Any other thrown value is treated
 * as permanent. Whether the engine may fuse it in memory with its upstream step comes from the
 * catalog's `effects` (shared/catalog/node-kind.ts), not from here.
 */
export interface NodeExecutor<Config = unknown> {
  type: string;
  execute(input: NodeInput, ctx: NodeContext<Config>): Promise<NodeEmission[]>;
  /**
   * `execute` without awaiting, for kinds whose work can be done at once (a compiled mapping): the
   * emissions, or undefined when this message needs `execute` (nothing was done then). Same outcome and
   * errors as `execute`; the engine tries it first, so a fused chain of such steps costs no promises.
   */
  executeNow?(input: NodeInput, ctx: NodeContext<Config>): NodeEmission[] | undefined;
  /** A timer the node set (ctx.timers) is due: what to emit now. */
  onTimer?(timer: { key: string; at: number }, ctx: NodeContext<Config>): Promise<NodeEmission[]>;
  /** How many messages of one batch may run at once (I/O-bound kinds); default 1. */
  concurrency?(config: Config): number;
  /** Default retry policy when the node sets none. */
  defaultRetry?: { maxAttempts: number; backoffMs: number; maxBackoffMs: number };
  /**
   * The kind emits every input unchanged on `out` (trigger.manual): the engine then moves the stored
   * payload as is, without parsing it or calling `execute`.
   */
  passThrough?: boolean;
}

// ---------------------------------------------------------------------------------------------
// Runs, reports, dead letters: what hosts see.

export type {
  AttemptRecord, Emission, LogLevel, RunKind, DeadLetter, DeadLetterSummary, RunCounts, RunProgress, RunReport, RunStatus, RunSummary, StepTrace,
} from '../../shared/runs.js';

export type { TextRange };
export type { Authorizer, CredentialProvider, OutgoingRequest } from '../credentials/types.js';

// ---------------------------------------------------------------------------------------------
// The engine itself, as hosts use it. Implemented in ./engine.ts; `openEngine` in ./index.ts.

/** Messages for one trigger: given inline, or a JSON-lines file ingested durably in chunks (resumable). */
export interface TriggerInput {
  triggerId: string;
  messages?: unknown[];
  /** Path to a JSON-lines file: one message per non-empty line. Validated before anything is queued. */
  jsonlFile?: string;
  /**
   * What the caller's own check of `jsonlFile` found (the CLI checks it to report bad lines its way):
   * the engine then does not scan the file a second time, as long as its size and modification time
   * are still those of the check; otherwise it validates the file itself.
   */
  jsonlChecked?: CheckedJsonLines;
}

/** A JSON-lines file found valid: its message count and its fingerprint, taken from the bytes checked. */
export interface CheckedJsonLines {
  count: number;
  file: InputFileFingerprint;
}

export interface StartRunOptions {
  flow: FlowDocument;
  /** Where the flow file lives; replays and resumes reload the current flow from here. */
  flowPath?: string;
  kind?: RunKind;
  inputs: TriggerInput[];
  /**
   * Test runs only (kind `test`): per node id, the payloads the node emits on `out` for each message
   * it receives, instead of running (a flow test's `standIns`). Stored with the run, so a resume keeps them.
   */
  standIns?: Readonly<Record<string, ReadonlyArray<unknown>>>;
}

export interface DriveOptions {
  signal?: AbortSignal;
  onProgress?: (progress: RunProgress) => void;
}

export interface OpenEngineOptions {
  /** Workspace folder; state lives in `<workspace>/.pipewright/state.db`. */
  workspace: string;
  /** Lease length for claimed batches. */
  leaseMs?: number;
  /** Messages claimed per batch. */
  batchSize?: number;
  /**
   * Payload text (bytes of JSON) a batch may hold before it commits; past it the batch stops taking
   * messages and leaves the rest of its claim to the next one (./execute-batch.ts). Default 64 MiB.
   */
  batchBytes?: number;
  /** Default per-node queue bound (back pressure). */
  queueLimit?: number;
  /** Run log lines (output.log, engine notices). */
  onLog?: (line: { runId: string; nodeId?: string; level: LogLevel; message: string; data?: unknown }) => void;
  /**
   * Credentials for nodes that name one. Its redactor keeps every secret it hands out (and every token
   * derived from one) out of the state database, log lines and error messages.
   */
  credentials?: CredentialProvider;
  /** Folders file nodes may use (DESIGN.md §11); default: the workspace. */
  fileRoots?: string[];
  /**
   * Runtimes that replace the built-in executor of a catalog kind, by type. For hosts that run a kind
   * their own way, and for tests that need a node doing what no catalog kind does yet.
   */
  executors?: ReadonlyMap<string, NodeExecutor>;
}

// ---------------------------------------------------------------------------------------------
// Live flows (./activation.ts): trigger sources a host starts, feeding a live run until deactivated.

/** What a trigger source emits into: resolves once the messages are durably queued. */
export interface TriggerEmitter {
  readonly flowId: string;
  readonly nodeId: string;
  /**
   * Queues messages for this trigger in one transaction. With an `idempotencyKey`, a key seen before
   * for this trigger queues nothing and answers the first message ids with `duplicate: true`.
   */
  emit(messages: unknown[], options?: EmitOptions): Promise<{ messageIds: string[]; duplicate: boolean }>;
  /** The latest schedule instant recorded for this trigger (epoch ms), across restarts and servers. */
  lastFiring(): Promise<number | undefined>;
}

export interface EmitOptions {
  /** A key seen before for this trigger queues nothing and answers the first message ids. */
  idempotencyKey?: string;
  /**
   * A schedule's instant (epoch ms), recorded in the same transaction as the message: an instant
   * already recorded queues nothing (duplicate), so each instant fires once across restarts and
   * servers. The message id is derived from flow, node and instant.
   */
  firing?: number;
}

/** A running source of messages for one trigger node (an HTTP route, a timer, a folder watch). */
export interface TriggerSource {
  start(emitter: TriggerEmitter): Promise<void>;
  /** Stops taking new messages; what was already emitted is queued and will be processed. */
  stop(): Promise<void>;
}

/** Makes the source of a trigger node; the host registers one per trigger type it serves. */
export type TriggerSourceFactory = (node: FlowNode, config: unknown) => TriggerSource;

export interface ActivateOptions {
  /** Where the flow file lives (shown in runs, used by replays). */
  flowPath?: string;
  /** Sources by trigger type; `trigger.manual` has a built-in one (Activation.send). */
  sources?: Record<string, TriggerSourceFactory>;
  onProgress?: (progress: RunProgress) => void;
}

export interface Activation {
  readonly flowId: string;
  readonly version: number;
  /** The live run every trigger of this activation feeds. */
  readonly runId: string;
  /** Emits through a trigger's emitter (manual triggers; also how a host can inject messages). */
  send(triggerId: string, messages: unknown[], options?: EmitOptions): Promise<{ messageIds: string[]; duplicate: boolean }>;
  /**
   * Stops the sources, lets the messages already queued finish on this version, and ends the live run.
   * Resolves with its report.
   */
  deactivate(): Promise<RunReport>;
  /**
   * Stops the sources and the drive at once, without waiting for queued messages (a host shutting
   * down): the live run reads as interrupted and is finished by `resume` (the next start of a host).
   */
  stop(): Promise<RunReport>;
}

export interface Engine {
  /** Records the flow; identical content keeps its version, changed content gets the next one. */
  registerFlow(flow: FlowDocument, flowPath?: string): Promise<{ flowId: string; version: number }>;
  /** Validates the inputs, queues them durably (JSONL files in chunks) and returns the run id. */
  startRun(options: StartRunOptions): Promise<string>;
  /** Finishes ingest and processes the run until nothing is left or `signal` aborts. */
  drive(runId: string, options?: DriveOptions): Promise<RunReport>;
  /** Takes over a run whose process died (its leases released at once) and drives it to the end. */
  resume(runId: string, options?: DriveOptions): Promise<RunReport>;
  report(runId: string): Promise<RunReport>;
  /** The run's status and counts without its outputs; RUN_NOT_FOUND when the workspace has no such run. */
  runSummary(runId: string): Promise<RunSummary>;
  listRuns(options?: { flowId?: string; limit?: number }): Promise<RunSummary[]>;
  traces(runId: string, options?: { nodeId?: string; limit?: number }): Promise<StepTrace[]>;
  /** Each node's emitted payloads in order (kept uncapped for `test` runs; needs trace mode `full`). */
  emissions(runId: string): Promise<Record<string, unknown[]>>;
  logs(runId: string): Promise<Array<{ at: string; nodeId?: string; level: LogLevel; message: string }>>;
  deadLetters(options?: { runId?: string; flowId?: string; includeReplayed?: boolean; limit?: number }): Promise<DeadLetterSummary[]>;
  deadLetter(id: string): Promise<DeadLetter>;
  /** Requeues dead letters onto the current version of `flow` in a new `replay` run, and drives it. */
  replay(ids: string[], flow: FlowDocument, options?: DriveOptions & { flowPath?: string }): Promise<RunReport>;
  discard(ids: string[]): Promise<number>;
  /** Applies each flow's retention policy now (also done after every run). */
  prune(): Promise<{ runsDeleted: number }>;
  /**
   * Makes a flow live: its trigger sources start and feed one live run of this version until
   * deactivated. Activating a changed flow again is a redeploy: deactivate the old activation after
   * the new one is live, and the old version's in-flight messages finish on it.
   */
  activate(flow: FlowDocument, options?: ActivateOptions): Promise<Activation>;
  /** Stops every activation and drive (runs stay resumable) and closes the store. */
  close(): Promise<void>;
}
