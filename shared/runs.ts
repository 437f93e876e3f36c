// What a run looks like from outside the engine: reports, summaries, traces, dead letters, progress.
// Defined here, in shared/, because the engine (main/engine/types.ts re-exports them), the contract
// (shared/api) and the designer all speak these shapes; one definition keeps them in step.
import type { ErrorData } from './errors.js';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type RunStatus = 'succeeded' | 'failed' | 'running' | 'interrupted';
export type RunKind = 'run' | 'test' | 'replay' | 'live';

export interface RunCounts {
  received: number;
  processed: number;
  pending: number;
  dead: number;
}

export interface AttemptRecord {
  attempt: number;
  at: string;
  error: ErrorData & { transient: boolean };
  durationMs: number;
}

export interface DeadLetterSummary {
  id: string;
  runId: string;
  flowId: string;
  nodeId: string;
  messageId: string;
  error: ErrorData;
  attempts: number;
  createdAt: string;
  replayedIn?: string;
}

export interface DeadLetter extends DeadLetterSummary {
  payload: unknown;
  history: AttemptRecord[];
}

export interface RunReport {
  runId: string;
  status: RunStatus;
  flowId: string;
  flowVersion: number;
  /** What reached each terminal node, in order. */
  outputs: Record<string, unknown[]>;
  dead: DeadLetterSummary[];
  counts: RunCounts;
  startedAt: string;
  finishedAt?: string;
  /** How many messages reached each terminal node: more than `outputs` holds when it was truncated. */
  outputCounts: Record<string, number>;
  /** Set when `outputs` holds only the first of them (a report keeps 10,000 at most). */
  outputsTruncated?: boolean;
}

export interface RunSummary {
  runId: string;
  flowId: string;
  flowVersion: number;
  status: RunStatus;
  kind: RunKind;
  startedAt: string;
  finishedAt?: string;
  counts: RunCounts;
}

export interface Emission {
  port: string;
  payload: unknown;
}

export interface StepTrace {
  runId: string;
  nodeId: string;
  messageId: string;
  attempt: number;
  startedAt: string;
  durationMs: number;
  /** Capped; `{ "$truncated": bytes }` when cut; absent when the flow's trace mode skipped it. */
  input?: unknown;
  outputs?: Emission[];
  error?: ErrorData;
}

export interface RunProgress extends RunCounts {
  runId: string;
}

export interface LogLine {
  at: string;
  nodeId?: string;
  level: LogLevel;
  message: string;
}
