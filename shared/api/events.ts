// What the service pushes to the designer while runs go on. One discriminated union, carried as is by
// both transports (IPC messages, the server's event stream): switch on `type`.
import type { ErrorData } from '../errors.js';
import type { LogLevel, RunCounts, RunKind, RunProgress, RunStatus } from '../runs.js';
import type { NodeCounts } from './runs.js';

export interface RunStartedEvent {
  type: 'run.started';
  runId: string;
  flowId: string;
  kind: RunKind;
}

export interface RunProgressEvent extends RunProgress {
  type: 'run.progress';
  flowId: string;
}

export interface RunFinishedEvent {
  type: 'run.finished';
  runId: string;
  flowId: string;
  status: RunStatus;
  counts: RunCounts;
  finishedAt?: string;
  /** Set when the run could not be driven at all (the report then may be incomplete). */
  error?: ErrorData;
}

/** Sent when a node's status or counts change; the last one per node is its final state. */
export interface NodeStatusEvent {
  type: 'node.status';
  runId: string;
  nodeId: string;
  status: 'running' | 'ok' | 'error';
  counts: NodeCounts;
}

export interface LogEvent {
  type: 'log';
  runId: string;
  nodeId?: string;
  level: LogLevel;
  message: string;
  at: string;
}

/** Why the dead letters changed: letters appeared (a run or live flow), were replayed, edited or discarded. */
export type DeadLetterChange = 'created' | 'replayed' | 'edited' | 'discarded';

/**
 * Sent when this service changes the dead letters; the designer re-reads them (`dlq.page`,
 * `dlq.marker`). Changes made by another process (the CLI on the same database) send nothing: the
 * designer notices those by polling `dlq.marker` while the Dead letters view is open.
 */
export interface DeadLettersChangedEvent {
  type: 'dlq.changed';
  change: DeadLetterChange;
  /** The flows whose letters changed. */
  flowIds: string[];
}

/** The events about one run (each names it by `runId`). */
export type RunEvent = RunStartedEvent | RunProgressEvent | RunFinishedEvent | NodeStatusEvent | LogEvent;

export type ApiEvent = RunEvent | DeadLettersChangedEvent;
export type ApiEventType = ApiEvent['type'];

export function isRunEvent(event: ApiEvent): event is RunEvent {
  return event.type !== 'dlq.changed';
}

export const apiEventTypes: ReadonlyArray<ApiEventType> = ['run.started', 'run.progress', 'run.finished', 'node.status', 'log', 'dlq.changed'];

export type EventListener = (event: ApiEvent) => void;
