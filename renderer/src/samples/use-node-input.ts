// The selected node's input, worked out in the sample worker (./sample-input-client.ts) from the
// triggers' samples through the nodes before it (./propagate.ts). Stand-ins for nodes that are not run
// while designing: a flow test's stand-in or expectation for them (./stand-in-outputs.ts), else what
// they emitted in the last finished test run (read back when the working-out stopped at one). Recomputed shortly after the flow changes.
import { useEffect, useState } from 'react';
import type { FlowDocument } from '../../../shared/flow/schema.js';
import type { RunStore } from '../run/run-store.js';
import type { NodeInput } from './propagate.js';
import { workOutInput } from './sample-input-client.js';
import { standInOutputs } from './stand-in-outputs.js';

/** Edits come in bursts (typing): wait this long after the last one. */
const SETTLE_MS = 150;
/** Nodes read back from the last run, at most, before the answer stands. */
const MAX_READ_BACKS = 4;

export interface LastRun {
  store: RunStore;
  runId: string;
}

export function useNodeInput(doc: FlowDocument, nodeId: string, lastRun: LastRun | undefined): NodeInput | undefined {
  const [input, setInput] = useState<NodeInput | undefined>(undefined);

  useEffect(() => {
    let current = true;
    const timer = setTimeout(() => {
      void (async () => {
        const standIns = standInOutputs(doc);
        let answer = await workOutInput({ doc, nodeId, standIns });
        for (let reads = 0; answer && !answer.found && answer.at !== undefined && lastRun && reads < MAX_READ_BACKS; reads++) {
          const emitted = await lastRun.store.steps(lastRun.runId, answer.at).then((steps) => steps.emitted ?? [], () => []);
          if (!current || emitted.length === 0 || standIns[answer.at] !== undefined) break;
          standIns[answer.at] = emitted;
          answer = await workOutInput({ doc, nodeId, standIns });
        }
        if (current) setInput(answer);
      })();
    }, SETTLE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [doc, nodeId, lastRun]);

  return input;
}

