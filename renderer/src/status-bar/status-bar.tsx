// The bottom line: what just happened (saved, an error), the open flow's live pulse when it runs live
// (./live-sparkline.tsx), the test run's state, node and edge counts, problems (a button that lists
// them, ./problems-button.tsx), the save state and whether the server can be reached
// (../connect/connection-monitor.ts).
import { useFlowSnapshot } from '../canvas/use-flow-store.js';
import type { StatusMessage } from '../app/use-flow-session.js';
import type { ApiClient } from '../api/client.js';
import type { ConnectionState } from '../connect/connection-monitor.js';
import { describeRun, type RunState } from '../run/run-state.js';
import { LiveSparkline } from './live-sparkline.js';
import { ProblemsButton } from './problems-button.js';
import './status-bar.css';

export interface StatusBarProps {
  message: StatusMessage | undefined;
  client: ApiClient | undefined;
  /** Whether the server can be reached; undefined when there is no server to lose (desktop, offline). */
  connection?: ConnectionState | undefined;
  run: RunState;
  onOpenOverview: () => void;
}

export function StatusBar({ message, client, connection, run, onOpenOverview }: StatusBarProps) {
  const connected = client !== undefined;
  const { doc, dirty } = useFlowSnapshot();
  const count = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return (
    <footer className="status-bar" aria-label="Status">
      <span role="status" className={message?.kind === 'error' ? 'status-error' : undefined}>{message?.text ?? (connected ? 'Ready' : 'Offline: changes stay in this window')}</span>
      <span className="status-spacer" />
      <LiveSparkline client={client} flowId={doc.id} onOpenOverview={onOpenOverview} />
      <span>{count(doc.nodes.length, 'node')}, {count(doc.edges.length, 'edge')}</span>
      <ProblemsButton />
      {run.phase !== 'idle' && <span className={run.phase === 'failed' || run.status === 'failed' ? 'status-error' : undefined}>Run: {describeRun(run)}</span>}
      <span>{dirty ? 'Unsaved' : 'Saved'}</span>
      {connection && (
        <span className={`status-connection ${connection === 'connected' ? 'status-ok' : 'status-error'}`} aria-live="polite">
          {connection === 'connected' ? 'Connected' : 'Disconnected — retrying; changes are kept in this window'}
        </span>
      )}
    </footer>
  );
}
