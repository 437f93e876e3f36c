import { z } from 'zod';
import { defineNodeKind } from '../node-kind.js';

/** Largest body any webhook may accept; a trigger sets its own limit below it. */
export const WEBHOOK_MAX_BODY_BYTES = 100 * 1024 * 1024;

export const triggerWebhookConfig = z.strictObject({
  /** Larger request bodies are refused with 413 and nothing is queued. */
  maxBodyBytes: z.number().int().min(1).max(WEBHOOK_MAX_BODY_BYTES).default(10 * 1024 * 1024),
});
export type TriggerWebhookConfig = z.infer<typeof triggerWebhookConfig>;

export const triggerWebhook = defineNodeKind({
  type: 'trigger.webhook',
  title: 'Webhook',
  category: 'trigger',
  effects: 'none',
  description:
    'Takes `POST /hooks/<flowId>/<nodeId>` with a JSON body on `pipewright serve` and answers 202 `{ messageId }` once the message is durably queued. A re-sent `Idempotency-Key` answers with the first message id and queues nothing. In the designer, Run uses its samples.',
  configSchema: triggerWebhookConfig,
  defaultConfig: { maxBodyBytes: 10 * 1024 * 1024 },
  ports: () => ['out'],
  jsonataFields: () => [],
  isTrigger: true,
});
