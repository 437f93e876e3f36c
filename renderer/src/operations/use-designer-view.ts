// Which view the designer shows, and a run to open when another view asks for one (a dead letter's
// "Open run", a replay's link, a run's "Logs").
import { useCallback, useState } from 'react';
import type { DesignerView } from './view-tabs.js';

export interface DesignerViewState {
  view: DesignerView;
  /** The run the Runs view opens when it mounts; changes each time a run is asked for. */
  runToOpen?: { runId: string; nonce: number };
  /** The run whose log the Logs view opens when it mounts; changes each time a run's log is asked for. */
  logsToOpen?: { runId: string; nonce: number };
  show(view: DesignerView): void;
  openRun(runId: string): void;
  openLogs(runId: string): void;
}

export function useDesignerView(): DesignerViewState {
  const [view, setView] = useState<DesignerView>('design');
  const [runToOpen, setRunToOpen] = useState<{ runId: string; nonce: number }>();
  const [logsToOpen, setLogsToOpen] = useState<{ runId: string; nonce: number }>();
  const openRun = useCallback((runId: string) => {
    setRunToOpen((previous) => ({ runId, nonce: (previous?.nonce ?? 0) + 1 }));
    setView('runs');
  }, []);
  const openLogs = useCallback((runId: string) => {
    setLogsToOpen((previous) => ({ runId, nonce: (previous?.nonce ?? 0) + 1 }));
    setView('logs');
  }, []);
  return { view, ...(runToOpen === undefined ? {} : { runToOpen }), ...(logsToOpen === undefined ? {} : { logsToOpen }), show: setView, openRun, openLogs };
}
