// The mapping evaluation worker (started by ./worker-evaluator.ts): JSONata runs here, off the UI
// thread, so typing never waits for an evaluation. All of the logic is in ./evaluation-host.ts.
import { createEvaluationHost } from './evaluation-host.js';
import type { FromWorker, ToWorker } from './worker-messages.js';

const host = createEvaluationHost((message: FromWorker) => self.postMessage(message));

self.onmessage = (event: MessageEvent<ToWorker>) => {
  void host.receive(event.data);
};
