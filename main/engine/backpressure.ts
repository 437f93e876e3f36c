// Back pressure (DESIGN.md §4): the scheduler's view of how many messages wait at each node of a run,
// kept in memory (one counting query when a drive starts, then updated by every claim and commit) so
// choosing the next node costs no query. A node is not scheduled while any node it feeds holds its
// queue bound or more; a trigger's file input is read only while the trigger itself has room.
import type { PlannedNode, RunPlan } from './run-plan.js';

export class QueueDepths {
  private readonly depth: Map<string, number>;

  constructor(private readonly plan: RunPlan, initial: Map<string, number>) {
    this.depth = new Map([...plan.nodes.keys()].map((id) => [id, initial.get(id) ?? 0]));
  }

  of(nodeId: string): number {
    return this.depth.get(nodeId) ?? 0;
  }

  add(nodeId: string, count: number): void {
    this.depth.set(nodeId, this.of(nodeId) + count);
  }

  total(): number {
    let sum = 0;
    for (const value of this.depth.values()) sum += value;
    return sum;
  }

  /** True while some queue `node` feeds (through pure nodes) is full. */
  isBlocked(node: PlannedNode): boolean {
    for (const id of node.queuesFed) {
      const target = this.plan.nodes.get(id);
      if (target && this.of(id) >= target.queueLimit) return true;
    }
    return false;
  }

  /**
   * How many messages `node` may take in one batch so that no node it feeds goes past its bound (for
   * one output per input; a split may still overshoot by its fan-out).
   */
  batchRoom(node: PlannedNode): number {
    let room = Number.POSITIVE_INFINITY;
    for (const id of node.queuesFed) {
      const target = this.plan.nodes.get(id);
      if (target) room = Math.min(room, target.queueLimit - this.of(id));
    }
    return room;
  }

  /** How many more messages a trigger may take before reaching its own bound. */
  roomAt(nodeId: string): number {
    const node = this.plan.nodes.get(nodeId);
    return node ? Math.max(0, node.queueLimit - this.of(nodeId)) : 0;
  }
}
