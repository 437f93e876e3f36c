// Says that the canvas shows a past run (not the last test run), with the way back to it in Runs and
// the way out of it.
import { shortId } from './format.js';

export function PastRunBanner({ runId, flowId, onBackToRuns, onLeave }: { runId: string; flowId: string; onBackToRuns: () => void; onLeave: () => void }) {
  return (
    <div className="ops-past-run" role="note" aria-label="Past run on the canvas">
      <span>Showing run <code title={runId}>{shortId(runId)}</code> of {flowId} on the canvas: counts and payloads are that run&apos;s.</span>
      <button type="button" className="button" onClick={onBackToRuns}>Back to Runs</button>
      <button type="button" className="button" onClick={onLeave}>Stop showing this run</button>
    </div>
  );
}
