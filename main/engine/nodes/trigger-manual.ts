// trigger.manual: the messages given to a run are queued at this node; each passes on unchanged.
import type { NodeExecutor } from '../types.js';

export const triggerManualExecutor: NodeExecutor = {
  type: 'trigger.manual',
  passThrough: true,
  execute: (input) => Promise.resolve([{ port: 'out', payload: input.payload }]),
};
