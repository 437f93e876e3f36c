// What the designer's UI thread and its mapping evaluation worker say to each other. The sample is
// sent once per change (as JSON text: the worker parses it, and a restarted worker gets the same text
// again without another stringify); each keystroke sends only the expression. The answer carries the
// output already formatted for the pane, so the UI thread never stringifies a large result.
import type { OutputView } from './mapping-output-text.js';

export type ToWorker =
  /** The input `$` of the evaluations that follow; `text` undefined means no input. */
  | { type: 'sample'; sampleId: number; text: string | undefined }
  | { type: 'evaluate'; id: number; sampleId: number; expression: string; kind: 'expression' | 'template'; timeoutMs?: number };

export type FromWorker =
  | { type: 'answer'; id: number; view: OutputView }
  /** A newer evaluation arrived before this one finished: its output was not formatted. */
  | { type: 'superseded'; id: number }
  /** The evaluation could not run at all (the sample did not parse, an unexpected error). */
  | { type: 'failed'; id: number; message: string };
