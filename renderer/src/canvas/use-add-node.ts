// Adding a node from the palette: by click at the middle of what the canvas shows (moved right until it
// covers no other node), or by drop at the drop point (where the user put it, overlap or not).
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
      return store.addNode(type, [Math.round(at.x - NODE_WIDTH / 2), Math.round(at.y - NODE_HEIGHT / 2)]);
    },
    [store, screenToFlowPosition],
  );

  /** Adds in the middle of the visible canvas. */
  const addInView = useCallback(
    (type: string) => {
      const pane = document.querySelector('.canvas-area .react-flow');
      const rect = pane?.getBoundingClientRect();
      const centre = rect ? { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 } : { x: window.innerWidth / 2, y: window.innerHeight / 2 };
      const at = screenToFlowPosition(centre);
      const start: Position = [Math.round(at.x - NODE_WIDTH / 2), Math.round(at.y - NODE_HEIGHT / 2)];
      return store.addNode(type, freeSpot(start, store.getSnapshot().doc.nodes));
    },
    [store, screenToFlowPosition],
  );

  return { addAtScreenPoint, addInView };
}

/** The first spot from `start` rightwards (flows read left to right) where the new node overlaps none. */
function freeSpot(start: Position, nodes: ReadonlyArray<{ position: Position }>): Position {
  const overlaps = ([x, y]: Position) => nodes.some((node) => Math.abs(node.position[0] - x) < NODE_WIDTH && Math.abs(node.position[1] - y) < NODE_HEIGHT);
  let spot = start;
  for (let step = 0; step < 100 && overlaps(spot); step += 1) spot = [spot[0] + NODE_WIDTH + 60, spot[1]];
  return spot;
}
