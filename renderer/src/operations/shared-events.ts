// One event subscription per client for all operations views and hooks: over HTTP each `subscribe`
// opens an EventSource of its own, and a browser allows only a few connections per server, which the
// views' calls need too. Listeners are counted; the subscription closes with the last one.
import type { EventListener } from '../../../shared/api/events.js';
import type { ApiClient } from '../api/client.js';

interface Hub {
  listeners: Set<EventListener>;
  unsubscribe: () => void;
}

const hubs = new WeakMap<ApiClient, Hub>();

export function subscribeShared(client: ApiClient, listener: EventListener): () => void {
  let hub = hubs.get(client);
  if (!hub) {
    const listeners = new Set<EventListener>();
    hub = { listeners, unsubscribe: client.subscribe((event) => {
      for (const each of [...listeners]) each(event);
    }) };
    hubs.set(client, hub);
  }
  const current = hub;
  current.listeners.add(listener);
  return () => {
    current.listeners.delete(listener);
    if (current.listeners.size === 0 && hubs.get(client) === current) {
      hubs.delete(client);
      current.unsubscribe();
    }
  };
}
