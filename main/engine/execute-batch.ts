// Runs one node over a claimed batch and, in memory, every pure node downstream of it ("fusion"): a
// map → filter → map chain costs one claim and one commit instead of a queue hop per node. Nothing here
// writes to the database; ./commit.ts applies the resulting step trees in one transaction. Failures are
// captured as data; JSON text is made only for what will be stored.
import { getNodeKind } from '../../shared/catalog/index.js';
import { isPipewrightError, type ErrorData } from '../../shared/errors.js';
import { MappingError, NodeError } from './errors.js';
import { chainRunner, runChain, type ChainOutcome } from './fused-chain.js';
import { childId } from './ids.js';
import { Payload } from './payload.js';
import type { NodeServices } from './node-services/index.js';
import { getNodeExecutor } from './nodes/index.js';
import { BatchNodeContext, messageMeta } from './node-context.js';
import { BatchState, namedStore, ownStateStore, stepState } from './node-state.js';
import type { Redaction } from './redaction.js';
import { isOutputPort, type EdgeTarget, type PlannedNode, type RunPlan } from './run-plan.js';
import type { ClaimedMessage, StateWrite } from './store/types.js';
import { keepsPayloads, tracePolicy, type TracePolicy } from './traces.js';
import type { LogLevel, MessageMeta, NodeContext, NodeEmission, NodeState, RunKind } from './types.js';

export interface StepFailure {
  error: ErrorData;
  transient: boolean;
  retryAfterMs?: number;
}

export interface LogEntry {
  at: string;
  level: LogLevel;
  message: string;
  data?: unknown;
}

/** One edge an emission travels: run in memory (`step`) or queued for later. */
export interface Hop {
  edge: EdgeTarget;
  id: string;
  idempotencyKey: string;
  step?: StepOutcome;
}

export interface EmissionOutcome {
  port: string;
  payload: Payload;
  /** Held in the queue until then (control.delay): never fused. */
  availableAt?: number;
  hops: Hop[];
}

/** One step: a message handled at a node, with the steps fused after it. */
export interface StepOutcome {
  node: PlannedNode;
  messageId: string;
  idempotencyKey: string;
  attempt: number;
  attemptsJson: string | null;
  input: Payload;
  startedAt: number;
  durationMs: number;
  /** Whether the trace row keeps payloads (their text is then ready). */
  tracePayloads: boolean;
  emissions?: EmissionOutcome[];
  failure?: StepFailure;
  logs: LogEntry[];
  /** Key-value writes of a successful step, committed with it. */
  state?: StateWrite[];
  /** Timers the step set (ctx.timers). */
  timers?: Array<{ key: string; at: number }>;
  /** The message was a timer the node set for itself. */
  timer?: boolean;
}

export interface RootOutcome extends StepOutcome {
  /** The claimed queue row; absent for a message read straight from an input file. */
  seq?: number;
}

/** What one message of a batch left: its step tree, or what it left running down a fused chain. */
export type BatchOutcome = RootOutcome | ChainOutcome;

export interface BatchContext {
  runId: string;
  runKind: RunKind;
  flowVersion: number;
  plan: RunPlan;
  node: PlannedNode;
  services: NodeServices;
  signal: AbortSignal;
  /** Failure messages are redacted as they are captured, so no copy of them carries a secret. */
  redaction: Redaction;
  onLog: (nodeId: string, entry: LogEntry) => void;
  /**
   * Payload text the batch's step trees may hold before it stops taking messages (at least one always
   * runs): the claim's rest is left for the next batch, so a batch's memory is bounded by bytes, not
   * only by its message count times the size of each message's outputs.
   */
  maxHeldBytes: number;
}

interface StepInput {
  node: PlannedNode;
  id: string;
  idempotencyKey: string;
  attempt: number;
  attemptsJson: string | null;
  payload: Payload;
  timer?: boolean;
  /** Decided once per message (./traces.ts keepsPayloads): the steps fused after a step inherit it. */
  tracePayloads?: boolean;
}

/** The batch context plus what lives for one batch only. */
interface BatchScope extends BatchContext {
  state: BatchState;
  trace: TracePolicy;
}

/**
 * Runs the first messages of `batch`, in claim order, until all ran or the outcomes hold
 * `maxHeldBytes` of payload text; returns the outcomes of those (at least the first message's). The
 * messages after them were not touched: the caller leaves them queued (or unread) for the next batch.
 */
export async function executeBatch(batch: ClaimedMessage[], batchContext: BatchContext): Promise<BatchOutcome[]> {
  const context: BatchScope = { ...batchContext, state: new BatchState(batchContext.services.keyValue), trace: tracePolicy(batchContext.plan, batchContext.runKind) };
  const outcomes = new Array<BatchOutcome>(batch.length);
  const workers = Math.min(allAtOnce(context) ? startingTogether(batch, context.maxHeldBytes) : context.node.concurrency, batch.length);
  // Messages whose trace keeps counts only run down a straight chain at once (./fused-chain.ts); after a
  // failure there, the rest of the batch takes the general path, which records failures.
  let chain = workers <= 1 && context.runKind !== 'test' && context.trace.mode !== 'full' ? chainRunner(context, context.node) : undefined;
  let next = 0;
  let held = 0;
  const worker = async (): Promise<void> => {
    while (next < batch.length && (next === 0 || held < context.maxHeldBytes)) {
      const index = next++;
      const message = batch[index] as ClaimedMessage;
      if (chain !== undefined && !keepsPayloads(context.trace, message.id)) {
        const fast = runChain(chain, message);
        if (typeof fast === 'object') {
          outcomes[index] = fast;
          held += fast.heldBytes;
          continue;
        }
        if (fast === 'failed') chain = undefined;
      }
      const stepped = runStep(
        {
          node: context.node, id: message.id, idempotencyKey: message.idempotencyKey, attempt: message.attempt, attemptsJson: message.attemptsJson,
          payload: Payload.fromText(message.payload), ...(message.timer === true ? { timer: true } : {}),
        },
        context,
        0,
      );
      const step = (stepped instanceof Promise ? await stepped : stepped) as RootOutcome;
      // Set in place: object spreads are costly on this path (a million steps per minute).
      if (message.seq !== undefined) step.seq = message.seq;
      outcomes[index] = step;
      held += heldBytes(step);
    }
  };
  if (workers <= 1) await worker();
  else await Promise.all(Array.from({ length: workers }, worker));
  // Messages are taken in order and every taken one finished: the outcomes are a prefix of the batch.
  if (next < batch.length) outcomes.length = next;
  return outcomes;
}

/**
 * How many messages a batch that runs all at once starts together: those whose input text fits in half
 * the byte budget (at least one), so the budget still has room for their outputs; the rest follow as
 * earlier ones finish, while the budget lasts.
 */
function startingTogether(batch: ClaimedMessage[], maxHeldBytes: number): number {
  let bytes = 0;
  let count = 0;
  while (count < batch.length) {
    bytes += (batch[count] as ClaimedMessage).payload.length;
    if (count > 0 && bytes > maxHeldBytes / 2) break;
    count += 1;
  }
  return count;
}

/**
 * The payload text one step tree keeps until its commit: its inputs and outputs that have been made
 * into text (what will be stored). Walked without recursion: a fused chain can be long.
 */
function heldBytes(root: StepOutcome): number {
  let bytes = root.input.hasText ? root.input.text.length : 0;
  const pending: StepOutcome[] = [root];
  for (let step = pending.pop(); step !== undefined; step = pending.pop()) {
    for (const emission of step.emissions ?? NO_EMISSIONS) {
      if (emission.payload.hasText) bytes += emission.payload.text.length;
      for (const hop of emission.hops) if (hop.step) pending.push(hop.step);
    }
  }
  return bytes;
}

const NO_EMISSIONS: EmissionOutcome[] = [];

/**
 * A step's outcome: at once when every executor on its way answered without awaiting (executeNow, a
 * compiled mapping), so a fused map → filter → map chain costs no promise per step; a promise otherwise.
 */
type Stepped = StepOutcome | Promise<StepOutcome>;

/**
 * Fused steps run inside the one before them while they answer at once; this many deep, the next one
 * starts on a fresh stack (a microtask), so a chain of any length never overflows it.
 */
const MAX_NESTED_STEPS = 32;

function runStep(input: StepInput, context: BatchScope, nested: number): Stepped {
  const { node } = input;
  const startedAt = Date.now();
  const started = performance.now();
  const step: StepOutcome = {
    node, messageId: input.id, idempotencyKey: input.idempotencyKey, attempt: input.attempt, attemptsJson: input.attemptsJson,
    input: input.payload, startedAt, durationMs: 0, tracePayloads: false, logs: NO_LOGS,
  };
  if (input.timer === true) step.timer = true;
  if (node.executor.passThrough === true) return afterExecute(input, context, step, started, [{ port: 'out', payload: input.payload, hops: NO_HOPS }], undefined, nested);
  const ctx = new StepContext(input, context, step);
  let emitted: NodeEmission[] | undefined;
  try {
    emitted = callExecutorNow(input, ctx, context);
  } catch (error) {
    return failed(step, performance.now() - started, toFailure(error), context);
  }
  if (emitted !== undefined) return afterExecute(input, context, step, started, emissionOutcomes(emitted), ctx, nested);
  return callExecutor(input, ctx, context).then(
    (raw) => afterExecute(input, context, step, started, emissionOutcomes(raw), ctx, nested),
    (error: unknown) => failed(step, performance.now() - started, toFailure(error), context),
  );
}

/**
 * The step's emissions are built straight into their outcomes (hops filled in later): on this path, a
 * million steps a minute, every intermediate array and object is garbage to collect.
 */
function emissionOutcomes(raw: NodeEmission[]): EmissionOutcome[] {
  const emissions = new Array<EmissionOutcome>(raw.length);
  for (let i = 0; i < raw.length; i++) {
    const emission = raw[i] as NodeEmission;
    emissions[i] = emission.availableAt === undefined
      ? { port: emission.port, payload: Payload.fromValue(emission.payload), hops: NO_HOPS }
      : { port: emission.port, payload: Payload.fromValue(emission.payload), availableAt: emission.availableAt, hops: NO_HOPS };
  }
  return emissions;
}

/** After the executor answered: the texts that will be stored, the hops, the step's effects, then the fused steps. */
function afterExecute(
  input: StepInput, context: BatchScope, step: StepOutcome, started: number, emissions: EmissionOutcome[], ctx: StepContext | undefined, nested: number,
): Stepped {
  const { node } = input;
  const durationMs = performance.now() - started;
  const tracePayloads = input.tracePayloads ?? keepsPayloads(context.trace, input.id);

  try {
    // Make every text that will be stored now, so an unserializable output fails this step, cleanly.
    if (tracePayloads) void input.payload.text;
    // Ids and keys are the same text for most messages (file lines, inline inputs): built once then.
    const sameKey = input.idempotencyKey === input.id;
    for (let index = 0; index < emissions.length; index++) {
      const emission = emissions[index] as EmissionOutcome;
      const edges = node.targets.get(emission.port) ?? NO_EDGES;
      let stored = tracePayloads || (isOutputPort(emission.port) && (node.isTerminal || context.runKind === 'test'));
      if (edges.length > 0) {
        const hops = new Array<Hop>(edges.length);
        for (let e = 0; e < edges.length; e++) {
          const edge = edges[e] as EdgeTarget;
          if (!isFusable(context.plan, edge) || emission.availableAt !== undefined) stored = true;
          const id = childId(input.id, edge.edgeIndex, index);
          hops[e] = { edge, id, idempotencyKey: sameKey ? id : childId(input.idempotencyKey, edge.edgeIndex, index) };
        }
        emission.hops = hops;
      }
      if (stored) void emission.payload.text;
    }
  } catch (error) {
    return failed(step, durationMs, toFailure(error), context);
  }

  // This step's state is visible to the steps fused after it and to the rest of the batch.
  const effects = ctx?.effects;
  if (effects !== undefined) {
    const { state, timers } = effects;
    if (state.length > 0) {
      step.state = state;
      context.state.apply(state);
    }
    if (timers.length > 0) step.timers = timers;
  }
  step.durationMs = durationMs;
  step.tracePayloads = tracePayloads;
  step.emissions = emissions;
  return runFusedSteps(step, context, nested, 0, 0);
}

/** Runs the steps fused after `step`, from its emission `from` and that emission's hop `fromHop` on. */
function runFusedSteps(step: StepOutcome, context: BatchScope, nested: number, from: number, fromHop: number): Stepped {
  const emissions = step.emissions as EmissionOutcome[];
  for (let index = from; index < emissions.length; index++) {
    const emission = emissions[index] as EmissionOutcome;
    if (emission.availableAt !== undefined) continue;
    const { hops } = emission;
    for (let h = index === from ? fromHop : 0; h < hops.length; h++) {
      const hop = hops[h] as Hop;
      if (!isFusable(context.plan, hop.edge)) continue;
      const next: StepInput = {
        node: context.plan.nodes.get(hop.edge.nodeId) as PlannedNode, id: hop.id, idempotencyKey: hop.idempotencyKey, attempt: 1, attemptsJson: null,
        payload: emission.payload, tracePayloads: step.tracePayloads,
      };
      const fused = nested < MAX_NESTED_STEPS ? runStep(next, context, nested + 1) : Promise.resolve().then(() => runStep(next, context, 0));
      if (fused instanceof Promise) {
        return fused.then((done) => {
          hop.step = done;
          return runFusedSteps(step, context, 0, index, h + 1);
        });
      }
      hop.step = fused;
    }
  }
  return step;
}

/** Shared by every step that logged nothing (most): a step's first log line gives it its own array. */
const NO_LOGS: LogEntry[] = [];
/** Shared by every emission on a port without edges; never written to. */
const NO_HOPS: Hop[] = [];
const NO_EDGES: EdgeTarget[] = [];

function failed(step: StepOutcome, durationMs: number, failure: StepFailure, context: BatchContext): StepOutcome {
  // A failed step keeps its input for the trace, the retry or the dead letter.
  try {
    void step.input.text;
  } catch (error) {
    step.input = Payload.fromText(JSON.stringify({ $unserializable: (error as Error).message }));
  }
  step.durationMs = durationMs;
  step.tracePayloads = true;
  failure.error = context.redaction.error(failure.error);
  step.failure = failure;
  return step;
}

/**
 * Kinds whose steps read and write no state (ctx.state, ctx.store, timers): their messages may run at
 * once, in any interleaving, with the same outcome. A kind missing here runs its batch in order.
 */
const STATE_FREE_KINDS = new Set([
  'trigger.manual', 'trigger.webhook', 'trigger.schedule', 'trigger.file', 'transform.map', 'transform.filter', 'transform.switch', 'transform.split',
  'transform.validate', 'transform.parse', 'transform.serialize', 'control.delay', 'output.log',
]);
const runsAllAtOnce = new WeakMap<PlannedNode, boolean>();

/**
 * Whether a batch at `root` runs all its messages at once: the root and every node fused after it are
 * built-in state-free kinds, and one of their JSONata fields is evaluated in an evaluation process.
 * Those evaluations then reach the processes together, one round trip per node for the whole batch
 * (DESIGN.md §5 "Isolation"), instead of one per message. Expressions evaluated in-process (compiled)
 * gain nothing from it and cost memory and promises: those batches run one message after another.
 */
function allAtOnce(context: BatchScope): boolean {
  const root = context.node;
  let known = runsAllAtOnce.get(root);
  if (known !== undefined) return known;
  const fused = fusedFrom(context.plan, root);
  const placement = context.services.mapping.placement?.bind(context.services.mapping);
  known = fused.every((node) => STATE_FREE_KINDS.has(node.node.type) && node.executor === getNodeExecutor(node.node.type))
    && placement !== undefined
    && fused.some((node) => (getNodeKind(node.node.type)?.jsonataFields(node.config) ?? []).some((field) => placement(field.source, field.kind) === 'isolated'));
  runsAllAtOnce.set(root, known);
  return known;
}

/** `root` and every pure node fused after it. */
function fusedFrom(plan: RunPlan, root: PlannedNode): PlannedNode[] {
  const seen = new Set<PlannedNode>([root]);
  const stack = [root];
  while (stack.length > 0) {
    const node = stack.pop() as PlannedNode;
    for (const edges of node.targets.values()) {
      for (const edge of edges) {
        const target = plan.nodes.get(edge.nodeId);
        if (target === undefined || !target.pure || seen.has(target)) continue;
        seen.add(target);
        stack.push(target);
      }
    }
  }
  return [...seen];
}

function isFusable(plan: RunPlan, edge: EdgeTarget): boolean {
  return plan.nodes.get(edge.nodeId)?.pure === true;
}

/** What a step did besides emitting, kept only if it succeeds. */
interface StepEffects {
  state: StateWrite[];
  own: Map<string, StateWrite>;
  timers: Array<{ key: string; at: number }>;
}

/** The executor's answer at once, or undefined when it must be awaited (./types.ts NodeExecutor.executeNow). */
function callExecutorNow(input: StepInput, ctx: NodeContext, context: BatchScope): NodeEmission[] | undefined {
  const { executor } = input.node;
  if (input.timer === true || executor.executeNow === undefined) return undefined;
  return executor.executeNow({ payload: input.payload.value, meta: metaOf(input, context) }, ctx);
}

function callExecutor(input: StepInput, ctx: NodeContext, context: BatchScope): Promise<NodeEmission[]> {
  const { executor } = input.node;
  if (input.timer !== true) return executor.execute({ payload: input.payload.value, meta: metaOf(input, context) }, ctx);
  if (!executor.onTimer) return Promise.resolve([]); // The node no longer uses timers (a replayed old version): nothing to do.
  return executor.onTimer(input.payload.value as { key: string; at: number }, ctx);
}

function metaOf(input: StepInput, context: BatchContext): MessageMeta {
  return messageMeta(context, input.node, input.id, input.attempt, input.idempotencyKey);
}

/**
 * One step's node context. A class, so the one made per message is a single allocation whose methods
 * live on the prototype; what the step records (state, timers) is made on first use.
 */
class StepContext extends BatchNodeContext {
  /** Made on first use: most steps keep no state and set no timers. */
  effects: StepEffects | undefined;

  constructor(private readonly input: StepInput, private readonly scope: BatchScope, private readonly step: StepOutcome) {
    super(scope, input.node);
  }

  get state(): NodeState {
    return this.storeNamed(ownStateStore(this.flow.id, this.scope.runId, this.node.id));
  }

  store(name: string): NodeState {
    return this.storeNamed(namedStore(name, this.scope.runId, this.scope.runKind === 'test'));
  }

  get timers(): NodeContext['timers'] {
    return { set: (key, at) => void this.recorder().timers.push({ key, at }) };
  }

  log(level: LogLevel, message: string, data?: unknown): void {
    const entry: LogEntry = data === undefined ? { at: new Date().toISOString(), level, message } : { at: new Date().toISOString(), level, message, data };
    if (this.step.logs === NO_LOGS) this.step.logs = [];
    this.step.logs.push(entry);
    this.scope.onLog(this.input.node.node.id, entry);
  }

  private storeNamed(name: string): NodeState {
    const effects = this.recorder();
    return stepState(this.scope.state, name, effects.state, effects.own);
  }

  private recorder(): StepEffects {
    return (this.effects ??= { state: [], own: new Map(), timers: [] });
  }
}

/** Any thrown value as error data; only a NodeError marked transient is retried. */
export function toFailure(error: unknown): StepFailure {
  if (error instanceof MappingError) {
    const data = error.toData();
    return { error: { ...data, message: `${error.jsonataCode}: ${error.message}` }, transient: false };
  }
  if (error instanceof NodeError) {
    return error.retryAfterMs === undefined
      ? { error: error.toData(), transient: error.transient }
      : { error: error.toData(), transient: error.transient, retryAfterMs: error.retryAfterMs };
  }
  if (isPipewrightError(error)) return { error: error.toData(), transient: false };
  if (error instanceof RangeError) return { error: { code: 'NODE_FAILED', message: `the node failed: ${error.message} (is the payload nested too deeply?)` }, transient: false };
  if (error instanceof Error) return { error: { code: 'NODE_FAILED', message: `the node failed: ${error.message}` }, transient: false };
  return { error: { code: 'NODE_FAILED', message: `the node failed: ${String(error)}` }, transient: false };
}
