// The open flow's live health for the status bar: `runs.health` read every POLL_MS while connected,
// folded into series (the Flows overview's ../operations/health-samples.ts), and only the open flow's
// returned. Its state lives in the status bar's sparkline alone, so a reading re-renders that, never
// the canvas.
import { useEffect, useState } from 'react';
import type { ApiClient } from '../api/client.js';
import { foldHealth, type FlowSeries } from '../operations/health-samples.js';

const POLL_MS = 2000;

export function useLiveFlowHealth(client: ApiClient | undefined, flowId: string): FlowSeries | undefined {
  const [series, setSeries] = useState<FlowSeries>();
  useEffect(() => {
    setSeries(undefined);
    if (!client || flowId === '') return undefined;
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let all: ReadonlyMap<string, FlowSeries> = new Map();
    const read = (): void => {
      client.send('runs.health', {}).then((snapshot) => {
        if (!live) return;
        all = foldHealth(all, snapshot);
        setSeries(all.get(flowId));
      }, () => undefined) // Offline for a moment: the next reading tries again; the bar just keeps the last one.
        .finally(() => {
          if (live) timer = setTimeout(read, POLL_MS);
        });
    };
    read();
    return () => {
      live = false;
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [client, flowId]);
  return series;
}
