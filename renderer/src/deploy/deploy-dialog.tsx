// Deploy to server… (DESIGN.md §8 "Deploy"): a modal dialog opened from the header. Pick a server the
// service remembers or add one (address + token, kept in the keychain of the process running the
// service), tick the flows (the open one ticked), Deploy: the service runs the same deploy as
// `pipewright deploy` (main/api/deploy.ts) and each flow's outcome is listed — new, updated to version
// N, unchanged, or refused with its problems. A deployed flow can be paused or resumed on the server.
import { useEffect, useId, useRef, useState } from 'react';
import type { DeployReport, DeployServer } from '../../../shared/api/deploy.js';
import type { FlowListItem } from '../../../shared/api/flows.js';
import type { LiveFlowState } from '../../../shared/api/live-flows.js';
import type { ApiClient } from '../api/client.js';
import { AddServerForm } from './add-server-form.js';
import { describeOutcome, describeProblem } from './deploy-outcome.js';
import './deploy.css';

const ADD = '';

export function DeployDialog({ client, openFlowId, unsaved, onClose }: { client: ApiClient; openFlowId: string; unsaved: boolean; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const serverId = useId();
  const [servers, setServers] = useState<DeployServer[]>();
  const [server, setServer] = useState(ADD);
  const [flows, setFlows] = useState<FlowListItem[]>([]);
  const [chosen, setChosen] = useState<Set<string>>(() => new Set([openFlowId]));
  const [report, setReport] = useState<DeployReport>();
  const [remote, setRemote] = useState<Map<string, LiveFlowState>>(new Map());
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string>();

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  useEffect(() => {
    let live = true;
    void Promise.all([client.send('deploy.servers', {}), client.send('flows.list', {})]).then(
      ([known, list]) => {
        if (!live) return;
        setServers(known);
        setServer(known[0]?.url ?? ADD);
        setFlows(list);
      },
      (error: unknown) => live && setFailure((error as Error).message),
    );
    return () => {
      live = false;
    };
  }, [client]);

  const refreshRemote = async (url: string) => {
    const states = await client.send('deploy.remoteFlows', { server: url });
    setRemote(new Map(states.map((state) => [state.flowId, state])));
  };
  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setFailure(undefined);
    try {
      await work();
    } catch (error) {
      setFailure((error as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const deploy = () => run(async () => {
    setReport(undefined);
    const flowIds = flows.map((flow) => flow.id).filter((id) => chosen.has(id));
    setReport(await client.send('deploy.flows', { server, flowIds }));
    await refreshRemote(server).catch(() => setRemote(new Map()));
  });
  const setPaused = (flowId: string, paused: boolean) => run(async () => {
    const state = await client.send(paused ? 'deploy.pause' : 'deploy.resume', { server, flowId });
    setRemote((current) => new Map(current).set(flowId, state));
  });
  const toggle = (id: string) => setChosen((current) => {
    const next = new Set(current);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    return next;
  });

  return (
    <dialog
      ref={ref}
      className="flow-dialog deploy-dialog"
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <h2 id={titleId} className="flow-dialog-title">Deploy to server</h2>
      {servers === undefined && failure === undefined && <p className="flow-dialog-message">Loading…</p>}
      {servers !== undefined && (
        <div className="flow-dialog-field">
          <label htmlFor={serverId}>Server</label>
          <select id={serverId} className="input" value={server} onChange={(event) => { setServer(event.target.value); setReport(undefined); setRemote(new Map()); }}>
            {servers.map((known) => <option key={known.url} value={known.url}>{known.url}</option>)}
            <option value={ADD}>Add a server…</option>
          </select>
        </div>
      )}
      {servers !== undefined && server === ADD && (
        <AddServerForm
          client={client}
          onAdded={(added) => {
            setServers((current) => [...(current ?? []).filter((known) => known.url !== added.url), { url: added.url }]);
            setServer(added.url);
          }}
        />
      )}
      {servers !== undefined && server !== ADD && (
        <>
          <fieldset className="deploy-flows">
            <legend>Flows</legend>
            {flows.map((flow) => (
              <label key={flow.id} className="deploy-flow">
                <input type="checkbox" checked={chosen.has(flow.id)} onChange={() => toggle(flow.id)} />
                {flow.id}{flow.name !== flow.id ? ` — ${flow.name}` : ''}
              </label>
            ))}
          </fieldset>
          {unsaved && chosen.has(openFlowId) && <p className="flow-dialog-hint">The open flow has unsaved changes: its saved file is deployed. Save first to deploy them.</p>}
          {report && (
            <ul className="deploy-results" aria-label="Deploy results">
              {report.flows.map((outcome) => {
                const state = remote.get(outcome.id);
                const deployed = outcome.change === 'new' || outcome.change === 'updated' || outcome.change === 'unchanged';
                return (
                  <li key={outcome.id}>
                    <span>{outcome.id}: {describeOutcome(outcome)}</span>
                    {outcome.change === 'refused' && (
                      <ul className="deploy-problems">{outcome.problems.map((problem, index) => <li key={index}>{describeProblem(problem)}</li>)}</ul>
                    )}
                    {deployed && state?.paused && <button type="button" className="button" disabled={busy} onClick={() => void setPaused(outcome.id, false)}>Resume {outcome.id}</button>}
                    {deployed && state?.live && !state.paused && <button type="button" className="button" disabled={busy} onClick={() => void setPaused(outcome.id, true)}>Pause {outcome.id}</button>}
                    {state?.paused && <span className="flow-dialog-hint"> paused on the server since {state.paused.since}</span>}
                  </li>
                );
              })}
            </ul>
          )}
        </>
      )}
      {failure && <p className="flow-dialog-error" role="alert">{failure}</p>}
      <div className="flow-dialog-actions">
        <button type="button" className="button" onClick={onClose}>Close</button>
        {server !== ADD && <button type="button" className="button primary" disabled={busy || chosen.size === 0} aria-busy={busy} onClick={() => void deploy()}>Deploy</button>}
      </div>
    </dialog>
  );
}
