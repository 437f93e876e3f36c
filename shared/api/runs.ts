// Run calls: start a test run of a flow (saved or unsaved) in the background, follow it through events
// (./events.ts), then read its report, each node's steps with input and output, and its log.
import { z } from 'zod';
import type { ErrorData } from '../errors.js';
import { flowDocumentParam, idSchema, limitParam, method } from './common.js';
import type { LogLine, RunKind, RunReport, RunSummary, StepTrace } from '../runs.js';

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

export const runMethods = {
  'runs.start': method(startRunParams, 'Starts a run in the background and returns its id; progress arrives as events.'),
  'runs.stop': method(runIdParams, 'Stops a run this service is driving; it can be resumed later.'),
  'runs.get': method(runIdParams, 'A run\'s report: status, counts, terminal outputs and dead letters.'),
  'runs.list': method(listRunsParams, 'Recent runs, newest first, optionally of one flow.'),
  'runs.steps': method(runStepsParams, 'Per node: status and counts; with nodeId, each step\'s input, outputs and error.'),
  'runs.logs': method(runIdParams, 'The run\'s log lines, oldest first.'),
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
  /** Steps finished at the node (retries count once per attempt). */
  steps: number;
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

export interface RunHandlers {
  'runs.start': (params: z.infer<typeof startRunParams>) => Promise<StartedRun>;
  'runs.stop': (params: z.infer<typeof runIdParams>) => Promise<StoppedRun>;
  'runs.get': (params: z.infer<typeof runIdParams>) => Promise<RunReport>;
  'runs.list': (params: z.infer<typeof listRunsParams>) => Promise<RunSummary[]>;
  'runs.steps': (params: z.infer<typeof runStepsParams>) => Promise<RunSteps>;
  'runs.logs': (params: z.infer<typeof runIdParams>) => Promise<LogLine[]>;
}
