// The engine's public shapes, agreed between the scheduler, the node executors and the hosts
// (CLI today; the service and server later). Implementation lives beside this file.
import type { TextRange } from '../../shared/errors.js';
import type { FlowDocument, FlowNode } from '../../shared/flow/schema.js';
import type { CredentialProvider } from '../credentials/types.js';
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
  /** Renders a `{{ … }}` template (see shared/jsonata/template.ts) to a string. */
  renderTemplate(template: string, input: unknown, bindings?: Record<string, unknown>, options?: MappingOptions): Promise<string>;
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
}

/**
 * A node kind's runtime. `execute` handles one message and returns what it emits (zero or more).
 * It throws `NodeError` (see ./errors.ts) to fail: transient errors are retried per the node's policy,
 * permanent ones go straight to the error port / dead-letter queue. Any other thrown value is treated
 * as permanent.
 */
export interface NodeExecutor<Config = unknown> {
  type: string;
  execute(input: NodeInput, ctx: NodeContext<Config>): Promise<Emission[]>;
  /** How many messages of one batch may run at once (I/O-bound kinds); default 1. */
  concurrency?(config: Config): number;
  /** Default retry policy when the node sets none. */
  defaultRetry?: { maxAttempts: number; backoffMs: number; maxBackoffMs: number };
  /**
   * The kind emits every input unchanged on `out` (trigger.manual): the engine then moves the stored
   * payload as is, without parsing it or calling `execute`.
   */
  passThrough?: boolean;
  /**
   * The kind has no effect outside the engine (no HTTP, files, SQL; logging through ctx.log is fine):
   * the engine may run it right after its upstream step, in memory, and commit both in one transaction.
   * A crash before that commit simply repeats both steps, which changes nothing outside.
   */
  pure?: boolean;
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
}

export interface StartRunOptions {
  flow: FlowDocument;
  /** Where the flow file lives; replays and resumes reload the current flow from here. */
  flowPath?: string;
  kind?: RunKind;
  inputs: TriggerInput[];
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
  /** Default per-node queue bound (back pressure). */
  queueLimit?: number;
  /** Run log lines (output.log, engine notices). */
  onLog?: (line: { runId: string; nodeId?: string; level: LogLevel; message: string; data?: unknown }) => void;
  /**
   * Credentials for nodes that name one. Its redactor keeps every secret it hands out (and every token
   * derived from one) out of the state database, log lines and error messages.
   */
  credentials?: CredentialProvider;
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
  close(): Promise<void>;
}
