// One test run awaited to its end, for callers that want its result rather than a live picture (pinning
// a node's output). Starts the run through the contract (`runs.start`, kind `test`), waits for it the
// same two ways the run store does — the `run.finished` event (which also carries a drive that broke)
// and reading the report back, since the event stream has no replay — then reads the node's emissions.
import type { RunFinishedEvent } from '../../../shared/api/index.js';
import type { ErrorData } from '../../../shared/errors.js';
import type { FlowDocument } from '../../../shared/flow/schema.js';
import type { RunReport } from '../../../shared/runs.js';
import type { ApiClient } from '../api/client.js';

export interface FinishedTestRun {
  runId: string;
  report: RunReport;
  /** What `nodeId` emitted on its output ports, in order: what `pipewright test` compares. */
  emitted: unknown[];
  /** Set when the run could not be driven to its end. */
  error?: ErrorData;
}

export interface TestRunRequest {
  document: FlowDocument;
  inputs: Record<string, unknown[]>;
  nodeId: string;
}

/** First and longest pause between report reads: short runs end within a few of the first. */
const FIRST_READ_MS = 50;
const LONGEST_READ_MS = 500;

export async function runTestToEnd(client: ApiClient, request: TestRunRequest): Promise<FinishedTestRun> {
  const finished = new Map<string, RunFinishedEvent>();
  // Listening before the start: a short run may end before `runs.start` has answered.
  const unsubscribe = client.subscribe((event) => {
    if (event.type === 'run.finished') finished.set(event.runId, event);
  });
  try {
    const { runId } = await client.send('runs.start', { document: request.document, inputs: request.inputs, kind: 'test' });
    let report = await client.send('runs.get', { runId });
    for (let pause = FIRST_READ_MS; report.status === 'running'; pause = Math.min(pause * 2, LONGEST_READ_MS)) {
      const ended = finished.get(runId);
      if (ended?.error) break; // the drive broke: its report may say `running` for good
      if (!ended) await new Promise((resolve) => setTimeout(resolve, pause));
      // Read again even after the event: the report read before it is stale (dead letters, status).
      report = await client.send('runs.get', { runId });
      if (ended) break;
    }
    const steps = await client.send('runs.steps', { runId, nodeId: request.nodeId, limit: 1 });
    const result: FinishedTestRun = { runId, report, emitted: steps.emitted ?? [] };
    const error = finished.get(runId)?.error;
    if (error) result.error = error;
    return result;
  } finally {
    unsubscribe();
  }
}
