// Runs a flow's tests (DESIGN.md §2 `tests`) on the real engine, each as a run of kind `test`, and
// judges them: every node named in `expect` must have emitted exactly the expected payloads, in
// order (deep equality). A node the test gives `standIns` for is not run: it emits those instead. `pipewright test` and the contract's flows.test both call this, so a test
// passes or fails the same way in the terminal and in the designer.
import type { FlowTestFailure, FlowTestResult } from '../../shared/api/flow-tests.js';
import { toErrorData } from '../../shared/api/errors.js';
import { isPipewrightError } from '../../shared/errors.js';
import type { FlowTest } from '../../shared/flow/schema.js';
import type { ValidFlow } from '../../shared/flow/valid-flow.js';
import type { Engine } from '../engine/types.js';
import { diffLines, isDeepEqual } from './test-diff.js';

export interface FlowUnderTest {
  flow: ValidFlow;
  /** The saved file, when there is one: the engine records where the run's flow came from. */
  flowPath?: string;
}

export interface FlowTestOptions {
  /** Stops the running test's drive (its run stays resumable) and starts no further test. */
  signal?: AbortSignal;
  /** Called as each test finishes, so a terminal can print it at once. */
  onResult?: (result: FlowTestResult) => void;
}

/** Every test of the flow, in order; fewer when the signal stopped them. */
export async function runFlowTests(engine: Engine, subject: FlowUnderTest, options: FlowTestOptions = {}): Promise<FlowTestResult[]> {
  const results: FlowTestResult[] = [];
  for (const test of subject.flow.tests ?? []) {
    if (options.signal?.aborted) break;
    const result = await runFlowTest(engine, subject, test, options.signal);
    results.push(result);
    options.onResult?.(result);
  }
  return results;
}

/** One test: start its run on the test's inputs, drive it to the end, compare what the nodes emitted. */
export async function runFlowTest(engine: Engine, subject: FlowUnderTest, test: FlowTest, signal?: AbortSignal): Promise<FlowTestResult> {
  let runId: string;
  try {
    const inputs = Object.entries(test.input).map(([triggerId, messages]) => ({ triggerId, messages }));
    runId = await engine.startRun({
      flow: subject.flow, ...(subject.flowPath === undefined ? {} : { flowPath: subject.flowPath }), kind: 'test', inputs,
      // Nodes that reach outside are replaced by what the test says they emit: no API call, no file.
      ...(test.standIns === undefined ? {} : { standIns: test.standIns }),
    });
  } catch (error) {
    // A test the engine refuses (say, an input for a node that is not a trigger) fails; others still run.
    if (!isPipewrightError(error)) throw error;
    return { name: test.name, passed: false, error: toErrorData(error), failures: [], deadLetters: [] };
  }
  const report = await engine.drive(runId, signal === undefined ? {} : { signal });
  const emitted = await engine.emissions(runId);
  const failures: FlowTestFailure[] = [];
  for (const [nodeId, expected] of Object.entries(test.expect)) {
    const actual = emitted[nodeId] ?? [];
    if (!isDeepEqual(expected, actual)) failures.push({ nodeId, expected, actual, diff: diffLines(nodeId, expected, actual) });
  }
  return { name: test.name, passed: failures.length === 0, runId, failures, deadLetters: report.dead };
}
