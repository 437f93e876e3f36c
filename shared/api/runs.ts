// Run calls: start a test run of a flow (saved or unsaved) in the background, follow it through events
// (./events.ts), then read its report, each node's steps with input and output, and its log. The
// operations views read the history through paged, filtered calls (`runs.page`, `runs.detail`,
// `runs.messages`, `runs.message`): DESIGN.md §4 "Traces and retention".
import { z } from 'zod';
import type { ErrorData } from '../errors.js';
import { flowDocumentParam, idSchema, limitParam, method, noParams } from './common.js';
import type { LogLine, RunKind, RunReport, RunStatus, RunSummary, StepTrace } from '../runs.js';
import { flowSettingsSchema, type FlowSettings } from '../flow/schema.js';

export const startRunParams = z
  .strictObject({
    /** A saved flow, loaded from its file… */
    flowId: idSchema.optional(),
    /** …or the document open in the designer, unsaved changes included. */
    document: flowDocumentParam.optional(),
    /** Messages per trigger node id; by default each trigger's `samples`. */
    inputs: z.record(z.string(), z.array(z.unknown())).optional(),
    /** `test` (the default) keeps full traces and every node's emissions. */
    kind: z.enum(['test', 'run']).optional(),
  })
  .refine((params) => (params.flowId === undefined) !== (params.document === undefined), {
    message: 'give either flowId or document',
  });

export const runIdParams = z.strictObject({ runId: z.string().min(1) });
export const listRunsParams = z.strictObject({ flowId: idSchema.optional(), limit: limitParam.optional() });
export const runStepsParams = z.strictObject({
  runId: z.string().min(1),
  /** With a node id, its steps (input, outputs, error) are included. */
  nodeId: idSchema.optional(),
  /** Steps returned for `nodeId` (default 100). */
  limit: limitParam.optional(),
});

const runStatuses = ['succeeded', 'failed', 'running', 'interrupted'] as const satisfies readonly RunStatus[];
const runKinds = ['run', 'test', 'replay', 'live'] as const satisfies readonly RunKind[];
/** An instant as ISO 8601 text (`2026-01-31T12:00:00Z`); the service compares it as UTC. */
const instantParam = z.string().refine((text) => !Number.isNaN(Date.parse(text)), { message: 'must be a date and time (ISO 8601, e.g. 2026-01-31T12:00:00Z)' });
/** An opaque page cursor: the `nextCursor` of the previous page, given back unchanged. */
export const cursorParam = z.string().min(1).max(1000);

export const runLogsParams = z.strictObject({
  runId: z.string().min(1),
  /** A line's `seq` (from an earlier answer): only the lines written after it, to follow a run as it logs. */
  after: z.number().int().min(0).optional(),
  /** A line's `seq`: only the lines written before it, to read further back from the first line shown. */
  before: z.number().int().min(1).optional(),
  /** Lines per answer; without it, every line. */
  limit: limitParam.optional(),
  /** With `limit`: the last `limit` lines (still oldest first) instead of the first ones: the tail of a long run. */
  latest: z.boolean().optional(),
});

export const runPageParams = z.strictObject({
  flowId: idSchema.optional(),
  statuses: z.array(z.enum(runStatuses)).optional(),
  kinds: z.array(z.enum(runKinds)).optional(),
  /** Started at or after this instant… */
  from: instantParam.optional(),
  /** …and before this one. */
  before: instantParam.optional(),
  /** A run id, or a message id (its run is found from it). */
  search: z.string().trim().min(1).max(500).optional(),
  cursor: cursorParam.optional(),
  /** Runs per page (default 100). */
  limit: z.number().int().min(1).max(1000).optional(),
});
export const runMessagesParams = z.strictObject({
  runId: z.string().min(1),
  nodeId: idSchema.optional(),
  cursor: cursorParam.optional(),
  /** Steps per page (default 100). */
  limit: z.number().int().min(1).max(1000).optional(),
});
export const runMessageParams = z.strictObject({ runId: z.string().min(1), messageId: z.string().min(1).max(2000) });
export const runSearchParams = z.strictObject({
  /** Text to find inside the payloads steps kept (their input or outputs, as JSON text, secrets redacted). */
  text: z.string().min(1, { message: 'give the text to look for' }).max(200),
  /** The previous answer's `nextCursor`: search older steps. */
  cursor: cursorParam.optional(),
  /** Step rows looked at per call (default 100,000). */
  scanSteps: z.number().int().min(1).max(1_000_000).optional(),
});

/** The workspace's default retention, for flows without their own; null removes it (keep every run). */
export const setRetentionDefaultParams = z.strictObject({ retention: flowSettingsSchema.shape.retention.unwrap().nullable() });

export const runMethods = {
  'runs.start': method(startRunParams, 'Starts a run in the background and returns its id; progress arrives as events.'),
  'runs.stop': method(runIdParams, 'Stops a run this service is driving; it can be resumed later.'),
  'runs.get': method(runIdParams, 'A run\'s report: status, counts, terminal outputs and dead letters.'),
  'runs.list': method(listRunsParams, 'Recent runs, newest first, optionally of one flow.'),
  'runs.steps': method(runStepsParams, 'Per node: status and counts; with nodeId, each step\'s input, outputs and error.'),
  'runs.logs': method(runLogsParams, 'The run\'s log lines, oldest first, each with its seq; optionally only those after or before a seq, or a page of the first or last lines.'),
  'runs.page': method(runPageParams, 'A page of runs, newest first, filtered by flow, status, kind, time range or a run/message id, with the total and the next page\'s cursor.'),
  'runs.detail': method(runIdParams, 'One run with its steps per node (count, errors, timings), its dead letters per node and error, and the replays linked to it.'),
  'runs.messages': method(runMessagesParams, 'A page of a run\'s steps in commit order, optionally at one node, with input, outputs and error where the trace kept them.'),
  'runs.message': method(runMessageParams, 'One message\'s way through a run: its steps and those of its ancestors and descendants, each with the payload before and after the node.'),
  'runs.search': method(runSearchParams, 'Runs whose kept payloads contain a text, newest steps first, a bounded window of steps per call: call again with nextCursor for older ones.'),
  'runs.health': method(noParams, 'Every live flow now: its live run\'s counters (received, processed, dead) and its queue depth per node; rates come from comparing two answers.'),
  'runs.retentionDefault': method(noParams, 'The workspace\'s default retention (settings.json), which every flow without its own settings.retention uses.'),
  'runs.setRetentionDefault': method(setRetentionDefaultParams, 'Sets or (with null) removes the workspace\'s default retention; applied after each run from then on.'),
} as const;

export interface StartedRun {
  runId: string;
  flowId: string;
  kind: RunKind;
}

export interface StoppedRun {
  runId: string;
  /** False when this service was not driving the run (already finished, or driven elsewhere). */
  stopped: boolean;
}

/** `idle`: no step yet; `running`: messages waiting there; `ok`/`error`: done, with or without failures. */
export type NodeRunStatus = 'idle' | 'running' | 'ok' | 'error';

export interface NodeCounts {
  /** Steps finished at the node: its attempts (a message tried five times counts five times). */
  steps: number;
  /** Distinct messages that reached the node (a message tried five times counts once). Absent where only step totals are known. */
  messages?: number;
  /** Messages the node emitted, over all ports (counted where traces keep payloads: trace mode `full`, and test runs). */
  emitted: number;
  /** `emitted` per port (`out`, `rejected`, `error`, switch rule ports…). */
  byPort: Record<string, number>;
  /** Messages whose latest attempt at the node failed (retried successes do not count). */
  errors: number;
}

export interface NodeRunState {
  nodeId: string;
  status: NodeRunStatus;
  counts: NodeCounts;
  /** The last error at this node, to show where things went wrong. */
  lastError?: ErrorData;
}

export interface RunSteps {
  runId: string;
  /** One entry per node of the run's flow, in flow order. */
  nodes: NodeRunState[];
  /** Present when `nodeId` was given: that node's steps, oldest first. */
  steps?: StepTrace[];
  /** Every payload the node emitted, in order (test runs keep them all). Present with `nodeId`. */
  emitted?: unknown[];
}

/** A run log line with its place in the run's log: give the last `seq` read back as `after` to get only newer lines. */
export interface LogEntry extends LogLine {
  seq: number;
}

/** A run as the Runs view lists it. */
export interface RunListItem extends RunSummary {
  /** For a replay: the run whose dead letters it replays. */
  replayOf?: string;
  /** From start to finish (or to now, while running). */
  durationMs: number;
}

export interface RunPage {
  runs: RunListItem[];
  /** Runs matching the filters, over all pages. */
  total: number;
  /** Give it back as `cursor` for the next page; absent on the last page. */
  nextCursor?: string;
}

/** One node's steps in a run, summed over all of them. */
export interface NodeStepStats {
  nodeId: string;
  steps: number;
  /** Distinct messages that took a step here (a message tried five times counts once). */
  messages: number;
  /** Steps that ended in an error (every failed attempt counts). */
  errors: number;
  totalMs: number;
  avgMs: number;
  maxMs: number;
  firstAt: string;
  lastAt: string;
  /** Messages emitted per port, where the trace kept outputs. */
  byPort: Record<string, number>;
  /** Messages whose latest attempt here failed (a retried success does not count). */
  failedMessages: number;
  lastError?: ErrorData;
}

/** Dead letters of a run at one node with one error code. */
export interface DeadLetterCount {
  nodeId: string;
  errorCode: string;
  count: number;
}

export interface RunDetail {
  run: RunListItem;
  /** Nodes that took at least one step, in the order they first did. */
  nodes: NodeStepStats[];
  /** Not yet replayed or discarded. */
  deadLetters: DeadLetterCount[];
  /** Runs that replayed this run's dead letters, newest first. */
  replays: RunListItem[];
}

export interface StepPage {
  steps: StepTrace[];
  nextCursor?: string;
}

export interface MessagePath {
  runId: string;
  messageId: string;
  /** In commit order: each step's `input` is the payload before its node, `outputs` after it. */
  steps: StepTrace[];
  /** Set when the message had more steps than one answer holds (1,000). */
  truncated?: boolean;
}

export interface RunSearchPage {
  /** Runs with a match in this window of steps, newest first. */
  runs: RunListItem[];
  /** Step rows looked at in this call. */
  scannedSteps: number;
  /** Absent when the oldest step was reached. */
  nextCursor?: string;
}

/** A live flow at one instant (`runs.health`): counters only grow, so two answers give rates. */
export interface FlowHealth {
  flowId: string;
  flowVersion: number;
  runId: string;
  received: number;
  processed: number;
  dead: number;
  /** Messages waiting at each node now. */
  queueDepth: Record<string, number>;
  /**
   * Per node with messages waiting: how long (ms) the oldest has been in that node's queue, retries
   * included (it keeps the time it entered the queue). A node with none is absent.
   */
  oldestMessageAgeMs: Record<string, number>;
}

export interface HealthSnapshot {
  /** When the counters were read (ISO). */
  at: string;
  flows: FlowHealth[];
}

/** The workspace's retention default (`runs.retentionDefault`). */
export interface RetentionDefault {
  /** Absent: flows without their own retention keep every run. */
  retention?: NonNullable<FlowSettings['retention']>;
}

export interface RunHandlers {
  'runs.start': (params: z.infer<typeof startRunParams>) => Promise<StartedRun>;
  'runs.stop': (params: z.infer<typeof runIdParams>) => Promise<StoppedRun>;
  'runs.get': (params: z.infer<typeof runIdParams>) => Promise<RunReport>;
  'runs.list': (params: z.infer<typeof listRunsParams>) => Promise<RunSummary[]>;
  'runs.steps': (params: z.infer<typeof runStepsParams>) => Promise<RunSteps>;
  'runs.logs': (params: z.infer<typeof runLogsParams>) => Promise<LogEntry[]>;
  'runs.page': (params: z.infer<typeof runPageParams>) => Promise<RunPage>;
  'runs.detail': (params: z.infer<typeof runIdParams>) => Promise<RunDetail>;
  'runs.messages': (params: z.infer<typeof runMessagesParams>) => Promise<StepPage>;
  'runs.message': (params: z.infer<typeof runMessageParams>) => Promise<MessagePath>;
  'runs.search': (params: z.infer<typeof runSearchParams>) => Promise<RunSearchPage>;
  'runs.health': (params: z.infer<typeof noParams>) => Promise<HealthSnapshot>;
  'runs.retentionDefault': (params: z.infer<typeof noParams>) => Promise<RetentionDefault>;
  'runs.setRetentionDefault': (params: z.infer<typeof setRetentionDefaultParams>) => Promise<RetentionDefault>;
}
