// The marker drawn for a node that an edge names but the flow does not have (see missingNodeMarkers in
// ./to-react-flow.ts): a dashed box in the error colour saying "missing node <id>", with the handles its
// edges need to be drawn. It is not a flow node: nothing can be connected to it or configured on it.
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { ERROR_PORT } from '../../../shared/flow/schema.js';
import { TARGET_HANDLE, type MissingNodeMarker } from './to-react-flow.js';

function MissingNodeView({ data }: NodeProps<MissingNodeMarker>) {
  const outputs = data.ports.filter((port) => port !== ERROR_PORT);
  return (
    <div className="missing-node" title={`No node "${data.missingId}" in this flow: delete the edge, or add a node with this id`}>
      <Handle type="target" id={TARGET_HANDLE} position={Position.Left} isConnectable={false} className="handle-in" />
      <span className="missing-node-text">missing node <code>{data.missingId}</code></span>
      <div className="flow-node-ports">
        {outputs.map((port, index) => (
          <div key={port} className="flow-node-port" style={{ top: `${((index + 1) * 100) / (outputs.length + 1)}%` }}>
            <Handle type="source" id={port} position={Position.Right} isConnectable={false} className="handle-out" />
          </div>
        ))}
      </div>
      <Handle type="source" id={ERROR_PORT} position={Position.Bottom} isConnectable={false} className="handle-error" />
    </div>
  );
}

export const MissingNodeComponent = memo(MissingNodeView);
