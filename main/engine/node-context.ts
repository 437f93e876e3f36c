// What every node context of a batch shares (types.ts NodeContext): the flow, the node and its parsed
// config, and the host's services. The general path's StepContext (./execute-batch.ts, one per step,
// recording state, timers and log lines) and a fused chain's ChainContext (./fused-chain.ts, one per
// node and batch, refusing what it cannot record) differ only in those records. Also the message meta
// both hand an executor.
import type { NodeServices } from './node-services/index.js';
import type { PlannedNode, RunPlan } from './run-plan.js';
import type { LogLevel, MessageMeta, NodeContext, NodeState } from './types.js';

/** The part of a batch a node context reads. */
export interface ContextScope {
  runId: string;
  flowVersion: number;
  plan: RunPlan;
  services: NodeServices;
  signal: AbortSignal;
}

export abstract class BatchNodeContext implements NodeContext {
  readonly flow: NodeContext['flow'];
  readonly node: NodeContext['node'];
  readonly config: unknown;
  readonly mapping: NodeContext['mapping'];
  readonly signal: AbortSignal;
  readonly files: NodeContext['files'];
  readonly credentials?: NonNullable<NodeContext['credentials']>;
  readonly connections?: NonNullable<NodeContext['connections']>;

  constructor(scope: ContextScope, planned: PlannedNode) {
    const { services } = scope;
    this.flow = scope.plan.flow;
    this.node = planned.node;
    this.config = planned.config;
    this.mapping = services.mapping;
    this.signal = scope.signal;
    this.files = services.files;
    if (services.credentials !== undefined) this.credentials = services.credentials;
    if (services.connections !== undefined) this.connections = services.connections;
  }

  abstract get state(): NodeState;
  abstract store(name: string): NodeState;
  abstract get timers(): NodeContext['timers'];
  abstract log(level: LogLevel, message: string, data?: unknown): void;
}

/** The meta of one step's message, as an executor gets it. */
export function messageMeta(scope: ContextScope, planned: PlannedNode, messageId: string, attempt: number, idempotencyKey: string): MessageMeta {
  return { messageId, runId: scope.runId, flowId: scope.plan.flow.id, flowVersion: scope.flowVersion, nodeId: planned.node.id, attempt, idempotencyKey };
}
