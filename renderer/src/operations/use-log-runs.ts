// The runs the Logs view offers to pick from: the newest of one flow (or of all), kept current while
// runs start and finish, and which of them to show when the user has not picked one: the flow's live
// run while it is live, else its newest run.
import { useCallback, useEffect, useState } from 'react';
import type { ApiEvent } from '../../../shared/api/events.js';
import type { RunListItem } from '../../../shared/api/runs.js';
import type { ApiClient } from '../api/client.js';
import { useLiveRefresh } from './use-live-refresh.js';

/** Runs offered in the picker. */
export const LOG_RUN_CHOICES = 50;

export interface LogRuns {
  runs: RunListItem[];
  error?: string;
  /** False until the first answer. */
  loaded: boolean;
}

export function useLogRuns(client: ApiClient, flowId: string): LogRuns {
  const [state, setState] = useState<LogRuns>({ runs: [], loaded: false });
  const [version, setVersion] = useState(0);
  useEffect(() => {
    let live = true;
    client.send('runs.page', { ...(flowId === '' ? {} : { flowId }), limit: LOG_RUN_CHOICES }).then(
      (page) => live && setState({ runs: page.runs, loaded: true }),
      (error: unknown) => live && setState({ runs: [], loaded: true, error: error instanceof Error ? error.message : String(error) }),
    );
    return () => {
      live = false;
    };
  }, [client, flowId, version]);
  const [isNewRun] = useState(firstSightOfRun);
  useLiveRefresh(client, useCallback(() => setVersion((n) => n + 1), []), (event) => isNewRun(event) || event.type === 'run.finished');
  return state;
}

/**
 * A predicate true for an event that shows a run for the first time: run.started, or the first line a
 * run logs (a live flow's run announces itself no other way when it went live on a save).
 */
export function firstSightOfRun(): (event: ApiEvent) => boolean {
  const seen = new Set<string>();
  return (event) => {
    if (event.type !== 'run.started' && event.type !== 'log') return false;
    if (seen.has(event.runId)) return false;
    seen.add(event.runId);
    return true;
  };
}

/** The run shown by default: the live run while the flow is live, else the newest. */
export function defaultLogRun(runs: readonly RunListItem[]): RunListItem | undefined {
  return runs.find((run) => run.kind === 'live' && run.status === 'running') ?? runs[0];
}
