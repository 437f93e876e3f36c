// Where the nodes being dragged are, held by the canvas until the drop. A drag reports a position per
// frame; sending each one through the flow store would notify every part of the designer that reads
// the document (inspector with its editors, header, status bar, run panel) sixty times a second, and
// re-check the whole document for changes each time. Sending each one to React Flow would run every
// rendered node's and edge's store selector per frame. So the dragged nodes and their edges are painted
// straight into the DOM (./drag-painter.ts); React Flow hears of the positions only when an auto-pan
// moves the view it renders for (`publish`, so the dragged nodes stay rendered), and the document gets
// the drop: one move, one undo step, one autosave.
import { useStoreApi } from '@xyflow/react';
import { useCallback, useRef, useState, type RefObject } from 'react';
import type { Position } from './changes.js';
import { createDragPainter, type DragPainter } from './drag-painter.js';
import type { FlowStore } from './store.js';
import type { CanvasNode } from './to-react-flow.js';

export interface NodeMove {
  id: string;
  position: Position;
}

const NONE: ReadonlyMap<string, Position> = new Map();

export function useDragPositions(store: FlowStore, area: RefObject<HTMLElement | null>) {
  const flowStore = useStoreApi();
  // What React Flow has been told of the drag (see `publish`).
  const [published, setPublished] = useState<ReadonlyMap<string, Position>>(NONE);
  const held = useRef(NONE);
  const painter = useRef<DragPainter | undefined>(undefined);

  const paint = useCallback(
    (next: ReadonlyMap<string, Position>) => {
      held.current = next;
      const root = area.current;
      if (!root) return;
      painter.current ??= createDragPainter(root, flowStore);
      painter.current.paint(next);
    },
    [area, flowStore],
  );

  /**
   * Moves while `dragging` are painted and held here; the final moves (the drop, keyboard moves) go to
   * the document, in whole flow units. A dropped node lands where the canvas shows it: that includes
   * auto-pan's moves since React Flow last reported a position (./node-drag-pan.ts).
   */
  const move = useCallback(
    (moves: readonly NodeMove[], dragging: boolean) => {
      if (dragging) {
        const next = new Map(held.current);
        for (const { id, position } of moves) next.set(id, position);
        paint(next);
        return;
      }
      store.moveNodes(
        moves.map(({ id, position }) => {
          const [x, y] = held.current.get(id) ?? position;
          return { id, position: [Math.round(x), Math.round(y)] };
        }),
      );
      held.current = NONE;
      painter.current?.clear();
      setPublished(NONE);
    },
    [store, paint],
  );

  /** Auto-pan moved the view by (dx, dy) flow units the other way: the dragged nodes move with the pointer. */
  const shift = useCallback(
    (dx: number, dy: number) => {
      if (held.current.size === 0) return;
      const next = new Map<string, Position>();
      for (const [id, [x, y]] of held.current) next.set(id, [x + dx, y + dy]);
      paint(next);
    },
    [paint],
  );

  /**
   * Tells React Flow where the dragged nodes are. Called when an auto-pan hands React Flow a new view:
   * React Flow renders the nodes it believes in view, and a dragged node it still believes where the
   * drag began would be dropped from the page once that place leaves the view.
   */
  const publish = useCallback(() => {
    if (held.current.size > 0) setPublished(held.current);
  }, []);

  /** `nodes` with the dragged ones where React Flow was last told they are (the others keep their identity). */
  const place = useCallback(
    (nodes: CanvasNode[]): CanvasNode[] => {
      if (published.size === 0) return nodes;
      return nodes.map((node) => {
        const at = published.get(node.id);
        return at === undefined || (at[0] === node.position.x && at[1] === node.position.y) ? node : { ...node, position: { x: at[0], y: at[1] } };
      });
    },
    [published],
  );

  return { move, shift, publish, place };
}
