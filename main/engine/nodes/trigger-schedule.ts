// trigger.schedule: `{ firedAt }` for one scheduled instant was queued at this node by the host's
// schedule (main/triggers/schedule-source.ts through the flow's activation); each passes on unchanged.
import type { NodeExecutor } from '../types.js';

export const triggerScheduleExecutor: NodeExecutor = {
  type: 'trigger.schedule',
  passThrough: true,
  execute: (input) => Promise.resolve([{ port: 'out', payload: input.payload }]),
};
