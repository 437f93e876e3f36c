// "Pin as expected" for any node: test-runs the open document on the input the test will hold, and
// stores what the engine recorded the node emitting as a flow test (one undo step). See ./pin-expected.ts.
import { useId, useState } from 'react';
import { toErrorData } from '../../../shared/api/index.js';
import type { FlowDocument } from '../../../shared/flow/schema.js';
import type { ApiClient } from '../api/client.js';
import type { FlowStore } from '../canvas/store.js';
import { runTestToEnd } from '../run/run-to-end.js';
import { apiCallNote, MAX_PINNED_MESSAGES, pinKey, pinOutcome, pinPlan, pinnedTest, putTestChange } from './pin-expected.js';

type Status = { kind: 'info' | 'error'; text: string };

export function PinButton({ client, store, doc, nodeId }: { client: ApiClient | undefined; store: FlowStore; doc: FlowDocument; nodeId: string }) {
  const [status, setStatus] = useState<Status>();
  const [busy, setBusy] = useState(false);
  const noteId = useId();
  const apiNoteId = useId();
  const plan = pinPlan(doc, nodeId);
  const reason = 'reason' in plan ? plan.reason : client ? undefined : 'Connect to `pipewright serve` to pin outputs.';
  const apiNote = 'reason' in plan ? undefined : apiCallNote(doc, nodeId, plan.callsApis);

  const pin = async () => {
    const sent = store.getSnapshot().doc;
    const sentPlan = pinPlan(sent, nodeId);
    if (!client || 'reason' in sentPlan) return;
    setBusy(true);
    setStatus({ kind: 'info', text: 'Test-running the flow to read this node\'s output…' });
    try {
      const run = await runTestToEnd(client, { document: sent, inputs: sentPlan.inputs, nodeId });
      const outcome = pinOutcome(sent, nodeId, { status: run.report.status, dead: run.report.dead, emitted: run.emitted, ...(run.error ? { error: run.error } : {}) });
      if ('reason' in outcome) {
        setStatus({ kind: 'error', text: outcome.reason });
        return;
      }
      const current = store.getSnapshot().doc;
      const currentPlan = pinPlan(current, nodeId);
      if ('reason' in currentPlan || pinKey(current, currentPlan) !== pinKey(sent, sentPlan)) {
        setStatus({ kind: 'error', text: 'Not pinned: the flow changed while it ran. Pin again.' });
        return;
      }
      const test = pinnedTest(current, nodeId, sentPlan, outcome.outputs);
      store.apply([putTestChange(current, test)]);
      const count = outcome.outputs.length;
      const cut = sentPlan.truncated ? ` on the first ${MAX_PINNED_MESSAGES} sample messages` : '';
      setStatus({ kind: 'info', text: `Pinned as the test "${test.name}" (${count} output${count === 1 ? '' : 's'})${cut}.` });
    } catch (error) {
      setStatus({ kind: 'error', text: `Not pinned: ${toErrorData(error).message}` });
    } finally {
      setBusy(false);
    }
  };

  const note = reason ?? status?.text;
  const describedBy = [note ? noteId : undefined, apiNote ? apiNoteId : undefined].filter(Boolean).join(' ');
  return (
    <div className="pin-expected">
      <button type="button" className="button" disabled={reason !== undefined || busy} aria-busy={busy} aria-describedby={describedBy || undefined} onClick={() => void pin()}>
        Pin as expected
      </button>
      {note && (
        <p id={noteId} className={status?.kind === 'error' && !reason ? 'field-error' : 'inspector-muted'} role="status">
          {note}
        </p>
      )}
      {apiNote && (
        <p id={apiNoteId} className="inspector-muted">
          {apiNote}
        </p>
      )}
    </div>
  );
}
