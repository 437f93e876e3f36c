// The right-hand panel. For now: the selected node's kind, name, its top-level JSONata expressions in an
// expression editor, and its validation problems; the flow's own problems when nothing is selected.
// The per-kind config form, the live output pane and the sample tree come later.
import type { Problem } from '../../../shared/errors.js';
import { getNodeKind, type NodeKind } from '../../../shared/catalog/index.js';
import { useFlowSnapshot, useFlowStore } from '../canvas/use-flow-store.js';
import { ExpressionEditor } from '../mapping/expression-editor.js';
import './inspector.css';

export function Inspector({ theme }: { theme: 'light' | 'dark' }) {
  const store = useFlowStore();
  const { selection, nodesById, problems, doc } = useFlowSnapshot();
  const selected = [...selection];
  const node = selected.length === 1 && selected[0] !== undefined ? nodesById.get(selected[0]) : undefined;
  const kind = node ? getNodeKind(node.type) : undefined;

  return (
    <aside className="panel inspector" aria-label="Inspector">
      <h2 className="panel-title">Inspector</h2>
      <div className="inspector-body">
        {node ? (
          <>
            <p className="inspector-kind">{kind?.title ?? `Unknown kind ${node.type}`}</p>
            {kind && <p className="inspector-muted">{kind.description}</p>}
            <label className="inspector-field">
              <span>Name</span>
              <input
                className="input"
                value={node.name ?? ''}
                placeholder={node.id}
                onChange={(event) => store.rename(node.id, event.target.value)}
                onBlur={store.seal}
              />
            </label>
            <p className="inspector-muted">
              Id <code>{node.id}</code>
            </p>
            {kind &&
              expressionFields(kind).map((field) => (
                <div key={`${node.id}:${field}`} className="inspector-field">
                  <span>{field}</span>
                  <ExpressionEditor
                    value={typeof node.config[field] === 'string' ? (node.config[field] as string) : ''}
                    onChange={(value) => store.updateConfig(node.id, { ...store.getSnapshot().nodesById.get(node.id)?.config, [field]: value })}
                    onBlur={store.seal}
                    problems={fieldProblems(problems.byNode.get(node.id) ?? [], field)}
                    sample={doc.samples?.[node.id]?.[0]}
                    theme={theme}
                  />
                </div>
              ))}
            <ProblemList problems={problems.byNode.get(node.id) ?? []} />
          </>
        ) : selected.length > 1 ? (
          <p className="inspector-muted">{selected.length} nodes selected. Copy, delete or drag them together.</p>
        ) : (
          <>
            <p className="inspector-muted">Select a node to see and edit its settings.</p>
            <ProblemList problems={problems.flow} title="Flow problems" />
          </>
        )}
      </div>
    </aside>
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

/** Config fields of a kind that hold one JSONata expression at the top level (`expression`, `condition`). */
function expressionFields(kind: NodeKind): string[] {
  return kind
    .jsonataFields(kind.defaultConfig)
    .filter((field) => field.kind === 'expression' && field.path.length === 1 && typeof field.path[0] === 'string')
    .map((field) => field.path[0] as string);
}

function fieldProblems(problems: readonly Problem[], field: string): Problem[] {
  return problems.filter((problem) => problem.path?.endsWith(`.config.${field}`));
}
