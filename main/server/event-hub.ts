// Fans the service's events out to every open event stream. The service gets `publish` as its
// `onEvent`; each SSE connection subscribes while it is open. A failing subscriber never stops the
// others (nor the run that produced the event).
import type { ApiEvent, EventListener } from '../../shared/api/events.js';

export interface EventHub {
  publish: EventListener;
  /** Calls `listener` for every published event until the returned function is called. */
  subscribe(listener: EventListener): () => void;
  readonly subscriberCount: number;
}

export function createEventHub(): EventHub {
  const listeners = new Set<EventListener>();
  return {
    publish(event: ApiEvent) {
      for (const listener of listeners) {
        try {
          listener(event);
        } catch {
          // One broken stream is that stream's problem; the others still get the event.
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    get subscriberCount() {
      return listeners.size;
    },
  };
}
