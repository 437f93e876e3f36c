// Flow versions (DESIGN.md §4): identical content keeps its version, changed content gets the next one.
// Runs record the version they started with and always load that exact document. A flow the
// workspace already validated (shared/flow/valid-flow.ts) is not validated again.
import { PipewrightError } from '../../shared/errors.js';
import { isValidFlow } from '../../shared/flow/valid-flow.js';
import { validateFlow } from '../../shared/flow/validate.js';
import type { FlowDocument } from '../../shared/flow/schema.js';
import { sha256, sortedJson } from './json-text.js';
import type { EngineStore } from './store/types.js';

export interface RegisteredFlow {
  flowId: string;
  version: number;
}

export class FlowRegistry {
  private readonly documents = new Map<string, FlowDocument>();

  constructor(private readonly store: EngineStore) {}

  /** Validates the flow unless it is known valid (every problem listed) and records it. */
  async register(flow: FlowDocument, flowPath?: string): Promise<RegisteredFlow> {
    if (!isValidFlow(flow)) {
      const { flow: valid, problems } = validateFlow(flow, flowPath === undefined ? {} : { file: flowPath });
      if (!valid) {
        const count = problems.length === 1 ? 'a problem' : `${problems.length} problems`;
        throw new PipewrightError('FLOW_INVALID', `flow "${String((flow as { id?: unknown }).id)}" has ${count}; fix it and run again`, { problems });
      }
    }
    const text = sortedJson(flow);
    const version = await this.store.flows.register(flow.id, sha256(text), text, flowPath ?? null);
    return { flowId: flow.id, version };
  }

  async load(flowId: string, version: number): Promise<FlowDocument> {
    const key = `${version}:${flowId}`;
    let flow = this.documents.get(key);
    if (!flow) {
      const text = await this.store.flows.get(flowId, version);
      if (text === undefined) throw new PipewrightError('FLOW_VERSION_NOT_FOUND', `flow "${flowId}" version ${version} is not in the state database`);
      flow = JSON.parse(text) as FlowDocument;
      this.documents.set(key, flow);
    }
    return flow;
  }
}
