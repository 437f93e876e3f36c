// The sample input as a tree of fields; clicking a field inserts its JSONata path where the cursor is
// in the mapping expression.
import { memo, useMemo, type DragEvent } from 'react';
import { sampleTree, type SampleTreeNode } from './sample-tree.js';

/** Memoised: the mapping panel re-renders on every keystroke, the tree only when the sample changes. */
export const SampleTreeView = memo(function SampleTreeView({ sample, onInsert, missing }: { sample: unknown; onInsert: (path: string) => void; /** Why there is no sample (./propagate.ts says). */ missing?: string }) {
  const tree = useMemo(() => sampleTree(sample), [sample]);
  return (
    <section role="region" aria-label="Sample input" className="sample-tree">
      {sample === undefined ? (
        <p className="inspector-muted">{missing ?? 'No sample yet: paste a message as JSON below, or give the trigger one.'}</p>
      ) : tree.length === 0 ? (
        <p className="inspector-muted">The sample is {JSON.stringify(sample)?.slice(0, 60)}; it has no fields. `$` is the whole input.</p>
      ) : (
        <TreeLevel nodes={tree} onInsert={onInsert} />
      )}
    </section>
  );
});

/**
 * One level of the field tree; clicking a field inserts its path. `draggable` also lets a field be
 * dragged onto the expression (the workbench), carrying its path as text.
 */
export function TreeLevel({ nodes, onInsert, draggable = false }: { nodes: SampleTreeNode[]; onInsert: (path: string) => void; draggable?: boolean }) {
  return (
    <ul className="sample-tree-level">
      {nodes.map((node) => (
        <li key={node.path}>
          <button
            type="button"
            className="sample-tree-field"
            aria-label={`Insert ${node.path}`}
            title={draggable ? `Click or drag onto the expression to insert ${node.path}` : `Insert ${node.path} at the cursor`}
            onClick={() => onInsert(node.path)}
            {...(draggable
              ? {
                  draggable: true,
                  onDragStart: (event: DragEvent<HTMLButtonElement>) => {
                    event.dataTransfer.setData('text/plain', node.path);
                    event.dataTransfer.effectAllowed = 'copy';
                  },
                }
              : {})}
          >
            <span className="sample-tree-name">{node.name}</span>
            <span className="sample-tree-preview">{node.preview}</span>
          </button>
          {node.children.length > 0 && <TreeLevel nodes={node.children} onInsert={onInsert} draggable={draggable} />}
        </li>
      ))}
    </ul>
  );
}
