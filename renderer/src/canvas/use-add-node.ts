// Adding a node from the palette: by click at the middle of what the canvas shows (nudged so it never
// lands exactly on another node), or by drop at the drop point.
import { useReactFlow } from '@xyflow/react';
import { useCallback } from 'react';
import type { Position } from './changes.js';
import { NODE_HEIGHT, NODE_WIDTH } from './layout.js';
import { useFlowStore } from './use-flow-store.js';

/** The drag-and-drop type carrying a node kind from the palette to the canvas. */
export const KIND_DRAG_TYPE = 'application/x-pipewright-kind';

export function useAddNode() {
  const store = useFlowStore();
  const { screenToFlowPosition } = useReactFlow();

  /** Adds at a point on screen (client coordinates), the node centred on it. */
  const addAtScreenPoint = useCallback(
    (type: string, point: { x: number; y: number }) => {
      const at = screenToFlowPosition(point);
      return store.addNode(type, freeSpot([Math.round(at.x - NODE_WIDTH / 2), Math.round(at.y - NODE_HEIGHT / 2)], store.getSnapshot().doc.nodes));
    },
    [store, screenToFlowPosition],
  );

  /** Adds in the middle of the visible canvas. */
  const addInView = useCallback(
    (type: string) => {
      const pane = document.querySelector('.canvas-area .react-flow');
      const rect = pane?.getBoundingClientRect();
      const centre = rect ? { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 } : { x: window.innerWidth / 2, y: window.innerHeight / 2 };
      return addAtScreenPoint(type, centre);
    },
    [addAtScreenPoint],
  );

  return { addAtScreenPoint, addInView };
}

function freeSpot(start: Position, nodes: ReadonlyArray<{ position: Position }>): Position {
  const taken = new Set(nodes.map((node) => `${node.position[0]},${node.position[1]}`));
  let [x, y] = start;
  while (taken.has(`${x},${y}`)) {
    x += 30;
    y += 30;
  }
  return [x, y];
}
