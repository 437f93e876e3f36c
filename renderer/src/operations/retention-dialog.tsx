// Retention from the designer: keep runs for N days, at most N runs, at most N MB of traces — for one
// flow or every flow of the workspace. The engine's retention applies each flow's `settings.retention`
// after every run (DESIGN.md §4); this writes that setting into the flow files (flows.get, then
// flows.save with the revision read, so a concurrent edit is a CONFLICT, not lost).
import { useEffect, useRef, useState } from 'react';
import type { ApiClient } from '../api/client.js';
import { OpsDialog } from './ops-dialog.js';
import { fromFields, toFields, type RetentionFields } from './retention-model.js';

const ALL = '';

export function RetentionDialog({ client, flowIds, onClose }: { client: ApiClient; flowIds: string[]; onClose: () => void }) {
  const [target, setTarget] = useState(ALL);
  const [fields, setFields] = useState<RetentionFields>({ days: '', runs: '', megabytes: '' });
  const [message, setMessage] = useState<{ text: string; error?: boolean }>();
  // What the user typed since choosing the flow wins over its policy arriving later.
  const typed = useRef(false);
  // One flow: its current policy fills the form.
  useEffect(() => {
    typed.current = false;
    if (target === ALL) return;
    let live = true;
    client.send('flows.get', { id: target }).then((detail) => {
      if (live && !typed.current) setFields(toFields(detail.document?.settings?.retention));
    }, () => undefined);
    return () => {
      live = false;
    };
  }, [client, target]);

  const apply = async () => {
    const { retention, problems } = fromFields(fields);
    if (problems.length > 0) {
      setMessage({ text: problems.join('; '), error: true });
      return;
    }
    const ids = target === ALL ? flowIds : [target];
    try {
      for (const id of ids) {
        const detail = await client.send('flows.get', { id });
        if (!detail.document) throw new Error(`${id} cannot be read: ${detail.problems[0]?.message ?? 'unknown problem'}`);
        const { retention: _old, ...otherSettings } = detail.document.settings ?? {};
        const settings = retention ? { ...otherSettings, retention } : otherSettings;
        const { settings: _settings, ...rest } = detail.document;
        await client.send('flows.save', { document: Object.keys(settings).length === 0 ? rest : { ...rest, settings }, expectedRevision: detail.revision });
      }
      setMessage({ text: `${retention ? 'Retention set' : 'Retention removed (runs are kept)'} for ${ids.length === 1 ? ids[0] : `${ids.length} flows`}; it applies after each run.` });
    } catch (failure) {
      setMessage({ text: failure instanceof Error ? failure.message : String(failure), error: true });
    }
  };

  const field = (key: keyof RetentionFields, label: string) => (
    <label className="ops-field">
      <span>{label}</span>
      <input className="input" inputMode="decimal" value={fields[key]} onChange={(event) => {
        typed.current = true;
        setFields((previous) => ({ ...previous, [key]: event.target.value }));
      }} placeholder="no limit" />
    </label>
  );
  return (
    <OpsDialog title="Retention" onClose={onClose}>
      <p className="flow-dialog-message">Old finished runs are pruned with their traces after each run; dead letters stay until discarded.</p>
      <label className="ops-field">
        <span>Applies to</span>
        <select className="input" value={target} onChange={(event) => setTarget(event.target.value)}>
          <option value={ALL}>Every flow of the workspace</option>
          {flowIds.map((id) => <option key={id} value={id}>{id}</option>)}
        </select>
      </label>
      {field('days', 'Keep runs for (days)')}
      {field('runs', 'Keep at most (runs)')}
      {field('megabytes', 'Keep at most (MB of traces)')}
      {message && <p className={message.error ? 'ops-error' : 'ops-ok'} role={message.error ? 'alert' : 'status'}>{message.text}</p>}
      <div className="flow-dialog-actions">
        <button type="button" className="button" onClick={onClose}>Close</button>
        <button type="button" className="button primary" onClick={() => void apply()}>Apply retention</button>
      </div>
    </OpsDialog>
  );
}
