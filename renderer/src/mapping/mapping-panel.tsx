// The mapping editor of the selected node: the JSONata field being edited (Monaco, labelled "Mapping
// expression"), its live output, the sample input as a clickable tree, the sample itself as JSON, and
// "Pin as expected". The expression reaches the store a moment after typing (./live-expression-field.tsx)
// and is edited there like every other field.
// The sample is the node's own, else its input worked out from the triggers' samples through the nodes
// before it (../samples/use-node-input.ts), shown without a click.
import { useCallback, useMemo, useRef, useState } from 'react';
import type { Problem } from '../../../shared/errors.js';
import { formatPath } from '../../../shared/errors.js';
import { getNodeKind } from '../../../shared/catalog/index.js';
import type { FlowDocument, FlowNode } from '../../../shared/flow/schema.js';
import type { ApiClient } from '../api/client.js';
import type { FlowStore } from '../canvas/store.js';
import { getIn, setIn, textValue } from '../inspector/config-edit.js';
import type { FieldPath } from '../inspector/field-model.js';
import { PinButton } from '../samples/pin-button.js';
import { SampleEditor } from '../samples/sample-editor.js';
import { SampleTreeView } from '../samples/sample-tree-view.js';
import { useNodeInput, type LastRun } from '../samples/use-node-input.js';
import { useRunState, useRunStore } from '../run/use-run-store.js';
import { setSampleFromUpstream } from '../samples/upstream-sample.js';
import { Workbench } from '../workbench/workbench.js';
import type { ExpressionEditorHandle } from './expression-editor.js';
import { LiveExpressionField } from './live-expression-field.js';
import { useStableSamples } from './use-stable-samples.js';
import './mapping-panel.css';

/** The JSONata field the mapping editor works on. */
export interface ActiveField {
  path: FieldPath;
  kind: 'expression' | 'template';
  label: string;
  required: boolean;
}

/** Output of the node upstream of this one in the last test run, offered as this node's sample. */
export interface UpstreamOutput {
  fromNodeId: string;
  payloads: unknown[];
}

export interface MappingPanelProps {
  client: ApiClient | undefined;
  store: FlowStore;
  doc: FlowDocument;
  node: FlowNode;
  field: ActiveField | undefined;
  /** The node's validation problems (those of the active field become squiggles). */
  problems: readonly Problem[];
  theme: 'light' | 'dark';
  upstream?: UpstreamOutput;
}

export function MappingPanel({ client, store, doc, node, field, problems, theme, upstream }: MappingPanelProps) {
  const editor = useRef<ExpressionEditorHandle | null>(null);
  const insertPath = useCallback((path: string) => editor.current?.insert(path), []);
  const runStore = useRunStore();
  const run = useRunState();
  const lastRun = useMemo<LastRun | undefined>(() => (runStore && run.phase === 'finished' && run.runId !== undefined ? { store: runStore, runId: run.runId } : undefined), [runStore, run.phase, run.runId]);
  const own = doc.samples?.[node.id];
  const worked = useNodeInput(doc, node.id, lastRun);
  const hasOwn = own !== undefined && own.length > 0;
  const fresh = useMemo(() => (hasOwn ? own : worked?.found === true ? worked.messages : []), [hasOwn, own, worked]);
  const samples = useStableSamples(doc, node.id, fresh);
  const input = samples[0];
  const workedFrom = !hasOwn && worked?.found === true ? throughText(doc, worked.through) : undefined;
  const missing = !hasOwn && worked?.found === false ? worked.reason : undefined;
  const raw = field ? getIn(node.config, field.path) : undefined;
  const expression = typeof raw === 'string' ? raw : '';
  const [workbenchOpen, setWorkbenchOpen] = useState(false);
  const editExpression = (value: string) => {
    if (!field) return;
    const config = store.getSnapshot().nodesById.get(node.id)?.config ?? {};
    store.updateConfig(node.id, setIn(config, field.path, textValue(value, field.required)));
  };
  const ownProblems = useMemo(() => {
    if (!field) return [];
    const suffix = `.config.${formatPath(field.path)}`;
    return problems.filter((problem) => problem.path?.endsWith(suffix) && problem.range);
  }, [field, problems]);

  return (
    <section className="mapping-panel" aria-label="Mapping editor">
      <h3 className="mapping-panel-title">Mapping{field ? ` · ${field.label}` : ''}</h3>
      {field ? (
        <>
          {/* While the workbench is open it evaluates every sample itself: the hidden panel output waits. */}
          <LiveExpressionField
            key={`${node.id}:${formatPath(field.path)}`}
            client={client}
            kind={field.kind}
            saved={expression}
            commit={editExpression}
            seal={store.seal}
            problems={ownProblems}
            input={input}
            theme={theme}
            handle={editor}
            paused={workbenchOpen}
          />
          <button type="button" className="button mapping-open-workbench" onClick={() => setWorkbenchOpen(true)}>
            Open workbench
          </button>
          {workbenchOpen && (
            <Workbench
              nodeId={node.id}
              nodeLabel={node.name ?? node.id}
              fieldLabel={field.label}
              kind={field.kind}
              doc={doc}
              expression={expression}
              onChange={editExpression}
              onSeal={store.seal}
              problems={ownProblems}
              samples={samples}
              origin={workedFrom ? `Input worked out from ${workedFrom}.` : undefined}
              missing={missing}
              theme={theme}
              onClose={() => setWorkbenchOpen(false)}
            />
          )}
        </>
      ) : (
        <p className="inspector-muted">This node has no JSONata field to try. Its sample still feeds the nodes after it.</p>
      )}
      {workedFrom && <p className="inspector-muted sample-origin">Input worked out from {workedFrom}.</p>}
      <SampleTreeView sample={input} onInsert={insertPath} {...(missing ? { missing } : {})} />
      <SampleEditor store={store} nodeId={node.id} samples={own} {...(workedFrom ? { inheritedFrom: workedFrom } : {})} />
      {upstream && upstream.payloads.length > 0 && (
        <button type="button" className="button" onClick={() => setSampleFromUpstream(store, node.id, upstream.payloads)}>
          Use upstream output from last run
        </button>
      )}
      {/* Every kind, triggers included: pinning test-runs the flow, so no kind needs its own evaluator. */}
      <PinButton client={client} store={store} doc={doc} nodeId={node.id} />
    </section>
  );
}

/** "the sample of trigger in through Map shape, Filter big". */
function throughText(doc: FlowDocument, through: readonly string[]): string {
  const [origin, ...rest] = through;
  if (origin === undefined) return 'the flow\'s samples';
  const title = (id: string): string => {
    const found = doc.nodes.find((candidate) => candidate.id === id);
    return found ? `${getNodeKind(found.type)?.title ?? found.type} "${id}"` : `"${id}"`;
  };
  return rest.length === 0 ? `the sample of ${title(origin)}` : `the sample of ${title(origin)} through ${rest.map(title).join(' → ')}`;
}
