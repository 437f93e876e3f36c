// Progress of replays this window started: the replay runs announced while one is going on (run.started
// of kind `replay`) and their counts from run.progress, summed. A replay call answers only when its runs
// are done, so these events are what the operator watches meanwhile.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiClient } from '../api/client.js';
import { subscribeShared } from './shared-events.js';

export interface ReplayProgress {
  /** Dead letters going into the replay. */
  total: number;
  /** Of them, processed so far (delivered or dead again). */
  processed: number;
  dead: number;
}

export function useReplayProgress(client: ApiClient): { progress?: ReplayProgress; start(total: number): void; end(): void } {
  const [progress, setProgress] = useState<ReplayProgress>();
  const runs = useRef(new Map<string, { processed: number; dead: number }>());
  const active = useRef(false);
  useEffect(() => subscribeShared(client, (event) => {
    if (!active.current) return;
    if (event.type === 'run.started' && event.kind === 'replay') runs.current.set(event.runId, { processed: 0, dead: 0 });
    else if ((event.type === 'run.progress' || event.type === 'run.finished') && runs.current.has(event.runId)) {
      const counts = event.type === 'run.progress' ? event : event.counts;
      runs.current.set(event.runId, { processed: counts.processed, dead: counts.dead });
    } else return;
    const sums = [...runs.current.values()].reduce((sum, run) => ({ processed: sum.processed + run.processed, dead: sum.dead + run.dead }), { processed: 0, dead: 0 });
    setProgress((previous) => previous && { ...previous, ...sums });
  }), [client]);
  return {
    ...(progress === undefined ? {} : { progress }),
    start: useCallback((total: number) => {
      runs.current.clear();
      active.current = true;
      setProgress({ total, processed: 0, dead: 0 });
    }, []),
    end: useCallback(() => {
      active.current = false;
      setProgress(undefined);
    }, []),
  };
}
