// Whether the dead letters changed, for the Dead letters tab's count and view: one watch per client,
// shared by everyone who asks. It re-reads `dlq.marker` when the service says they changed (the
// `dlq.changed` event: runs, live flows, replays, edits and discards of this service) and, while a
// watcher asks for it (the Dead letters view is open), every POLL_MS as well — changes made by another
// process on the same database (the CLI) send no event, and the marker is one cheap read.
import { useEffect, useRef, useState } from 'react';
import type { DeadLetterMarker } from '../../../shared/api/dead-letters.js';
import type { ApiClient } from '../api/client.js';
import { subscribeShared } from './shared-events.js';

const POLL_MS = 2000;
/** Marker reads after events at most this often: a failing live flow sends many. */
const EVENT_READ_MS = 500;

/** Called with the marker after each change; `signalled` when an event (not only the poll) said so. */
type WatchListener = (marker: DeadLetterMarker, signalled: boolean) => void;

interface Watcher {
  listener: WatchListener;
  poll: boolean;
}

class DeadLetterWatch {
  private readonly watchers = new Set<Watcher>();
  private latest: DeadLetterMarker | undefined;
  private unsubscribe: (() => void) | undefined;
  private reading = false;
  /** An event arrived since the last read started: read again, and tell watchers it was signalled. */
  private signalled = false;
  private eventTimer: ReturnType<typeof setTimeout> | undefined;
  private pollTimer: ReturnType<typeof setTimeout> | undefined;
  private lastReadAt = 0;

  constructor(private readonly client: ApiClient, private readonly onIdle: () => void) {}

  get marker(): DeadLetterMarker | undefined {
    return this.latest;
  }

  add(watcher: Watcher): () => void {
    this.watchers.add(watcher);
    if (!this.unsubscribe) {
      this.unsubscribe = subscribeShared(this.client, (event) => {
        if (event.type !== 'dlq.changed') return;
        this.signalled = true;
        this.schedule();
      });
      void this.read();
    } else if (watcher.poll) {
      this.plan();
    }
    return () => {
      this.watchers.delete(watcher);
      if (this.watchers.size > 0) return;
      this.unsubscribe?.();
      this.unsubscribe = undefined;
      clearTimeout(this.eventTimer);
      clearTimeout(this.pollTimer);
      this.eventTimer = undefined;
      this.pollTimer = undefined;
      this.onIdle();
    };
  }

  /** A read soon after an event, throttled. */
  private schedule(): void {
    if (this.eventTimer !== undefined || this.reading) return;
    this.eventTimer = setTimeout(() => {
      this.eventTimer = undefined;
      void this.read();
    }, Math.max(0, this.lastReadAt + EVENT_READ_MS - Date.now()));
  }

  /** The next poll, while a watcher wants one. */
  private plan(): void {
    // No watcher left that polls (or none at all): nothing is planned until one asks again.
    if (this.pollTimer !== undefined || ![...this.watchers].some((watcher) => watcher.poll)) return;
    this.pollTimer = setTimeout(() => {
      this.pollTimer = undefined;
      void this.read();
    }, POLL_MS);
  }

  private async read(): Promise<void> {
    if (this.reading || this.watchers.size === 0) return;
    this.reading = true;
    this.lastReadAt = Date.now();
    const signalled = this.signalled;
    this.signalled = false;
    try {
      const marker = await this.client.send('dlq.marker', {});
      const changed = marker.marker !== this.latest?.marker;
      this.latest = marker;
      if (changed || signalled) for (const watcher of [...this.watchers]) watcher.listener(marker, signalled);
    } catch {
      // Offline or the service is restarting: the next event or poll tries again.
    } finally {
      this.reading = false;
      if (this.signalled) this.schedule();
      this.plan();
    }
  }
}

const watches = new WeakMap<ApiClient, DeadLetterWatch>();

function watchOf(client: ApiClient): DeadLetterWatch {
  let watch = watches.get(client);
  if (!watch) {
    const created = new DeadLetterWatch(client, () => watches.delete(client));
    watches.set(client, created);
    watch = created;
  }
  return watch;
}

/** The dead letters waiting (the tab's count), kept current by events; undefined until first read. */
export function useDeadLetterCount(client: ApiClient | undefined): number | undefined {
  const [total, setTotal] = useState<number | undefined>(() => (client ? watches.get(client)?.marker?.total : undefined));
  useEffect(() => {
    if (!client) return undefined;
    const watch = watchOf(client);
    if (watch.marker) setTotal(watch.marker.total);
    return watch.add({ poll: false, listener: (marker) => setTotal(marker.total) });
  }, [client]);
  return total;
}

/**
 * Calls `onChange` whenever the dead letters change while the calling view is mounted — pushed by
 * events, or noticed by polling the marker (changes made by another process).
 */
export function useDeadLetterChanges(client: ApiClient, onChange: () => void): void {
  const latest = useRef(onChange);
  latest.current = onChange;
  useEffect(() => {
    const watch = watchOf(client);
    // The first answer after mounting only sets the baseline: the view has just read its page.
    let baseline = watch.marker?.marker;
    return watch.add({
      poll: true,
      listener: (marker, signalled) => {
        const known = baseline;
        baseline = marker.marker;
        if (signalled || (known !== undefined && known !== marker.marker)) latest.current();
      },
    });
  }, [client]);
}
