// Live health per node of the open flow (issue 15): how many messages wait in each node's queue and
// how many dead letters each node holds, while the flow is live in the workspace. A plain store (no
// React): `set` keeps the object of every node whose numbers did not change, so a node's badge
// re-renders only when its own numbers move — a refresh of a 1,000-node flow re-renders the few nodes
// that changed, not all of them (docs/canvas-performance.md).
import type { FlowHealth } from '../../../shared/api/runs.js';
import type { DeadLetterGroup } from '../../../shared/api/dead-letters.js';

export interface NodeHealth {
  /** Messages waiting at the node now (in its queue, being worked on included). */
  queued: number;
  /** Dead letters of the node not yet replayed or discarded. */
  dead: number;
}

/** Per node of `nodeIds`: its queue depth from the live run and its dead letters from the groups. */
export function nodeHealthOf(nodeIds: readonly string[], live: FlowHealth, deadLetters: readonly DeadLetterGroup[]): Map<string, NodeHealth> {
  const dead = new Map<string, number>();
  for (const group of deadLetters) if (group.flowId === live.flowId) dead.set(group.nodeId, (dead.get(group.nodeId) ?? 0) + group.count);
  return new Map(nodeIds.map((id) => [id, { queued: live.queueDepth[id] ?? 0, dead: dead.get(id) ?? 0 }]));
}

export function createNodeHealthStore() {
  let byNode: ReadonlyMap<string, NodeHealth> = new Map();
  const listeners = new Set<() => void>();
  return {
    get(nodeId: string): NodeHealth | undefined {
      return byNode.get(nodeId);
    },

    /** Replaces the numbers (an empty map: the flow is not live); unchanged nodes keep their object. */
    set(next: ReadonlyMap<string, NodeHealth>): void {
      let changed = next.size !== byNode.size;
      const merged = new Map<string, NodeHealth>();
      for (const [id, health] of next) {
        const before = byNode.get(id);
        if (before && before.queued === health.queued && before.dead === health.dead) merged.set(id, before);
        else {
          merged.set(id, health);
          changed = true;
        }
      }
      if (!changed) return;
      byNode = merged;
      for (const listener of [...listeners]) listener();
    },

    subscribe(listener: () => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export type NodeHealthStore = ReturnType<typeof createNodeHealthStore>;

/** "3 queued, 1 dead letter": the badge's accessible name and tooltip. */
export function describeNodeHealth(health: NodeHealth): string {
  return `Live: ${health.queued} queued, ${health.dead} dead letter${health.dead === 1 ? '' : 's'}`;
}
