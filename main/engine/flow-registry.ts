// Flow versions (DESIGN.md §4): identical content keeps its version, changed content gets the next one.
// Runs record the version they started with and always load that exact document.
import { PipewrightError } from '../../shared/errors.js';
import { validateFlow } from '../../shared/flow/validate.js';
import type { FlowDocument } from '../../shared/flow/schema.js';
import { sha256, sortedJson } from './json-text.js';
import type { StateDatabase } from './store/database.js';

export interface RegisteredFlow {
  flowId: string;
  version: number;
}

export class FlowRegistry {
  private readonly documents = new Map<string, FlowDocument>();
  private readonly latest;
  private readonly insert;
  private readonly byVersion;

  constructor(db: StateDatabase) {
    this.latest = db.prepare<[string], { version: number; hash: string }>('SELECT version, hash FROM flows WHERE flow_id = ? ORDER BY version DESC LIMIT 1');
    this.insert = db.prepare('INSERT INTO flows (flow_id, version, hash, document, path, created_at) VALUES (?, ?, ?, ?, ?, ?)');
    this.byVersion = db.prepare<[string, number], { document: string }>('SELECT document FROM flows WHERE flow_id = ? AND version = ?');
  }

  /** Validates the flow (every problem listed) and records it. */
  register(flow: FlowDocument, flowPath?: string): RegisteredFlow {
    const { flow: valid, problems } = validateFlow(flow, flowPath === undefined ? {} : { file: flowPath });
    if (!valid) {
      throw new PipewrightError('INVALID_FLOW', `flow "${String((flow as { id?: unknown }).id)}" is invalid: ${problems.length} problem${problems.length === 1 ? '' : 's'}`, { problems });
    }
    const text = sortedJson(flow);
    const hash = sha256(text);
    const latest = this.latest.get(flow.id);
    if (latest && latest.hash === hash) return { flowId: flow.id, version: latest.version };
    const version = (latest?.version ?? 0) + 1;
    this.insert.run(flow.id, version, hash, text, flowPath ?? null, new Date().toISOString());
    return { flowId: flow.id, version };
  }

  load(flowId: string, version: number): FlowDocument {
    const key = `${version}:${flowId}`;
    let flow = this.documents.get(key);
    if (!flow) {
      const row = this.byVersion.get(flowId, version);
      if (!row) throw new PipewrightError('FLOW_VERSION_NOT_FOUND', `flow "${flowId}" version ${version} is not in the state database`);
      flow = JSON.parse(row.document) as FlowDocument;
      this.documents.set(key, flow);
    }
    return flow;
  }
}
