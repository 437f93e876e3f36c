// flows.test — a flow's tests run through the contract, for the designer's Run tests button: the
// saved flow or the unsaved document, validated once, each test a run of kind `test` judged by
// main/workspace/flow-tests.ts (the same judge as `pipewright test`). The call answers when every
// test has finished; the runs stay in the history to inspect.
import type { FlowHandlers } from '../../shared/api/flows.js';
import { withTraceMode } from '../../shared/flow/valid-flow.js';
import type { Engine } from '../engine/types.js';
import { runFlowTests } from '../workspace/flow-tests.js';
import { checkUnsavedFlow, loadSavedFlow } from '../workspace/runnable-flow.js';
import type { RunTracker } from './run-tracker.js';

export function createFlowTestHandlers(workspace: string, engine: Engine, tracker: RunTracker): Pick<FlowHandlers, 'flows.test'> {
  return {
    'flows.test': async ({ flowId, document }) => {
      const nextStep = 'fix it and run its tests again';
      const runnable = flowId !== undefined ? loadSavedFlow(workspace, flowId, nextStep) : checkUnsavedFlow(document, nextStep);
      // Full traces, as for the designer's other test runs: a failed test's run shows every step.
      const subject = { flow: withTraceMode(runnable.flow, 'full'), ...(runnable.flowPath === undefined ? {} : { flowPath: runnable.flowPath }) };
      const results = await tracker.quietly((signal) => runFlowTests(engine, subject, { signal }));
      const passed = results.filter((result) => result.passed).length;
      return { flowId: runnable.flow.id, results, passed, failed: results.length - passed };
    },
  };
}
