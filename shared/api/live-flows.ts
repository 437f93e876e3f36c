// Live flows on a server (DESIGN.md §4 "Live flows", §8): which of the workspace's flows run by
// themselves (their triggers started by the host) and on which version. `pipewright flows --server`
// shows this; a host that runs no triggers (the desktop today) answers every flow as not live.
import type { z } from 'zod';
import { method, noParams } from './common.js';

export const liveFlowMethods = {
  'flows.live': method(noParams, 'Every valid flow of the workspace with its newest version, its trigger types and, while its triggers run, the live version and run.'),
} as const;

export interface LiveFlowState {
  flowId: string;
  /** The newest version the engine recorded for the flow file's content (DESIGN.md §4 "Flow versions"). */
  version: number;
  /** The flow's trigger node types, sorted (`trigger.manual`, `trigger.webhook`, …). */
  triggers: string[];
  /** Present while the flow's triggers run: the version they feed and its live run. */
  live?: { version: number; runId: string };
}

export interface LiveFlowHandlers {
  'flows.live': (params: z.infer<typeof noParams>) => Promise<LiveFlowState[]>;
}
