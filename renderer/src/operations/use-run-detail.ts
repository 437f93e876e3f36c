// One run's details for the Runs view: `runs.detail` (steps per node, dead letters, replays), reloaded
// when `version` changes (live events), answers to an older request dropped.
import { useEffect, useState } from 'react';
import type { RunDetail } from '../../../shared/api/runs.js';
import type { ApiClient } from '../api/client.js';

export function useRunDetail(client: ApiClient, runId: string, version: number): { detail?: RunDetail; error?: string } {
  const [state, setState] = useState<{ detail?: RunDetail; error?: string }>({});
  useEffect(() => {
    let live = true;
    client.send('runs.detail', { runId }).then(
      (detail) => live && setState({ detail }),
      (error: unknown) => live && setState({ error: error instanceof Error ? error.message : String(error) }),
    );
    return () => {
      live = false;
    };
  }, [client, runId, version]);
  return state;
}
