// The palette: every node kind of the catalog, grouped by category, with a search box. Each item is a
// button named by the kind's title: click adds the node in the middle of the canvas, dragging it onto
// the canvas adds it where it is dropped.
import { useMemo, useState, type DragEvent } from 'react';
import { nodeCatalog, type NodeCategory, type NodeKind } from '../../../shared/catalog/index.js';
import { KIND_DRAG_TYPE, useAddNode } from '../canvas/use-add-node.js';
import { filterKinds } from './filter-kinds.js';
import './palette.css';

const CATEGORY_TITLES: Record<NodeCategory, string> = { trigger: 'Triggers', transform: 'Transform', control: 'Flow control', store: 'Stores', http: 'Connectors', output: 'Output' };
const CATEGORY_ORDER: NodeCategory[] = ['trigger', 'transform', 'control', 'store', 'http', 'output'];

export function Palette() {
  const [query, setQuery] = useState('');
  const { addInView } = useAddNode();
  const kinds = useMemo(() => filterKinds(nodeCatalog.values(), query), [query]);

  const onDragStart = (event: DragEvent, kind: NodeKind) => {
    event.dataTransfer.setData(KIND_DRAG_TYPE, kind.type);
    event.dataTransfer.effectAllowed = 'copy';
  };

  return (
    <aside className="panel palette" aria-label="Node palette">
      <h2 className="panel-title">Nodes</h2>
      <div className="palette-search">
        <input className="input" type="search" placeholder="Search nodes" aria-label="Search nodes" value={query} onChange={(e) => setQuery(e.target.value)} />
      </div>
      {kinds.length === 0 && <p className="palette-empty">No node kind matches “{query}”.</p>}
      {CATEGORY_ORDER.map((category) => {
        const inCategory = kinds.filter((kind) => kind.category === category);
        if (inCategory.length === 0) return null;
        return (
          <section key={category} className="palette-group" aria-label={CATEGORY_TITLES[category]}>
            <h3 className="palette-group-title">{CATEGORY_TITLES[category]}</h3>
            {inCategory.map((kind) => (
              <button
                key={kind.type}
                type="button"
                className={`palette-item category-${kind.category}`}
                draggable
                onDragStart={(event) => onDragStart(event, kind)}
                onClick={() => addInView(kind.type)}
                title={kind.description}
              >
                {kind.title}
              </button>
            ))}
          </section>
        );
      })}
    </aside>
  );
}
