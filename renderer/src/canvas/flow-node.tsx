// One node on the canvas: kind title, name, a badge with the number of validation problems, an input
// handle (not on triggers, except one in the error colour where an edge wrongly leads into a trigger)
// and one output handle per port, `error` last and set apart. After a test run, a status badge with the
// node's counts ("3 in, 3 out") and, where a message failed, the last error. While the flow is live, a
// health badge with its queue depth and dead letters (./node-health-badge.tsx).
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { ERROR_PORT } from '../../../shared/flow/schema.js';
import { NodeRunBadge, NodeRunError } from '../run/node-run-badge.js';
import { useNodeRun } from '../run/use-run-store.js';
import { NodeHealthBadge } from './node-health-badge.js';
import { TARGET_HANDLE, nodeLabel, type CanvasNode } from './to-react-flow.js';

function FlowNodeView({ data, selected }: NodeProps<CanvasNode>) {
  const { node, title, category, isTrigger, invalidInput, ports, problems } = data;
  const label = nodeLabel(node);
  const outputs = ports.filter((port) => port !== ERROR_PORT);
  const problemText = problems.map((problem) => `${problem.path ?? ''}: ${problem.message}`).join('\n');
  const run = useNodeRun(node.id);
  return (
    <div className={`flow-node category-${category}${selected ? ' is-selected' : ''}${problems.length > 0 ? ' has-problems' : ''}${run ? ` run-${run.status}` : ''}`} style={{ minHeight: 40 + outputs.length * 18 }}>
      {!isTrigger && <Handle type="target" id={TARGET_HANDLE} position={Position.Left} className="handle-in" aria-label={`${label} input`} />}
      {invalidInput && <Handle type="target" id={TARGET_HANDLE} position={Position.Left} isConnectable={false} className="handle-in handle-invalid" aria-label={`${label} input (a trigger takes none)`} title="A trigger takes no input: delete the edge into it" />}
      <div className="flow-node-header">
        <span className="flow-node-kind">{title}</span>
        {run && <NodeRunBadge run={run} />}
        {problems.length > 0 && (
          <span className="flow-node-problems" title={problemText} aria-label={`${problems.length} problem${problems.length === 1 ? '' : 's'}`}>
            {problems.length}
          </span>
        )}
      </div>
      <div className="flow-node-name">{label}</div>
      <NodeHealthBadge nodeId={node.id} />
      {node.name !== undefined && node.name !== node.id && <div className="flow-node-id">{node.id}</div>}
      {run?.lastError && <NodeRunError error={run.lastError} />}
      <div className="flow-node-ports">
        {outputs.map((port, index) => (
          <div key={port} className="flow-node-port" style={{ top: portOffset(index, outputs.length) }}>
            {outputs.length > 1 || port !== 'out' ? <span className="flow-node-port-label">{port}</span> : null}
            <Handle type="source" id={port} position={Position.Right} className="handle-out" aria-label={`${label} port ${port}`} />
          </div>
        ))}
      </div>
      <Handle type="source" id={ERROR_PORT} position={Position.Bottom} className="handle-error" aria-label={`${label} port error`} title="error: messages that failed for good" />
    </div>
  );
}

/** Output handles spread over the node's height. */
function portOffset(index: number, count: number): string {
  return `${((index + 1) * 100) / (count + 1)}%`;
}

export const FlowNodeComponent = memo(FlowNodeView);
