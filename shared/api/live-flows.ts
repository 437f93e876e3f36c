// Live flows on a server (DESIGN.md §4 "Live flows", §8): which of the workspace's flows run by
// themselves (their triggers started by the host) and on which version, and pausing one: a paused flow
// takes nothing in (its webhook answers 503, its schedule does not fire, its folder is not watched)
// while the messages it already queued finish. `pipewright flows --server` shows this; a host that
// runs no triggers (the desktop today) answers every flow as not live and cannot pause one.
import { z } from 'zod';
import { idSchema, method, noParams } from './common.js';

export const pauseFlowParams = z.strictObject({ flowId: idSchema });

export const liveFlowMethods = {
  'flows.live': method(noParams, 'Every valid flow of the workspace with its newest version, its trigger types, whether it is paused and, while its triggers run, the live version and run.'),
  'flows.pause': method(pauseFlowParams, 'Stops a flow taking anything in (webhook 503, no schedule firing, files left in place), durably across restarts; messages already queued finish. LIVE_FLOWS_UNAVAILABLE on a host that runs no triggers.'),
  'flows.resume': method(pauseFlowParams, 'Lets a paused flow take messages in again; a schedule then follows its catchUp for the instants missed while paused.'),
} as const;

export interface LiveFlowState {
  flowId: string;
  /** The newest version the engine recorded for the flow file's content (DESIGN.md §4 "Flow versions"). */
  version: number;
  /** The flow's trigger node types, sorted (`trigger.manual`, `trigger.webhook`, …). */
  triggers: string[];
  /** Present while the flow's triggers run: the version they feed and its live run. */
  live?: { version: number; runId: string };
  /** Present while the flow is paused: since when (ISO time). A paused flow is never `live`. */
  paused?: { since: string };
}

export interface LiveFlowHandlers {
  'flows.live': (params: z.infer<typeof noParams>) => Promise<LiveFlowState[]>;
  'flows.pause': (params: z.infer<typeof pauseFlowParams>) => Promise<LiveFlowState>;
  'flows.resume': (params: z.infer<typeof pauseFlowParams>) => Promise<LiveFlowState>;
}
