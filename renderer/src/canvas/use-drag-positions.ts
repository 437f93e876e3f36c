// Where the nodes being dragged are, held by the canvas until the drop. A drag reports a position per
// frame; sending each one through the flow store would notify every part of the designer that reads
// the document (inspector with its editors, header, status bar, run panel) sixty times a second, and
// re-check the whole document for changes each time. The document gets the drop: one move, one undo
// step, one autosave. Until then only the canvas re-renders, and only the dragged nodes change.
import { useCallback, useState } from 'react';
import type { Position } from './changes.js';
import type { FlowStore } from './store.js';
import type { CanvasNode } from './to-react-flow.js';

export interface NodeMove {
  id: string;
  position: Position;
}

const NONE: ReadonlyMap<string, Position> = new Map();

export function useDragPositions(store: FlowStore) {
  const [dragged, setDragged] = useState<ReadonlyMap<string, Position>>(NONE);

  /** Moves while `dragging` stay here; the final moves (the drop, keyboard moves) go to the document. */
  const move = useCallback(
    (moves: readonly NodeMove[], dragging: boolean) => {
      if (dragging) {
        setDragged((previous) => {
          const next = new Map(previous);
          for (const { id, position } of moves) next.set(id, position);
          return next;
        });
        return;
      }
      store.moveNodes(moves);
      setDragged(NONE);
    },
    [store],
  );

  /** `nodes` with the dragged ones where the drag has them (the others keep their identity). */
  const place = useCallback(
    (nodes: CanvasNode[]): CanvasNode[] => {
      if (dragged.size === 0) return nodes;
      return nodes.map((node) => {
        const at = dragged.get(node.id);
        return at === undefined || (at[0] === node.position.x && at[1] === node.position.y) ? node : { ...node, position: { x: at[0], y: at[1] } };
      });
    },
    [dragged],
  );

  return { move, place };
}
