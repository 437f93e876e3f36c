// What running a flow's tests (DESIGN.md §2 `tests`) gives back: per test, pass or fail, and for a
// failure which node emitted what instead of what was expected. `pipewright test` prints these
// results and the designer's Run tests panel shows them, so both judge a test the same way.
import type { ErrorData } from '../errors.js';
import type { DeadLetterSummary } from '../runs.js';

export interface FlowTestFailure {
  /** A node named in the test's `expect`. */
  nodeId: string;
  /** The payloads the test expects the node to emit, in order. */
  expected: unknown[];
  /** What the node did emit, in order. */
  actual: unknown[];
  /** One line per differing path (`big[0].total: expected 120, got 119`), capped. */
  diff: string[];
}

export interface FlowTestResult {
  name: string;
  passed: boolean;
  /** The test's run (kind `test`), to inspect its steps; absent when the run could not start. */
  runId?: string;
  /** Why the run could not start (e.g. an input for a node that is not a trigger). */
  error?: ErrorData;
  /** Only the nodes whose emissions differ; empty for a passed test. */
  failures: FlowTestFailure[];
  /** Messages that died in the test's run (the usual reason a node emitted less than expected). */
  deadLetters: DeadLetterSummary[];
}

export interface FlowTestReport {
  flowId: string;
  results: FlowTestResult[];
  passed: number;
  failed: number;
}
