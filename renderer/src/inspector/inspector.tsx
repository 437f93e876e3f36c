// The right-hand panel: the selected node's kind, name and config form (generated from its kind's
// schema, errors inline), then the mapping editor for its JSONata field with live output, sample input
// and "Pin as expected", then its delivery settings (retries, queue limit, notes); the flow's settings
// (trace, retention) and its own problems when nothing is selected.
import { useMemo, useState } from 'react';
import type { Problem } from '../../../shared/errors.js';
import { getNodeKind, type NodeKind } from '../../../shared/catalog/index.js';
import type { FlowNode } from '../../../shared/flow/schema.js';
import type { ApiClient } from '../api/client.js';
import { useFlowSnapshot, useFlowStore } from '../canvas/use-flow-store.js';
import { usePreloadedExpressionEditor } from '../mapping/expression-editor.js';
import { MappingPanel, type ActiveField, type UpstreamOutput } from '../mapping/mapping-panel.js';
import { DeliverySection } from '../settings/delivery-section.js';
import { FlowSettingsSection } from '../settings/flow-settings-section.js';
import { defaultActiveField } from './active-field.js';
import { setIn } from './config-edit.js';
import { ConfigForm } from './config-form.js';
import { fieldErrors, formOf, pathKey } from './field-model.js';
import './inspector.css';

export interface InspectorProps {
  theme: 'light' | 'dark';
  /** The contract client; without one (offline design) the live output and pinning are off. */
  client?: ApiClient;
  /**
   * The payloads the node upstream of `nodeId` emitted in the last test run; when given for the
   * selected node, "Use upstream output from last run" appears (see samples/upstream-sample.ts).
   */
  upstream?: UpstreamOutput & { nodeId: string };
}

export function Inspector({ theme, client, upstream }: InspectorProps) {
  const { selection, nodesById, problems, doc, generation } = useFlowSnapshot();
  const store = useFlowStore();
  const selected = [...selection];
  const node = selected.length === 1 && selected[0] !== undefined ? nodesById.get(selected[0]) : undefined;
  const kind = node ? getNodeKind(node.type) : undefined;
  usePreloadedExpressionEditor();

  // `nokey`: React Flow's key handling (Space pans the canvas) ignores this subtree, so a space typed
  // into Monaco, whose input element React Flow does not recognise as a text field, is not swallowed.
  return (
    <aside className="panel inspector nokey" aria-label="Inspector">
      <h2 className="panel-title">Inspector</h2>
      <div className="inspector-body">
        {node ? (
          <NodeInspector key={node.id} node={node} kind={kind} theme={theme} client={client} upstream={upstream?.nodeId === node.id ? upstream : undefined} problems={problems.byNode.get(node.id) ?? []} />
        ) : selected.length > 1 ? (
          <p className="inspector-muted">{selected.length} nodes selected. Copy, delete or drag them together.</p>
        ) : (
          <>
            <p className="inspector-muted">Select a node to see and edit its settings.</p>
            {/* Keyed by the loaded document, so text refused in one flow's fields does not stay when another opens. */}
            <FlowSettingsSection key={generation} settings={doc.settings} store={store} client={client} />
            <ProblemList problems={problems.flow} title="Flow problems" />
          </>
        )}
      </div>
    </aside>
  );
}

interface NodeInspectorProps {
  node: FlowNode;
  kind: NodeKind | undefined;
  theme: 'light' | 'dark';
  client: ApiClient | undefined;
  upstream: UpstreamOutput | undefined;
  problems: readonly Problem[];
}

function NodeInspector({ node, kind, theme, client, upstream, problems }: NodeInspectorProps) {
  const store = useFlowStore();
  const { doc } = useFlowSnapshot();
  const form = useMemo(() => (kind ? formOf(kind) : []), [kind]);
  const errors = useMemo(() => (kind ? fieldErrors(kind, node.config) : new Map<string, string>()), [kind, node.config]);
  const [chosen, setChosen] = useState<ActiveField>();
  // Computed once per node (the inspector remounts per node): the field stays put while it is typed in.
  const [initial] = useState(() => (kind ? defaultActiveField(kind, node.config, form) : undefined));
  const active = chosen ?? initial;

  const edit = (path: Array<string | number>, value: unknown) => {
    const config = store.getSnapshot().nodesById.get(node.id)?.config ?? {};
    store.updateConfig(node.id, setIn(config, path, value));
  };

  return (
    <>
      <p className="inspector-kind">{kind?.title ?? `Unknown kind ${node.type}`}</p>
      {kind && <p className="inspector-muted">{kind.description}</p>}
      <label className="inspector-field">
        <span>Name</span>
        <input className="input" value={node.name ?? ''} placeholder={node.id} onChange={(event) => store.rename(node.id, event.target.value)} onBlur={store.seal} />
      </label>
      <p className="inspector-muted">
        Id <code>{node.id}</code>
      </p>
      <ConfigForm fields={form} config={node.config} errors={errors} edit={edit} seal={store.seal} active={active ? pathKey(active.path) : undefined} activate={setChosen} />
      <DeliverySection node={node} kind={kind} store={store} />
      <MappingPanel client={client} store={store} doc={doc} node={node} field={active} problems={problems} theme={theme} {...(upstream ? { upstream } : {})} />
      <ProblemList problems={problems} />
    </>
  );
}

function ProblemList({ problems, title = 'Problems' }: { problems: readonly Problem[]; title?: string }) {
  if (problems.length === 0) return null;
  return (
    <section aria-label={title} className="inspector-problems">
      <h3>{title}</h3>
      <ul>
        {problems.map((problem, index) => (
          <li key={index}>
            {problem.path && <code>{problem.path}</code>} {problem.message}
          </li>
        ))}
      </ul>
    </section>
  );
}
