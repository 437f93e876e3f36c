// The live health badge of a canvas node: its queue depth and its dead letters while the open flow is
// live ("⧗ 3  ✕ 1"), named for screen readers and tests ("Live: 3 queued, 1 dead letter"). Each badge
// reads only its own node's numbers, so a refresh re-renders the badges whose numbers changed.
import { createContext, useCallback, useContext, useSyncExternalStore } from 'react';
import { describeNodeHealth, type NodeHealth, type NodeHealthStore } from './node-health.js';

export const NodeHealthContext = createContext<NodeHealthStore | undefined>(undefined);

const noSubscription = () => () => undefined;

function useNodeHealth(nodeId: string): NodeHealth | undefined {
  const store = useContext(NodeHealthContext);
  const get = useCallback(() => store?.get(nodeId), [store, nodeId]);
  return useSyncExternalStore(store?.subscribe ?? noSubscription, get, get);
}

export function NodeHealthBadge({ nodeId }: { nodeId: string }) {
  const health = useNodeHealth(nodeId);
  if (!health) return null;
  const label = describeNodeHealth(health);
  return (
    <span className={`node-health-badge${health.dead > 0 ? ' has-dead' : ''}${health.queued > 0 ? ' has-queued' : ''}`} role="img" aria-label={label} title={label}>
      <span className="node-health-queued">⧗ {health.queued}</span>
      <span className="node-health-dead">✕ {health.dead}</span>
    </span>
  );
}
