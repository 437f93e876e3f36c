// The bottom line: what just happened (saved, an error), the test run's state, node and edge counts,
// problems, and the save state.
import { useFlowSnapshot } from '../canvas/use-flow-store.js';
import type { StatusMessage } from '../app/use-flow-session.js';
import { describeRun, type RunState } from '../run/run-state.js';
import './status-bar.css';

export function StatusBar({ message, connected, run }: { message: StatusMessage | undefined; connected: boolean; run: RunState }) {
  const { doc, problems, dirty } = useFlowSnapshot();
  const count = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return (
    <footer className="status-bar" aria-label="Status">
      <span role="status" className={message?.kind === 'error' ? 'status-error' : undefined}>{message?.text ?? (connected ? 'Ready' : 'Offline: changes stay in this window')}</span>
      <span className="status-spacer" />
      <span>{count(doc.nodes.length, 'node')}, {count(doc.edges.length, 'edge')}</span>
      <span className={problems.total > 0 ? 'status-error' : 'status-ok'}>{problems.total === 0 ? 'No problems' : count(problems.total, 'problem')}</span>
      {run.phase !== 'idle' && <span className={run.phase === 'failed' || run.status === 'failed' ? 'status-error' : undefined}>Run: {describeRun(run)}</span>}
      <span>{dirty ? 'Unsaved' : 'Saved'}</span>
    </footer>
  );
}
