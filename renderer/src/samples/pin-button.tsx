// "Pin as expected" for a Map node: evaluates the expression on every message of the test input with
// the engine's evaluator and stores the outputs as a flow test (one undo step).
import { useId, useState } from 'react';
import type { FlowDocument } from '../../../shared/flow/schema.js';
import type { ApiClient } from '../api/client.js';
import type { FlowStore } from '../canvas/store.js';
import { mapOutputs, pinPlan, pinnedTest, putTestChange } from './pin-expected.js';

/** Messages evaluated for one pin; a bigger sample pins its first ones. */
const MAX_PINNED_MESSAGES = 100;

export function PinButton({ client, store, doc, nodeId, expression }: { client: ApiClient | undefined; store: FlowStore; doc: FlowDocument; nodeId: string; expression: string }) {
  const [status, setStatus] = useState<{ kind: 'info' | 'error'; text: string }>();
  const [busy, setBusy] = useState(false);
  const noteId = useId();
  const plan = pinPlan(doc, nodeId);
  const reason = 'reason' in plan ? plan.reason : client ? undefined : 'Connect to `pipewright serve` to pin outputs.';

  const pin = async () => {
    if (!client || 'reason' in plan) return;
    setBusy(true);
    try {
      const messages = plan.messages.slice(0, MAX_PINNED_MESSAGES);
      const answers = await Promise.all(messages.map((input) => client.send('mapping.evaluate', { expression, input })));
      const outputs = mapOutputs(answers);
      const failed = answers.find((answer) => !answer.ok);
      if (outputs === undefined || failed) {
        setStatus({ kind: 'error', text: `Not pinned: the expression fails on a sample message${failed && !failed.ok ? ` (${failed.error.message})` : ''}.` });
        return;
      }
      const current = store.getSnapshot().doc;
      const test = pinnedTest(current, nodeId, { ...plan, messages }, outputs);
      store.apply([putTestChange(current, test)]);
      setStatus({ kind: 'info', text: `Pinned as the test "${test.name}" (${outputs.length} output${outputs.length === 1 ? '' : 's'}).` });
    } catch (error) {
      setStatus({ kind: 'error', text: `Not pinned: ${error instanceof Error ? error.message : String(error)}` });
    } finally {
      setBusy(false);
    }
  };

  const note = reason ?? status?.text;
  return (
    <div className="pin-expected">
      <button type="button" className="button" disabled={reason !== undefined || busy || expression.trim() === ''} aria-describedby={note ? noteId : undefined} onClick={() => void pin()}>
        Pin as expected
      </button>
      {note && (
        <p id={noteId} className={status?.kind === 'error' && !reason ? 'field-error' : 'inspector-muted'} role="status">
          {note}
        </p>
      )}
    </div>
  );
}
