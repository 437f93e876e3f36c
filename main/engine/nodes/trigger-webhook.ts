// trigger.webhook: a request's body was queued at this node by the server's webhook route
// (main/server/webhooks.ts through the flow's activation); each passes on unchanged.
import type { NodeExecutor } from '../types.js';

export const triggerWebhookExecutor: NodeExecutor = {
  type: 'trigger.webhook',
  passThrough: true,
  execute: (input) => Promise.resolve([{ port: 'out', payload: input.payload }]),
};
