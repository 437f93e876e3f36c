// One run's log for the Logs view: the last lines first (runs.logs `latest`), earlier ones on demand
// (`before` the first shown), and, while the run may still log, the lines after the last one shown
// (`after`), read when the service says the run logged or progressed and every few seconds while it
// runs (a line is stored with its step's commit, which can land after the event that announced it).
import { useCallback, useEffect, useRef, useState } from 'react';
import type { LogEntry } from '../../../shared/api/runs.js';
import type { ApiClient } from '../api/client.js';
import { appendLines } from './log-filter.js';
import { subscribeShared } from './shared-events.js';

/** Lines per read. */
export const LOG_PAGE = 1000;
/** After an event, wait this long so that one read covers a burst of lines. */
const EVENT_DELAY_MS = 250;
/** While the run is running, read new lines at least this often. */
const POLL_MS = 2000;

export interface RunLog {
  lines: LogEntry[];
  loading: boolean;
  error?: string;
  /** Lines before the first shown exist (not read yet, or dropped to keep the list bounded). */
  hasEarlier: boolean;
  loadEarlier(): void;
}

interface LogState {
  lines: LogEntry[];
  loading: boolean;
  error?: string;
  hasEarlier: boolean;
}

export function useRunLog(client: ApiClient, runId: string | undefined, running: boolean): RunLog {
  const [state, setState] = useState<LogState>({ lines: [], loading: runId !== undefined, hasEarlier: false });
  const lines = useRef<LogEntry[]>([]);
  const reading = useRef<{ busy: boolean; again: boolean }>({ busy: false, again: false });

  const apply = useCallback((next: LogState) => {
    lines.current = next.lines;
    setState(next);
  }, []);

  // Newer lines: one read at a time, page after page until the log's end; a request during a read
  // runs once more after it.
  const readNewer = useCallback(async (forRun: string) => {
    if (reading.current.busy) {
      reading.current.again = true;
      return;
    }
    const mine = reading.current;
    mine.busy = true;
    try {
      do {
        mine.again = false;
        for (;;) {
          const after = lines.current.at(-1)?.seq;
          const page = await client.send('runs.logs', { runId: forRun, limit: LOG_PAGE, ...(after === undefined ? {} : { after }) });
          if (reading.current !== mine) return; // another run is shown now
          if (page.length > 0) {
            const { lines: next, dropped } = appendLines(lines.current, page);
            lines.current = next;
            setState((previous) => ({ ...previous, lines: next, hasEarlier: previous.hasEarlier || dropped }));
          }
          if (page.length < LOG_PAGE) break;
        }
      } while (mine.again);
    } catch {
      // A failed follow-up read keeps the lines shown; the next event or poll tries again.
    } finally {
      mine.busy = false;
    }
  }, [client]);

  // The tail of the run's log when the run changes.
  useEffect(() => {
    let live = true;
    reading.current = { busy: true, again: false };
    apply({ lines: [], loading: runId !== undefined, hasEarlier: false });
    if (runId === undefined) return;
    client.send('runs.logs', { runId, limit: LOG_PAGE, latest: true }).then((tail) => {
      if (!live) return;
      apply({ lines: tail, loading: false, hasEarlier: tail.length === LOG_PAGE });
    }, (error: unknown) => {
      if (live) apply({ lines: [], loading: false, hasEarlier: false, error: messageOf(error) });
    }).finally(() => {
      if (!live) return;
      const again = reading.current.again;
      reading.current = { busy: false, again: false };
      // Lines announced while the tail was read.
      if (again) void readNewer(runId);
    });
    return () => {
      live = false;
    };
  }, [apply, client, readNewer, runId]);

  useEffect(() => {
    if (runId === undefined) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const soon = (): void => {
      if (timer !== undefined) return;
      timer = setTimeout(() => {
        timer = undefined;
        void readNewer(runId);
      }, EVENT_DELAY_MS);
    };
    const unsubscribe = subscribeShared(client, (event) => {
      if ((event.type === 'log' || event.type === 'run.progress' || event.type === 'run.finished') && event.runId === runId) soon();
    });
    const poll = running ? setInterval(() => void readNewer(runId), POLL_MS) : undefined;
    return () => {
      unsubscribe();
      if (timer !== undefined) clearTimeout(timer);
      if (poll !== undefined) clearInterval(poll);
    };
  }, [client, readNewer, runId, running]);

  const loadEarlier = useCallback(() => {
    const first = lines.current[0]?.seq;
    if (runId === undefined || first === undefined) return;
    setState((previous) => ({ ...previous, loading: true }));
    client.send('runs.logs', { runId, before: first, limit: LOG_PAGE, latest: true }).then((earlier) => {
      if (lines.current[0]?.seq !== first) return; // the run or the lines changed meanwhile
      const next = [...earlier, ...lines.current];
      apply({ lines: next, loading: false, hasEarlier: earlier.length === LOG_PAGE });
    }, (error: unknown) => setState((previous) => ({ ...previous, loading: false, error: messageOf(error) })));
  }, [apply, client, runId]);

  return { ...state, loadEarlier };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
