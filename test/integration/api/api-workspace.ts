// Test helpers for the service: a temporary workspace with a real engine (SQLite), the service on it,
// every event it sends, and a way to wait for one.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ApiEvent } from '../../../shared/api/events.js';
import type { FlowDocument } from '../../../shared/flow/schema.js';
import { createService, type Service } from '../../../main/api/index.js';

export const EXAMPLES = join(import.meta.dirname, '../../../assets/examples');

export class ApiWorkspace {
  readonly dir = mkdtempSync(join(tmpdir(), 'pipewright-api-'));
  readonly events: ApiEvent[] = [];
  readonly service: Service;
  private readonly waiters = new Set<() => void>();

  constructor() {
    mkdirSync(join(this.dir, 'flows'));
    this.service = createService({
      workspace: this.dir,
      onEvent: (event) => {
        this.events.push(event);
        for (const wake of this.waiters) wake();
      },
    });
  }

  flowPath(id: string): string {
    return join(this.dir, 'flows', `${id}.flow.json`);
  }

  /** Copies an example flow from assets/examples into the workspace and returns its text. */
  addExample(id: string): string {
    copyFileSync(join(EXAMPLES, `${id}.flow.json`), this.flowPath(id));
    return readFileSync(this.flowPath(id), 'utf8');
  }

  /** Resolves with the first event (already sent or still to come) that matches. */
  waitForEvent<E extends ApiEvent>(match: (event: ApiEvent) => event is E, timeoutMs = 20_000): Promise<E> {
    return new Promise((resolve, reject) => {
      const check = (): boolean => {
        const found = this.events.find(match);
        if (!found) return false;
        this.waiters.delete(wake);
        clearTimeout(timer);
        resolve(found);
        return true;
      };
      const wake = (): void => void check();
      const timer = setTimeout(() => {
        this.waiters.delete(wake);
        reject(new Error(`no matching event within ${timeoutMs} ms; got ${JSON.stringify(this.events.map((event) => event.type))}`));
      }, timeoutMs);
      this.waiters.add(wake);
      check();
    });
  }

  async remove(): Promise<void> {
    await this.service.close();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export function finished(runId: string) {
  return (event: ApiEvent): event is Extract<ApiEvent, { type: 'run.finished' }> => event.type === 'run.finished' && event.runId === runId;
}

type NodeSpec = [id: string, type: string, config?: Record<string, unknown>];

/** A flow whose nodes are chained on `out`, with samples for its first node. */
export function chainFlow(id: string, nodes: NodeSpec[], samples: unknown[]): FlowDocument {
  const first = nodes[0]?.[0] ?? 'in';
  return {
    format: 'pipewright/flow@1',
    id,
    name: id,
    nodes: nodes.map(([nodeId, type, config], index) => ({ id: nodeId, type, position: [index * 260, 0], config: config ?? {} })),
    edges: nodes.slice(1).map(([to], index) => ({ from: nodes[index]?.[0] ?? first, to })),
    samples: { [first]: samples },
  };
}
