// The UI side of the sample worker: one request in flight, only the newest answer wanted; a request
// that outlives WORKER_LIMIT_MS (a runaway mapping upstream) stops the worker, which starts afresh.
import type { NodeInput } from './propagate.js';
import type { SampleInputAnswer, SampleInputRequest } from './sample-input-messages.js';

const WORKER_LIMIT_MS = 5_000;

let worker: Worker | undefined;
let nextId = 1;
const waiting = new Map<number, { resolve: (input: NodeInput) => void; timer: ReturnType<typeof setTimeout> }>();

function started(): Worker {
  if (!worker) {
    worker = new Worker(new URL('./sample-input.worker.ts', import.meta.url), { type: 'module', name: 'sample-input' });
    worker.onmessage = (event: MessageEvent<SampleInputAnswer>) => {
      const entry = waiting.get(event.data.id);
      if (!entry) return;
      clearTimeout(entry.timer);
      waiting.delete(event.data.id);
      entry.resolve(event.data.input);
    };
  }
  return worker;
}

function restart(reason: string): void {
  worker?.terminate();
  worker = undefined;
  for (const entry of waiting.values()) {
    clearTimeout(entry.timer);
    entry.resolve({ found: false, reason });
  }
  waiting.clear();
}

/** The node's input worked out in the worker; undefined where no worker can run (then nothing is shown). */
export function workOutInput(request: Omit<SampleInputRequest, 'id'>): Promise<NodeInput> | undefined {
  if (typeof Worker === 'undefined') return undefined;
  const id = nextId++;
  return new Promise<NodeInput>((resolve) => {
    const timer = setTimeout(() => restart(`Working out this node's input took longer than ${WORKER_LIMIT_MS / 1000} s: a mapping before it may run away. Paste a sample here instead.`), WORKER_LIMIT_MS);
    waiting.set(id, { resolve, timer });
    started().postMessage({ id, ...request } satisfies SampleInputRequest);
  });
}
