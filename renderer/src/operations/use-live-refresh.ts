// Live updates of an operations view: through the views' one shared event subscription (./shared-events.ts),
// calling `refresh` at most once per interval while runs start, progress or finish (the service's events, shared/api/events.ts).
// Throttled because a busy live flow sends many progress events a second; one reload covers them all.
import { useEffect, useRef } from 'react';
import type { ApiEvent } from '../../../shared/api/events.js';
import type { ApiClient } from '../api/client.js';
import { subscribeShared } from './shared-events.js';

const REFRESH_INTERVAL_MS = 1000;

export function useLiveRefresh(client: ApiClient, refresh: () => void, relevant: (event: ApiEvent) => boolean): void {
  const latest = useRef({ refresh, relevant });
  latest.current = { refresh, relevant };
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let lastAt = 0;
    const fire = (): void => {
      timer = undefined;
      lastAt = Date.now();
      latest.current.refresh();
    };
    const unsubscribe = subscribeShared(client, (event) => {
      if (!latest.current.relevant(event) || timer !== undefined) return;
      timer = setTimeout(fire, Math.max(0, lastAt + REFRESH_INTERVAL_MS - Date.now()));
    });
    return () => {
      unsubscribe();
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [client]);
}
