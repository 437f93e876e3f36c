// The operations views in place of the design workspace: Runs, Logs, Dead letters, or the Flows overview.
import type { ApiClient } from '../api/client.js';
import { DeadLettersView } from './dead-letters-view.js';
import { FlowsOverview } from './flows-overview.js';
import { LogsView } from './logs-view.js';
import { RunsView } from './runs-view.js';
import type { DesignerViewState } from './use-designer-view.js';
import './operations.css';

export interface OperationsViewProps {
  client: ApiClient;
  state: DesignerViewState;
  onShowOnCanvas?: (flowId: string, runId: string) => void;
  onUseAsSample?: (flowId: string, nodeId: string, payload: unknown) => void;
  /** Opens the flow with the node selected on the canvas (a log line's node). */
  onShowNode?: (flowId: string, nodeId: string) => void;
  /** The flow open in the designer, if any: the Logs view shows its runs first. */
  openFlowId?: string;
}

export function OperationsView({ client, state, onShowOnCanvas, onUseAsSample, onShowNode, openFlowId }: OperationsViewProps) {
  switch (state.view) {
    case 'runs':
      return (
        <RunsView
          key={state.runToOpen?.nonce ?? 0}
          client={client}
          {...(state.runToOpen ? { initialRunId: state.runToOpen.runId } : {})}
          {...(onShowOnCanvas ? { onShowOnCanvas } : {})}
          {...(onUseAsSample ? { onUseAsSample } : {})}
          onOpenLogs={state.openLogs}
        />
      );
    case 'logs':
      return (
        <LogsView
          key={state.logsToOpen?.nonce ?? 0}
          client={client}
          {...(state.logsToOpen ? { initialRunId: state.logsToOpen.runId } : {})}
          {...(openFlowId === undefined ? {} : { openFlowId })}
          {...(onShowNode ? { onShowNode } : {})}
        />
      );
    case 'dead-letters':
      return <DeadLettersView client={client} onOpenRun={state.openRun} />;
    case 'flows-overview':
      return <FlowsOverview client={client} onOpenRun={state.openRun} />;
    case 'design':
      return null;
  }
}
