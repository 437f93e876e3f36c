// The sample worker: works out a node's input from the triggers' samples (./propagate.ts) with the
// designer's evaluator, off the UI thread, so a slow mapping upstream never holds up typing.
import { createGuardedEvaluator } from '../../../shared/jsonata/guarded-evaluator.js';
import { inputOf } from './propagate.js';
import type { SampleInputAnswer, SampleInputRequest } from './sample-input-messages.js';

const guarded = createGuardedEvaluator();

self.onmessage = (event: MessageEvent<SampleInputRequest>) => {
  const { id, doc, nodeId, standIns } = event.data;
  void inputOf(doc, nodeId, (expression, input) => guarded.evaluate(expression, input), { standIn: (node) => standIns[node] })
    .then((input) => self.postMessage({ id, input } satisfies SampleInputAnswer));
};
