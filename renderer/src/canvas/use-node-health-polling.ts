// Keeps the node health store (./node-health.ts) up to date for the open flow: `runs.health` every
// POLL_MS, and the flow's dead letters per node (`dlq.page`'s groups) when `dlq.marker` says the dead
// letters changed — the marker is cheap, the groups are read only when needed. Nothing is asked while
// the canvas is not shown (another view's tab, a hidden window): a reading would only be thrown away.
import { useEffect, type RefObject } from 'react';
import type { DeadLetterGroup } from '../../../shared/api/dead-letters.js';
import type { ApiClient } from '../api/client.js';
import { nodeHealthOf, type NodeHealthStore } from './node-health.js';
import type { FlowStore } from './store.js';

export const POLL_MS = 2000;

export function useNodeHealthPolling(client: ApiClient | undefined, flowStore: FlowStore, health: NodeHealthStore, area: RefObject<HTMLElement | null>, flowId: string): void {
  useEffect(() => {
    health.set(new Map());
    if (!client || flowId === '') return undefined;
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let marker: string | undefined;
    let groups: readonly DeadLetterGroup[] = [];
    const shown = (): boolean => document.visibilityState === 'visible' && (area.current?.checkVisibility() ?? false);
    const read = async (): Promise<void> => {
      const [snapshot, dead] = await Promise.all([client.send('runs.health', {}), client.send('dlq.marker', {})]);
      const flow = snapshot.flows.filter((candidate) => candidate.flowId === flowId).at(-1);
      if (!flow) {
        if (live) health.set(new Map());
        return;
      }
      if (dead.marker !== marker) {
        groups = (await client.send('dlq.page', { flowId, limit: 1 })).groups;
        marker = dead.marker;
      }
      if (live) health.set(nodeHealthOf(flowStore.getSnapshot().doc.nodes.map((node) => node.id), flow, groups));
    };
    const tick = (): void => {
      // Offline for a moment: the next reading tries again and the badges keep the last numbers.
      (shown() ? read() : Promise.resolve()).catch(() => undefined).finally(() => {
        if (live) timer = setTimeout(tick, POLL_MS);
      });
    };
    tick();
    return () => {
      live = false;
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [client, flowStore, health, area, flowId]);
}
