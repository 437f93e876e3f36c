// The fast path of a fused batch (DESIGN.md §4 "Fused chains"): when the nodes a batch runs in memory
// form one straight chain — trigger → map → filter → map, each pure, each answering at once
// (NodeExecutor.executeNow: a compiled mapping) — a message whose trace keeps counts and timings only is
// run down the chain in one loop, without the step, emission and hop objects ./execute-batch.ts builds
// per step. It leaves what the step trees would have left: the same step ids, the same trace rows in the
// same order, the same outputs. Anything else — a failure, a log line, a mapping only an evaluation
// process can run, a message whose trace keeps payloads — sends that message down the general path,
// which starts over from its input (the chain's steps have no effects, so running them twice is safe).
import { childId } from './ids.js';
import { payloadText } from './json-text.js';
import { BatchNodeContext, messageMeta, type ContextScope } from './node-context.js';
import { isOutputPort, type PlannedNode, type RunPlan } from './run-plan.js';
import type { ClaimedMessage, StepRow } from './store/types.js';
import type { NodeContext, NodeEmission, NodeState } from './types.js';

/** One link of a chain: the node, and the edge that led to it (-1 for the first). */
interface ChainLink {
  node: PlannedNode;
  /** The edge into this node, part of its step's message id. */
  edgeIndex: number;
}

/** A straight chain of pure nodes from a batch's root to a terminal node; found once per plan and root. */
export interface FusedChain {
  links: ChainLink[];
}

/** A chain ready to run one batch's messages: its links' contexts live as long as the batch. */
export interface ChainRunner {
  chain: FusedChain;
  contexts: NodeContext[];
  scope: ContextScope;
}

/** A message that ran the whole chain at once: what its steps leave, ready for the commit. */
export interface ChainOutcome {
  chain: true;
  /** The claimed queue row; absent for a line read from an input file. */
  seq?: number;
  messageId: string;
  /** The input text and the output text, for the batch's byte budget. */
  heldBytes: number;
  /** Trace rows, in the order the general path writes them: the last step's first. */
  steps: StepRow[];
  /** What the terminal node emitted on an output port, as stored text. */
  output?: { nodeId: string; payload: string };
}

/**
 * Thrown by a chain step's context when the step does something only the general path records (a
 * log line, node state, a timer): the message then runs there instead.
 */
class NeedsStepRecord extends Error {}

const chains = new WeakMap<RunPlan, Map<PlannedNode, FusedChain | null>>();

/**
 * A runner for the chain starting at `root`, or undefined when the nodes fused after it are not one
 * straight chain of kinds that answer at once (decided once per plan and root).
 */
export function chainRunner(scope: ContextScope, root: PlannedNode): ChainRunner | undefined {
  let byRoot = chains.get(scope.plan);
  if (!byRoot) chains.set(scope.plan, (byRoot = new Map()));
  let chain = byRoot.get(root);
  if (chain === undefined) {
    chain = findChain(scope.plan, root);
    byRoot.set(root, chain);
  }
  if (chain === null) return undefined;
  return { chain, contexts: chain.links.map((link) => new ChainContext(scope, link.node)), scope };
}

function findChain(plan: RunPlan, root: PlannedNode): FusedChain | null {
  const links: ChainLink[] = [];
  const seen = new Set<PlannedNode>();
  let node: PlannedNode | undefined = root;
  let edgeIndex = -1;
  while (node !== undefined) {
    const { executor } = node;
    // A step the general path may run again must have no effects: pure kinds only, past a pass-through root.
    if (executor.passThrough !== true && (executor.executeNow === undefined || !node.pure)) return null;
    links.push({ node, edgeIndex });
    seen.add(node);
    if (node.isTerminal) break;
    // The only edges a link may have: one from `out`, into a pure node (an `error` edge is the general
    // path's business: a failing message goes there).
    let next: PlannedNode | undefined;
    for (const [port, targets] of node.targets) {
      if (port === 'error') continue;
      if (port !== 'out' || targets.length !== 1 || next !== undefined) return null;
      const target = targets[0]!;
      next = plan.nodes.get(target.nodeId);
      if (next === undefined || !next.pure) return null;
      edgeIndex = target.edgeIndex;
    }
    if (next === undefined) return null; // Only an `error` edge: not terminal, nothing to fuse.
    if (seen.has(next)) return null;
    node = next;
  }
  return links.length > 1 ? { links } : null;
}

/**
 * Runs `message` down the chain: its outcome; `'general'` when the message must take the general path
 * (nothing was recorded or sent anywhere then); `'failed'` when a step failed, which the general path
 * runs again to record.
 */
export function runChain(runner: ChainRunner, message: ClaimedMessage): ChainOutcome | 'general' | 'failed' {
  if (message.timer === true || message.attempt !== 1) return 'general';
  const { chain: { links }, contexts, scope } = runner;
  const startedAt = Date.now();
  const sameKey = message.idempotencyKey === message.id;
  const steps = new Array<StepRow>(links.length);
  let id = message.id;
  let key = message.idempotencyKey;
  let value: unknown;
  let parsed = false;
  let ran = 0;
  let output: ChainOutcome['output'];
  let started = performance.now();
  try {
    for (let at = 0; at < links.length; at++) {
      const link = links[at]!;
      const { node } = link;
      if (at > 0) {
        id = childId(id, link.edgeIndex, 0);
        key = sameKey ? id : childId(key, link.edgeIndex, 0);
      }
      let port = 'out';
      if (node.executor.passThrough !== true) {
        if (!parsed) {
          value = JSON.parse(message.payload) as unknown;
          parsed = true;
        }
        const meta = messageMeta(scope, node, id, 1, key);
        const emitted: NodeEmission[] | undefined = node.executor.executeNow!({ payload: value, meta }, contexts[at]!);
        if (emitted === undefined || emitted.length !== 1) return 'general';
        const emission = emitted[0]!;
        if (emission.availableAt !== undefined) return 'general';
        port = emission.port;
        value = emission.payload;
      }
      const ended = performance.now();
      steps[links.length - 1 - at] = {
        nodeId: node.node.id, messageId: id, attempt: 1, startedAt, durationMs: ended - started, input: null, outputs: null, error: null,
      };
      started = ended;
      ran = at + 1;
      if (port === 'out' && !node.isTerminal) continue;
      // The message stops here: on an unconnected port, or at the end of the chain.
      // The general path stores what it holds: the line as it came while no step made a new value.
      if (node.isTerminal && isOutputPort(port)) output = { nodeId: node.node.id, payload: parsed ? payloadText(value) : message.payload };
      break;
    }
  } catch (error) {
    // The general path runs the message again and records the log line, or the failure, properly.
    return error instanceof NeedsStepRecord ? 'general' : 'failed';
  }
  const outcome: ChainOutcome = {
    chain: true, messageId: message.id, heldBytes: message.payload.length + (output?.payload.length ?? 0),
    steps: ran === links.length ? steps : steps.slice(links.length - ran),
  };
  if (output !== undefined) outcome.output = output;
  if (message.seq !== undefined) outcome.seq = message.seq;
  return outcome;
}

/**
 * The node context a chain's steps at one node share. It offers what a pure step may use; anything the
 * general path would have to record (a log line, state, timers) throws NeedsStepRecord.
 */
class ChainContext extends BatchNodeContext {
  get state(): NodeState {
    throw new NeedsStepRecord();
  }

  store(): NodeState {
    throw new NeedsStepRecord();
  }

  get timers(): NodeContext['timers'] {
    throw new NeedsStepRecord();
  }

  log(): void {
    throw new NeedsStepRecord();
  }
}
