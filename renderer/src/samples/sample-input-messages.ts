// What the UI thread and the sample worker (./sample-input.worker.ts) say to each other.
import type { FlowDocument } from '../../../shared/flow/schema.js';
import type { NodeInput } from './propagate.js';

export interface SampleInputRequest {
  id: number;
  doc: FlowDocument;
  nodeId: string;
  /** Payloads standing in for nodes that are not run while designing (./propagate.ts). */
  standIns: Record<string, unknown[]>;
}

export interface SampleInputAnswer {
  id: number;
  input: NodeInput;
}
