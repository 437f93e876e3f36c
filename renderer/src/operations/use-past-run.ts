// "Show on canvas" and "Use as sample" from the Runs view: open the run's flow in the designer and put
// a past-run store (./past-run-store.ts) in place of the test run's, until another flow is opened or a
// test run starts; or copy a payload the run saw at a node into that node's samples; or select a node
// a log line names.
import { useCallback, useEffect, useState } from 'react';
import type { ApiClient } from '../api/client.js';
import type { FlowStore } from '../canvas/store.js';
import type { RunStore } from '../run/run-store.js';
import { createPastRunStore } from './past-run-store.js';

export interface PastRun {
  runId: string;
  flowId: string;
  store: RunStore;
}

export interface PastRunControls {
  pastRun?: PastRun;
  showOnCanvas(flowId: string, runId: string): void;
  copyAsSample(flowId: string, nodeId: string, payload: unknown): void;
  /** Opens the flow (asking about unsaved changes) and selects the node on the canvas: a log line's node. */
  showNode(flowId: string, nodeId: string): void;
  /** Back to the test run's picture (before a test run starts). */
  leave(): void;
}

export interface PastRunOptions {
  client: ApiClient | undefined;
  flowStore: FlowStore;
  /** The open flow's id, if any. */
  openFlowId: string | undefined;
  /** Opens a flow (asking about unsaved changes); false when it was not opened. */
  openFlow: (flowId: string) => Promise<boolean>;
  /** Shows the design view. */
  showDesign: () => void;
}

export function usePastRun({ client, flowStore, openFlowId, openFlow, showDesign }: PastRunOptions): PastRunControls {
  const [pastRun, setPastRun] = useState<PastRun>();
  useEffect(() => () => pastRun?.store.dispose(), [pastRun]);

  // Another document in the canvas: this run's counts would be painted on other nodes.
  useEffect(() => {
    if (!pastRun) return;
    const generation = flowStore.getSnapshot().generation;
    return flowStore.subscribe(() => {
      if (flowStore.getSnapshot().generation !== generation) setPastRun(undefined);
    });
  }, [flowStore, pastRun]);

  const ensureOpen = useCallback(async (flowId: string): Promise<boolean> => openFlowId === flowId || (await openFlow(flowId)), [openFlowId, openFlow]);

  const showOnCanvas = useCallback((flowId: string, runId: string) => {
    if (!client) return;
    void ensureOpen(flowId).then((opened) => {
      if (!opened) return;
      setPastRun({ runId, flowId, store: createPastRunStore(client, runId, flowId) });
      showDesign();
    });
  }, [client, ensureOpen, showDesign]);

  const copyAsSample = useCallback((flowId: string, nodeId: string, payload: unknown) => {
    void ensureOpen(flowId).then((opened) => {
      if (!opened || !flowStore.getSnapshot().nodesById.has(nodeId)) return;
      flowStore.setSamples(nodeId, [payload]);
      flowStore.select([nodeId]);
      showDesign();
    });
  }, [ensureOpen, flowStore, showDesign]);

  const showNode = useCallback((flowId: string, nodeId: string) => {
    void ensureOpen(flowId).then((opened) => {
      if (!opened) return;
      // A node since deleted from the flow: the canvas opens without a selection rather than a stale one.
      flowStore.select(flowStore.getSnapshot().nodesById.has(nodeId) ? [nodeId] : []);
      showDesign();
    });
  }, [ensureOpen, flowStore, showDesign]);

  return { ...(pastRun ? { pastRun } : {}), showOnCanvas, copyAsSample, showNode, leave: useCallback(() => setPastRun(undefined), []) };
}
