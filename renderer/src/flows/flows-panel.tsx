// The flows list (region "Flows"): every flow file in the workspace, the open one marked, with new,
// open, rename, duplicate and delete. The work happens in the session (./flow-session.ts); this only
// gathers ids and names through the dialogs and shows the list.
import type { FlowListItem } from '../../../shared/api/index.js';
import { useFlowSnapshot } from '../canvas/use-flow-store.js';
import type { FlowFields } from './flow-dialog.js';
import type { FlowSession, SessionState } from './flow-session.js';
import './flows-panel.css';

export interface FlowsPanelProps {
  session: FlowSession;
  state: SessionState;
  connected: boolean;
  askFields(title: string, submit: string, initial: FlowFields): Promise<FlowFields | undefined>;
}

export function FlowsPanel({ session, state, connected, askFields }: FlowsPanelProps) {
  const { dirty } = useFlowSnapshot();

  const create = async () => {
    const fields = await askFields('New flow', 'Create', { id: '', name: '' });
    if (fields) await session.create(fields);
  };
  const rename = async (flow: FlowListItem) => {
    const fields = await askFields('Rename flow', 'Rename', { id: flow.id, name: flow.name });
    if (fields) await session.rename(flow.id, { newId: fields.id, name: fields.name });
  };
  const duplicate = async (flow: FlowListItem) => {
    const fields = await askFields('Duplicate flow', 'Duplicate', { id: `${flow.id}-copy`, name: `${flow.name} (copy)` });
    if (fields) await session.duplicate(flow.id, { newId: fields.id, name: fields.name });
  };

  return (
    <section className="panel flows-panel" aria-label="Flows">
      <div className="flows-header">
        <h2 className="panel-title">Flows</h2>
        <button type="button" className="button flows-new" onClick={() => void create()} disabled={!connected}>New flow</button>
      </div>
      {!connected ? (
        <p className="flows-empty">Offline: connect to `pipewright serve` to open and save flows.</p>
      ) : state.listError !== undefined ? (
        <p className="flows-empty flows-error" role="alert">Could not list the flows: {state.listError}</p>
      ) : !state.listLoaded ? (
        <p className="flows-empty">Loading…</p>
      ) : state.flows.length === 0 ? (
        <p className="flows-empty">No flows yet. Create one with New flow, or build on the canvas and press Save.</p>
      ) : (
        <ul className="flows-list">
          {state.flows.map((flow) => {
            const open = flow.id === state.flowId;
            return (
              <li key={flow.id} className={`flows-item${open ? ' is-open' : ''}`}>
                <button type="button" className="flows-open" onClick={() => void session.open(flow.id)} aria-label={`Open ${flow.id}`} aria-current={open ? 'true' : undefined} title={`${flow.name}: ${flow.nodeCount} node${flow.nodeCount === 1 ? '' : 's'}${flow.problemCount > 0 ? `, ${flow.problemCount} problems` : ''}`}>
                  <span className="flows-name">
                    {flow.name}
                    {open && dirty && <span className="flows-dirty" aria-hidden="true"> ●</span>}
                  </span>
                  <span className="flows-id">{flow.id}</span>
                </button>
                <span className="flows-actions">
                  <button type="button" className="flows-action" onClick={() => void rename(flow)} aria-label={`Rename ${flow.id}`} title="Rename">✎</button>
                  <button type="button" className="flows-action" onClick={() => void duplicate(flow)} aria-label={`Duplicate ${flow.id}`} title="Duplicate">❐</button>
                  <button type="button" className="flows-action flows-delete" onClick={() => void session.remove(flow.id)} aria-label={`Delete ${flow.id}`} title="Delete">✕</button>
                </span>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
