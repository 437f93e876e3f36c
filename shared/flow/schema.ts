// The flow document, format v1 (DESIGN.md §2): the zod schema and the TypeScript types derived from it.
// Structure only; graph rules (edges, ports, cycles) and per-kind config live in ./validate.ts and
// ../catalog. Unknown top-level keys are rejected so that a typo is reported instead of ignored.
import { z } from 'zod';

export const FLOW_FORMAT = 'pipewright/flow@1';
export const ID_PATTERN = /^[A-Za-z][A-Za-z0-9_-]*$/;

export const idSchema = z.string().regex(ID_PATTERN, {
  message: 'must start with a letter and contain only letters, digits, "_" and "-"',
});

export const retryPolicySchema = z.strictObject({
  /** Total attempts including the first one. */
  maxAttempts: z.number().int().min(1).max(100),
  /** Delay before the first retry; doubles each attempt, with jitter. */
  backoffMs: z.number().int().min(0).max(3_600_000).default(1000),
  maxBackoffMs: z.number().int().min(0).max(86_400_000).default(60_000),
});
export type RetryPolicy = z.infer<typeof retryPolicySchema>;

export const flowNodeSchema = z.strictObject({
  id: idSchema,
  type: z.string().min(1),
  name: z.string().optional(),
  position: z.tuple([z.number(), z.number()]),
  /** Checked against the node kind's schema in the catalog. */
  config: z.record(z.string(), z.unknown()),
  retry: retryPolicySchema.optional(),
  /** Back pressure: upstream nodes are not scheduled while this many messages wait here. */
  queueLimit: z.number().int().min(1).max(10_000_000).optional(),
  notes: z.string().optional(),
});
export type FlowNode = z.infer<typeof flowNodeSchema>;

export const flowEdgeSchema = z.strictObject({
  from: idSchema,
  /** Output port of `from`; `out` when omitted. Every node also has an `error` port. */
  port: z.string().min(1).optional(),
  to: idSchema,
});
export type FlowEdge = z.infer<typeof flowEdgeSchema>;

export const flowTestSchema = z.strictObject({
  name: z.string().min(1),
  /** Input messages per trigger node id. */
  input: z.record(z.string(), z.array(z.unknown())),
  /** Expected emitted payloads per node id, in order. */
  expect: z.record(z.string(), z.array(z.unknown())),
  /**
   * Stand-ins for nodes that reach outside (http.request, db.query, file.read, file.write …): per node
   * id, the payloads that node emits on `out` for each message it receives. In this test the node is
   * not run (no request is sent, no file written); in every other run it is.
   */
  standIns: z.record(z.string(), z.array(z.unknown())).optional()
    .describe('Per node id, the payloads the node emits on `out` for each message it receives, instead of running: a test needs no API, database or file.'),
});
export type FlowTest = z.infer<typeof flowTestSchema>;

export const traceModeSchema = z.enum(['full', 'errors', 'sampled']);
export type TraceMode = z.infer<typeof traceModeSchema>;

export const flowSettingsSchema = z.strictObject({
  /**
   * How much of each step is kept: see DESIGN.md §4 "Traces and retention". Unset: `full` for test
   * runs, `sampled` (failures, each input's first 100 messages, then the rate) for batch and live runs.
   */
  trace: traceModeSchema.optional(),
  /** With trace `sampled`: the share of messages after the first 100 whose payloads are kept, 0..1 (default 0.01). */
  traceSampleRate: z.number().min(0).max(1).optional(),
  retention: z
    .strictObject({
      maxAgeDays: z.number().min(0).optional(),
      maxRuns: z.number().int().min(1).optional(),
      maxBytes: z.number().int().min(1).optional(),
    })
    .optional(),
});
export type FlowSettings = z.infer<typeof flowSettingsSchema>;

export const flowDocumentSchema = z.strictObject({
  format: z.literal(FLOW_FORMAT, { message: `must be "${FLOW_FORMAT}"` }),
  id: idSchema,
  name: z.string(),
  description: z.string().optional(),
  settings: flowSettingsSchema.optional(),
  nodes: z.array(flowNodeSchema),
  edges: z.array(flowEdgeSchema),
  samples: z.record(z.string(), z.array(z.unknown())).optional(),
  tests: z.array(flowTestSchema).optional(),
});
export type FlowDocument = z.infer<typeof flowDocumentSchema>;

export const DEFAULT_PORT = 'out';
export const ERROR_PORT = 'error';
