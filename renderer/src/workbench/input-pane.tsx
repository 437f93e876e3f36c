// The workbench's input pane: the node's input messages (its own samples, else those worked out from
// the flow's samples), one at a time by message tab, as a tree of fields, a table (for a list of
// objects) or raw JSON. A field of the tree inserts its JSONata path at the editor's cursor on click,
// and can be dragged onto the editor (text/plain, which Monaco accepts as a drop).
import { memo, useMemo, useState } from 'react';
import { sampleTree } from '../samples/sample-tree.js';
import { TreeLevel } from '../samples/sample-tree-view.js';
import { prettyJson } from '../mapping/mapping-output-text.js';
import { TableView } from './table-view.js';

type View = 'tree' | 'table' | 'json';

export interface InputPaneProps {
  samples: readonly unknown[];
  /** Where the samples come from ("the sample of …"), or why there are none. */
  origin: string | undefined;
  missing: string | undefined;
  onInsert: (path: string) => void;
}

export const InputPane = memo(function InputPane({ samples, origin, missing, onInsert }: InputPaneProps) {
  const [view, setView] = useState<View>('tree');
  const [selected, setSelected] = useState(0);
  const index = Math.min(selected, Math.max(samples.length - 1, 0));
  const sample = samples[index];
  return (
    <section className="workbench-pane" aria-label="Input">
      <header className="workbench-pane-head">
        <h3>Input</h3>
        <ViewTabs label="Input view" views={['tree', 'table', 'json']} current={view} onChange={setView} />
      </header>
      {origin && <p className="inspector-muted">{origin}</p>}
      {samples.length === 0 ? (
        <p className="inspector-muted">{missing ?? 'No sample yet: give this node or its trigger a sample.'}</p>
      ) : (
        <>
          {samples.length > 1 && (
            <div role="tablist" aria-label="Input message" className="workbench-tabs">
              {samples.map((_, i) => (
                <button key={i} type="button" role="tab" aria-selected={i === index} className="workbench-tab" onClick={() => setSelected(i)}>
                  Message {i + 1}
                </button>
              ))}
            </div>
          )}
          <div className="workbench-pane-body">
            {view === 'tree' && <FieldTree sample={sample} onInsert={onInsert} />}
            {view === 'table' && <TableView value={sample} label="Input table" />}
            {view === 'json' && <JsonText value={sample} label="Input JSON" />}
          </div>
        </>
      )}
    </section>
  );
});

export function ViewTabs<T extends string>({ label, views, current, onChange }: { label: string; views: readonly T[]; current: T; onChange: (view: T) => void }) {
  return (
    <div role="tablist" aria-label={label} className="workbench-tabs">
      {views.map((view) => (
        <button key={view} type="button" role="tab" aria-selected={view === current} className="workbench-tab" onClick={() => onChange(view)}>
          {view === 'json' ? 'JSON' : view[0]?.toUpperCase() + view.slice(1)}
        </button>
      ))}
    </div>
  );
}

export function JsonText({ value, label }: { value: unknown; label: string }) {
  const text = useMemo(() => prettyJson(value), [value]);
  return (
    <pre className="workbench-json" aria-label={label}>
      {text}
    </pre>
  );
}

function FieldTree({ sample, onInsert }: { sample: unknown; onInsert: (path: string) => void }) {
  const tree = useMemo(() => sampleTree(sample), [sample]);
  if (tree.length === 0) return <p className="inspector-muted">This message has no fields: `$` is the whole input.</p>;
  return (
    <div role="region" aria-label="Input fields" className="sample-tree workbench-tree">
      <TreeLevel nodes={tree} onInsert={onInsert} draggable />
    </div>
  );
}

