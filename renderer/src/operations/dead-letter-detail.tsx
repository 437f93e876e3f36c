// One dead letter beside the list: the error, every attempt with its time and error, the payload it
// failed with — editable before a replay (dlq.edit keeps the original in its history, shown below) —
// and Replay, Discard and the run it came from.
import { useEffect, useId, useState } from 'react';
import type { Params } from '../../../shared/api/contract.js';
import type { DeadLetterDetail } from '../../../shared/api/dead-letters.js';
import type { ApiClient } from '../api/client.js';
import { formatDuration, formatTime, payloadText, shortId } from './format.js';

export interface DeadLetterDetailProps {
  client: ApiClient;
  id: string;
  busy: boolean;
  onReplay: () => void;
  onDiscard: () => void;
  onOpenRun: (runId: string) => void;
  onClose: () => void;
  onEdited: () => void;
}

export function DeadLetterDetailView({ client, id, busy, onReplay, onDiscard, onOpenRun, onClose, onEdited }: DeadLetterDetailProps) {
  const [letter, setLetter] = useState<DeadLetterDetail>();
  const [draft, setDraft] = useState('');
  const [message, setMessage] = useState<{ text: string; error?: boolean }>();
  const payloadId = useId();
  useEffect(() => {
    let live = true;
    client.send('dlq.get', { id }).then((found) => {
      if (!live) return;
      setLetter(found);
      setDraft(payloadText(found.payload));
    }, (error: unknown) => live && setMessage({ text: error instanceof Error ? error.message : String(error), error: true }));
    return () => {
      live = false;
    };
  }, [client, id]);

  const save = async () => {
    let payload: Params<'dlq.edit'>['payload'];
    try {
      payload = JSON.parse(draft) as Params<'dlq.edit'>['payload'];
    } catch (error) {
      setMessage({ text: `The payload is not valid JSON: ${error instanceof Error ? error.message : String(error)}`, error: true });
      return;
    }
    try {
      const saved = await client.send('dlq.edit', { id, payload });
      setLetter(saved);
      setDraft(payloadText(saved.payload));
      setMessage({ text: 'Payload saved; the original is kept below.' });
      onEdited();
    } catch (error) {
      setMessage({ text: error instanceof Error ? error.message : String(error), error: true });
    }
  };

  const replayed = letter?.replayedIn !== undefined;
  return (
    <section className="ops-detail" aria-label="Dead letter">
      <div className="ops-detail-header">
        <h2 className="ops-detail-title">Dead letter <span title={id}>{shortId(id)}</span></h2>
        <button type="button" className="button" onClick={onClose} aria-label="Close dead letter">✕</button>
      </div>
      {message && <p className={message.error ? 'ops-error' : 'ops-ok'} role={message.error ? 'alert' : 'status'}>{message.text}</p>}
      {letter && (
        <>
          <p className="ops-error"><code>{letter.error.code}</code> {letter.error.message}</p>
          <dl className="ops-facts">
            <dt>Flow</dt><dd>{letter.flowId}</dd>
            <dt>Node</dt><dd>{letter.nodeId}</dd>
            <dt>Message</dt><dd><code>{letter.messageId}</code></dd>
            <dt>Run</dt><dd><button type="button" className="ops-link" onClick={() => onOpenRun(letter.runId)} aria-label={`Open run ${letter.runId}`}>{shortId(letter.runId)}</button></dd>
            {replayed && <><dt>Replayed in</dt><dd><button type="button" className="ops-link" onClick={() => onOpenRun(letter.replayedIn ?? '')} aria-label={`Open replay ${letter.replayedIn}`}>{shortId(letter.replayedIn ?? '')}</button></dd></>}
          </dl>
          <div className="ops-actions">
            <button type="button" className="button primary" onClick={onReplay} disabled={busy || replayed}>Replay</button>
            <button type="button" className="button" onClick={onDiscard} disabled={busy}>Discard</button>
          </div>
          <p className="ops-subtitle">Attempts</p>
          <ol className="ops-attempts" aria-label="Attempts">
            {letter.history.map((attempt) => (
              <li key={attempt.attempt}>
                {formatTime(attempt.at)} — <code>{attempt.error.code}</code> {attempt.error.message} <span className="ops-muted">({formatDuration(attempt.durationMs)}{attempt.error.transient ? ', transient' : ''})</span>
              </li>
            ))}
          </ol>
          <label className="ops-subtitle" htmlFor={payloadId}>Payload</label>
          <textarea id={payloadId} className="input ops-payload-editor" value={draft} onChange={(event) => setDraft(event.target.value)} spellCheck={false} readOnly={replayed} rows={10} />
          {!replayed && <button type="button" className="button" onClick={() => void save()}>Save payload</button>}
          {letter.edits.length > 0 && (
            <section aria-label="Earlier payloads">
              <p className="ops-subtitle">Earlier payloads</p>
              {letter.edits.map((edit, index) => (
                <div key={index}>
                  <p className="ops-muted">Replaced {formatTime(edit.at)}</p>
                  <pre className="ops-payload">{payloadText(edit.payload)}</pre>
                </div>
              ))}
            </section>
          )}
        </>
      )}
    </section>
  );
}
