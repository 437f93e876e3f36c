// Retention from the designer: keep runs for N days, at most N runs, at most N MB of traces — as the
// workspace's default (settings.json, through runs.setRetentionDefault) or as one flow's own policy,
// which overrides the default. The engine applies a flow's `settings.retention`, or the default when it
// has none, after every run (DESIGN.md §4). A flow's policy is written into its file (flows.get, then
// flows.save with the revision read, so a concurrent edit is a CONFLICT, not lost).
import { useEffect, useRef, useState } from 'react';
import type { ApiClient } from '../api/client.js';
import { OpsDialog } from './ops-dialog.js';
import { describeRetention, fromFields, toFields, type Retention, type RetentionFields } from './retention-model.js';

/** The select's value for the workspace default. */
const WORKSPACE = '';

export function RetentionDialog({ client, flowIds, onClose, onDefaultChanged }: { client: ApiClient; flowIds: string[]; onClose: () => void; onDefaultChanged?: () => void }) {
  const [target, setTarget] = useState(WORKSPACE);
  const [fields, setFields] = useState<RetentionFields>({ days: '', runs: '', megabytes: '' });
  // undefined until read; { retention: undefined } when the workspace keeps every run.
  const [workspaceDefault, setWorkspaceDefault] = useState<{ retention?: Retention }>();
  const [ownPolicy, setOwnPolicy] = useState<boolean>();
  const [message, setMessage] = useState<{ text: string; error?: boolean }>();
  // What the user typed since choosing the target wins over its policy arriving later.
  const typed = useRef(false);

  useEffect(() => {
    typed.current = false;
    setOwnPolicy(undefined);
    let live = true;
    const fill = (retention: Retention | undefined) => {
      if (live && !typed.current) setFields(toFields(retention));
    };
    if (target === WORKSPACE) {
      client.send('runs.retentionDefault', {}).then((answer) => {
        if (!live) return;
        setWorkspaceDefault(answer);
        fill(answer.retention);
      }, (failure: unknown) => live && setMessage({ text: `The workspace default cannot be read: ${failure instanceof Error ? failure.message : String(failure)}`, error: true }));
    } else {
      client.send('flows.get', { id: target }).then((detail) => {
        if (!live) return;
        const retention = detail.document?.settings?.retention;
        setOwnPolicy(retention !== undefined);
        fill(retention);
      }, () => undefined);
    }
    return () => {
      live = false;
    };
  }, [client, target]);

  const saveFlow = async (id: string, retention: Retention | undefined) => {
    const detail = await client.send('flows.get', { id });
    if (!detail.document) throw new Error(`${id} cannot be read: ${detail.problems[0]?.message ?? 'unknown problem'}`);
    const { retention: _old, ...otherSettings } = detail.document.settings ?? {};
    const settings = retention ? { ...otherSettings, retention } : otherSettings;
    const { settings: _settings, ...rest } = detail.document;
    await client.send('flows.save', { document: Object.keys(settings).length === 0 ? rest : { ...rest, settings }, expectedRevision: detail.revision });
    setOwnPolicy(retention !== undefined);
  };

  const apply = async () => {
    const { retention, problems } = fromFields(fields);
    if (problems.length > 0) {
      setMessage({ text: problems.join('; '), error: true });
      return;
    }
    try {
      if (target === WORKSPACE) {
        const answer = await client.send('runs.setRetentionDefault', { retention: retention ?? null });
        setWorkspaceDefault(answer);
        onDefaultChanged?.();
        setMessage({ text: `Workspace default set: ${describeRetention(answer.retention)}, for every flow without its own; it applies after each run.` });
      } else {
        await saveFlow(target, retention);
        setMessage({ text: retention ? `Retention set for ${target}; it applies after each run.` : `${target} has no retention of its own now: it uses the workspace default (${describeRetention(workspaceDefault?.retention)}).` });
      }
    } catch (failure) {
      setMessage({ text: failure instanceof Error ? failure.message : String(failure), error: true });
    }
  };

  const useDefault = async () => {
    try {
      await saveFlow(target, undefined);
      typed.current = false;
      setFields(toFields(undefined));
      setMessage({ text: `${target} uses the workspace default now (${describeRetention(workspaceDefault?.retention)}).` });
    } catch (failure) {
      setMessage({ text: failure instanceof Error ? failure.message : String(failure), error: true });
    }
  };

  // The default is read once the dialog opens on it; a flow chosen first reads it here for the summary.
  useEffect(() => {
    if (workspaceDefault !== undefined || target === WORKSPACE) return undefined;
    let live = true;
    client.send('runs.retentionDefault', {}).then((answer) => live && setWorkspaceDefault(answer), () => undefined);
    return () => {
      live = false;
    };
  }, [client, target, workspaceDefault]);

  const field = (key: keyof RetentionFields, label: string) => (
    <label className="ops-field">
      <span>{label}</span>
      <input className="input" inputMode="decimal" value={fields[key]} onChange={(event) => {
        typed.current = true;
        setFields((previous) => ({ ...previous, [key]: event.target.value }));
      }} placeholder={target === WORKSPACE || ownPolicy ? 'no limit' : 'workspace default'} />
    </label>
  );
  return (
    <OpsDialog title="Retention" onClose={onClose}>
      <p className="flow-dialog-message">Old finished runs are pruned with their traces after each run; dead letters stay until discarded.</p>
      <p className="ops-muted" aria-label="Workspace default retention">
        Workspace default: {workspaceDefault === undefined ? '…' : describeRetention(workspaceDefault.retention)}
      </p>
      <label className="ops-field">
        <span>Applies to</span>
        <select className="input" value={target} onChange={(event) => setTarget(event.target.value)}>
          <option value={WORKSPACE}>Workspace default (flows without their own)</option>
          {flowIds.map((id) => <option key={id} value={id}>{id}</option>)}
        </select>
      </label>
      {target !== WORKSPACE && ownPolicy === false && <p className="ops-muted">{target} uses the workspace default; values set here override it for this flow.</p>}
      {field('days', 'Keep runs for (days)')}
      {field('runs', 'Keep at most (runs)')}
      {field('megabytes', 'Keep at most (MB of traces)')}
      {message && <p className={message.error ? 'ops-error' : 'ops-ok'} role={message.error ? 'alert' : 'status'}>{message.text}</p>}
      <div className="flow-dialog-actions">
        <button type="button" className="button" onClick={onClose}>Close</button>
        {target !== WORKSPACE && ownPolicy === true && <button type="button" className="button" onClick={() => void useDefault()}>Use the workspace default</button>}
        <button type="button" className="button primary" onClick={() => void apply()}>Apply retention</button>
      </div>
    </OpsDialog>
  );
}
