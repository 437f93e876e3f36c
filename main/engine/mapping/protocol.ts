// What the engine's process and its evaluation processes say to each other (DESIGN.md §5 "Isolation").
// Payloads travel as JSON text: the child parses them itself, the size of a result is known before it
// is sent, and nothing a JSONata value can hold (functions, sequence flags) has to survive the channel.
import type { TextRange } from '../../../shared/errors.js';

export interface EvaluationTask {
  id: number;
  kind: 'expression' | 'template';
  expression: string;
  /** The input as JSON text; absent for `undefined`. */
  input?: string;
  /** The bindings (`$meta`, …) as JSON text. */
  bindings?: string;
  timeoutMs?: number;
  maxDepth?: number;
}

export interface EvaluationFailureData {
  code: string;
  message: string;
  range: TextRange;
}

export type TaskOutcome =
  /** `result`: JSON text of an expression's value (absent when it matched nothing), or a template's text. */
  | { id: number; ok: true; result?: string }
  | { id: number; ok: false; failure: EvaluationFailureData };

/** Host → child: one chunk of tasks, evaluated in order. */
export interface ChunkRequest {
  tasks: EvaluationTask[];
  /** Report after every task: the chunk holds suspects, and the one running when it dies is the culprit. */
  eager?: boolean;
}

/** Child → host: results so far; `done` closes the chunk. Sent early when a chunk runs long. */
export type ChildReport = { ready: true } | { ready?: undefined; results: TaskOutcome[]; done: boolean };

/** The child's settings, passed as its one command-line argument (JSON). */
export interface ChildSettings {
  maxResultChars: number;
  memoryMb: number;
}
