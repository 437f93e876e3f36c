// Where a node's handles are before React Flow has measured it, worked out from canvas.css: nodes are
// 200 px wide with a 4 px left and 1 px right border, at least 40 px + 18 px per output port tall,
// output ports spread over the height inside the border, the input handle centred on the left edge,
// the error handle centred at the bottom, every handle 10 × 10 px.
//
// Why guess at all: React Flow must know a node's size and handles before it can leave the node out
// of the DOM while it is off screen (`onlyRenderVisibleElements`); without them it renders every node
// once just to measure it, which is most of the cost of opening a 1,000-node flow. A guess that is off
// corrects itself: when the node is rendered, a size that differs makes React Flow measure it.
import { Position, type NodeHandle } from '@xyflow/react';
import { ERROR_PORT } from '../../../shared/flow/schema.js';
import type { Dimensions } from './to-react-flow.js';

export const NODE_BOX = { width: 200, leftBorder: 4, rightBorder: 1, topBorder: 1, bottomBorder: 1, minHeight: 40, perPort: 18 } as const;
const HANDLE = 10;
/** A node with a second line (its id under its name) is this tall at least. */
const TWO_LINE_HEIGHT = 65;

export interface NodeGeometry {
  measured: Dimensions;
  handles: NodeHandle[];
}

/**
 * `ports` as from `outputPorts` (`error` last); `hasIdLine` when the node shows its id under a name;
 * `targetId` is the input handle's id, absent on triggers.
 */
export function estimatedGeometry(ports: readonly string[], hasIdLine: boolean, targetId: string | undefined): NodeGeometry {
  const outputs = ports.filter((port) => port !== ERROR_PORT);
  const height = Math.max(NODE_BOX.minHeight + outputs.length * NODE_BOX.perPort, hasIdLine ? TWO_LINE_HEIGHT : 0);
  const inner = height - NODE_BOX.topBorder - NODE_BOX.bottomBorder;
  const handles: NodeHandle[] = [];
  if (targetId !== undefined) handles.push({ id: targetId, type: 'target', position: Position.Left, x: -1, y: height / 2 - HANDLE / 2, width: HANDLE, height: HANDLE });
  outputs.forEach((port, index) => {
    const centre = NODE_BOX.topBorder + (inner * (index + 1)) / (outputs.length + 1);
    handles.push({ id: port, type: 'source', position: Position.Right, x: NODE_BOX.width - HANDLE / 2 - NODE_BOX.rightBorder, y: centre - HANDLE / 2, width: HANDLE, height: HANDLE });
  });
  const middle = NODE_BOX.leftBorder + (NODE_BOX.width - NODE_BOX.leftBorder - NODE_BOX.rightBorder) / 2;
  handles.push({ id: ERROR_PORT, type: 'source', position: Position.Bottom, x: middle - HANDLE / 2, y: height - HANDLE / 2 - NODE_BOX.bottomBorder, width: HANDLE, height: HANDLE });
  return { measured: { width: NODE_BOX.width, height }, handles };
}
