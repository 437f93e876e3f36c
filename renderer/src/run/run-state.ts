// The state of the designer's test run, as a pure reducer over what the service says: the start
// request, the run id it answers with, the events of that run (run.*, node.status, log) and the node
// states read back with `runs.steps`. No React, no transport: tested over event sequences.
//
// Events can arrive before `runs.start` answers (the server emits run.started while the response is
// still on its way, and SSE and HTTP are separate connections), so events seen while starting are kept
// and replayed once the run id is known; events of any other run are ignored.
import type { RunEvent as ApiEvent, NodeCounts, NodeRunState, NodeRunStatus } from '../../../shared/api/index.js';
import type { ErrorData } from '../../../shared/errors.js';
import type { RunCounts, RunStatus } from '../../../shared/runs.js';

export type RunPhase = 'idle' | 'starting' | 'running' | 'finished' | 'failed';

export interface NodeRunView {
  status: NodeRunStatus;
  counts: NodeCounts;
  lastError?: ErrorData;
}

export interface RunLogLine {
  at: string;
  level: string;
  message: string;
  nodeId?: string;
}

export interface RunState {
  phase: RunPhase;
  /** Which start request this state belongs to: an older request's answer is ignored. */
  attempt: number;
  runId?: string;
  flowId?: string;
  /** The engine's status once finished (`succeeded`, `failed`, `interrupted`). */
  status?: RunStatus;
  counts?: RunCounts;
  /** Messages that reached the flow's terminal nodes (the report's outputCounts), once read after the end. */
  outputs?: number;
  nodes: Readonly<Record<string, NodeRunView>>;
  logs: readonly RunLogLine[];
  /** Why the run could not start, or could not be driven to its end. */
  error?: ErrorData;
  /** The user pressed Stop on this run (`runs.stop`). */
  stopRequested?: boolean;
  /** Why stopping failed, when it did. */
  stopError?: ErrorData;
  /** Events seen while the run id was not known yet. */
  early: readonly ApiEvent[];
}

export type RunAction =
  | { type: 'start'; attempt: number }
  | { type: 'started'; attempt: number; runId: string; flowId?: string }
  | { type: 'start-failed'; attempt: number; error: ErrorData }
  | { type: 'event'; event: ApiEvent }
  | { type: 'nodes'; runId: string; nodes: readonly NodeRunState[] }
  | { type: 'outputs'; runId: string; outputs: number }
  | { type: 'stop-requested'; runId: string }
  | { type: 'stop-failed'; runId: string; error: ErrorData }
  | RestoredRun
  | { type: 'clear'; attempt: number };

/** A run read back from the service (the flow's last test run, after a reload), shown if nothing started meanwhile. */
export interface RestoredRun {
  type: 'restored';
  attempt: number;
  runId: string;
  flowId: string;
  status: RunStatus;
  counts: RunCounts;
  outputs: number;
  nodes: readonly NodeRunState[];
}

/** Log lines and early events kept at most: a chatty run must not grow the designer's memory. */
export const MAX_LOG_LINES = 500;
const MAX_EARLY_EVENTS = 2000;

export const idleRun: RunState = { phase: 'idle', attempt: 0, nodes: {}, logs: [], early: [] };

export function runReducer(state: RunState, action: RunAction): RunState {
  switch (action.type) {
    case 'start':
      return { ...idleRun, phase: 'starting', attempt: action.attempt };
    case 'started': {
      if (action.attempt !== state.attempt || state.phase !== 'starting') return state;
      let next: RunState = { ...state, phase: 'running', runId: action.runId, early: [] };
      if (action.flowId !== undefined) next.flowId = action.flowId;
      for (const event of state.early) if (event.runId === action.runId) next = applyEvent(next, event);
      return next;
    }
    case 'start-failed':
      if (action.attempt !== state.attempt || state.phase !== 'starting') return state;
      return { ...state, phase: 'failed', error: action.error, early: [] };
    case 'event':
      if (state.phase === 'starting') {
        return state.early.length >= MAX_EARLY_EVENTS ? state : { ...state, early: [...state.early, action.event] };
      }
      return action.event.runId === state.runId ? applyEvent(state, action.event) : state;
    case 'nodes':
      return action.runId === state.runId ? { ...state, nodes: mergeNodeStates(state.nodes, action.nodes) } : state;
    case 'outputs':
      return action.runId === state.runId ? { ...state, outputs: action.outputs } : state;
    case 'stop-requested':
      return action.runId === state.runId && isRunBusy(state) ? { ...state, stopRequested: true } : state;
    case 'stop-failed': {
      if (action.runId !== state.runId) return state;
      const { stopRequested: _stopRequested, ...rest } = state;
      return { ...rest, stopError: action.error };
    }
    case 'restored': {
      if (action.attempt !== state.attempt || state.phase !== 'idle') return state;
      const running = action.status === 'running';
      const next: RunState = { ...idleRun, attempt: state.attempt, phase: running ? 'running' : 'finished', runId: action.runId, flowId: action.flowId, counts: action.counts, nodes: mergeNodeStates({}, action.nodes) };
      // While it runs, the report's outputs are not the end's yet; they are read again when it ends.
      return running ? next : { ...next, status: action.status, outputs: action.outputs };
    }
    case 'clear':
      return { ...idleRun, attempt: action.attempt };
  }
}

function applyEvent(state: RunState, event: ApiEvent): RunState {
  switch (event.type) {
    case 'run.started':
      return { ...state, flowId: event.flowId };
    case 'run.progress': {
      // Progress only grows; a report that overtook a later one, or came after the end, is stale.
      if (state.phase === 'finished' || (state.counts && state.counts.processed > event.processed)) return state;
      const { received, processed, pending, dead } = event;
      return { ...state, counts: { received, processed, pending, dead } };
    }
    case 'node.status': {
      if (state.phase === 'finished' && event.status === 'running') return state;
      const current = state.nodes[event.nodeId];
      const incoming: NodeRunView = { status: event.status, counts: event.counts };
      if (current?.lastError) incoming.lastError = current.lastError;
      if (current && !isNewer(incoming, current)) return state;
      return { ...state, nodes: { ...state.nodes, [event.nodeId]: incoming } };
    }
    case 'log': {
      const line: RunLogLine = { at: event.at, level: event.level, message: event.message };
      if (event.nodeId !== undefined) line.nodeId = event.nodeId;
      const logs = state.logs.length >= MAX_LOG_LINES ? [...state.logs.slice(1 - MAX_LOG_LINES), line] : [...state.logs, line];
      return { ...state, logs };
    }
    case 'run.finished': {
      const next: RunState = { ...state, phase: 'finished', status: event.status, counts: event.counts };
      if (event.error) next.error = event.error;
      return next;
    }
  }
}

/**
 * Whether a node.status event is later than what is shown. Counts only grow during a run, so larger
 * counts win; with equal counts a settled status (ok/error) beats `running`, never the other way round.
 * That keeps a late `running` from hiding a node's final state when events arrive out of order.
 */
function isNewer(incoming: NodeRunView, current: NodeRunView): boolean {
  const order: Array<keyof Omit<NodeCounts, 'byPort'>> = ['steps', 'messages', 'emitted', 'errors'];
  for (const key of order) {
    const [next, shown] = [incoming.counts[key] ?? 0, current.counts[key] ?? 0];
    if (next !== shown) return next > shown;
  }
  if (incoming.status === current.status) return false;
  return incoming.status !== 'running';
}

/** The service's node states are the truth once read; a node whose state did not change keeps its object. */
function mergeNodeStates(previous: Readonly<Record<string, NodeRunView>>, states: readonly NodeRunState[]): Record<string, NodeRunView> {
  const next: Record<string, NodeRunView> = {};
  for (const state of states) {
    if (state.status === 'idle' && state.counts.steps === 0) continue;
    const view: NodeRunView = { status: state.status, counts: state.counts };
    if (state.lastError) view.lastError = state.lastError;
    const old = previous[state.nodeId];
    next[state.nodeId] = old && JSON.stringify(old) === JSON.stringify(view) ? old : view;
  }
  return next;
}

export function isRunBusy(state: RunState): boolean {
  return state.phase === 'starting' || state.phase === 'running';
}

/**
 * Whether a finished run ended because it was stopped: messages were left (`interrupted`), or it is
 * still `running` in the store with no one driving it. One that finished anyway before the stop
 * took hold is not.
 */
export function wasStopped(state: RunState): boolean {
  return state.phase === 'finished' && (state.status === 'running' || (state.status === 'interrupted' && state.stopRequested === true));
}

/**
 * One line for the status bar and the run panel's heading, in messages: how many came in at the
 * triggers, how many reached the flow's ends, how many are dead letters ("Succeeded, 1 message in,
 * 1 out, 0 dead letters"). Steps are not messages: one message through four nodes is four steps.
 */
export function describeRun(state: RunState): string {
  const counts = state.counts;
  switch (state.phase) {
    case 'idle':
      return 'Not run yet';
    case 'starting':
      return 'Starting test run…';
    case 'running':
      return counts ? `Running, ${plural(counts.received, 'message')} in, ${counts.pending} waiting${counts.dead > 0 ? `, ${plural(counts.dead, 'dead letter')}` : ''}` : 'Running…';
    case 'failed':
      return `Could not start: ${state.error?.message ?? 'unknown error'}`;
    case 'finished': {
      const status = wasStopped(state) ? 'Stopped' : state.status === 'succeeded' ? 'Succeeded' : state.status === 'interrupted' ? 'Interrupted' : 'Failed';
      const outputs = state.outputs !== undefined ? `, ${state.outputs} out` : '';
      const messages = counts ? `, ${plural(counts.received, 'message')} in${outputs}, ${plural(counts.dead, 'dead letter')}` : '';
      return `${status}${messages}${state.error ? `: ${state.error.message}` : ''}`;
    }
  }
}

/**
 * The node badge's accessible text in messages: "3 in, 3 out"; attempts only when a message was tried
 * more than once ("1 in, 0 out, 5 attempts, failed"); "failed" alone when every message failed there.
 * A past run read from the history knows only steps, which then stand for the messages.
 */
export function nodeCountsLabel(counts: NodeCounts): string {
  const messages = counts.messages ?? counts.steps;
  const attempts = counts.steps > messages ? `, ${plural(counts.steps, 'attempt')}` : '';
  const failed = counts.errors === 0 ? '' : counts.errors === messages ? ', failed' : `, ${counts.errors} failed`;
  return `${messages} in, ${counts.emitted} out${attempts}${failed}`;
}

export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}
