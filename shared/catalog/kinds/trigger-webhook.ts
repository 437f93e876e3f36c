import { z } from 'zod';
import { credentialNameSchema } from '../../credentials/definition.js';
import { defineNodeKind } from '../node-kind.js';

/** Largest body any webhook may accept; a trigger sets its own limit below it. */
export const WEBHOOK_MAX_BODY_BYTES = 100 * 1024 * 1024;

/** An HTTP header name (RFC 9110 token). */
const headerName = z.string().regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,200}$/, { message: 'must be an HTTP header name: letters, digits and - (e.g. X-Hook-Token)' });

/**
 * How a webhook checks that a request comes from its sender (DESIGN.md §3 trigger.webhook). The
 * secret is the one of the named credential, an `apiKey` or `bearer` credential of the workspace
 * (its key or token is the shared secret); it never appears in the flow.
 * - `token`: the sender puts the shared secret itself in `header`.
 * - `hmac`: the sender signs the raw body with HMAC-SHA256 under the shared secret and puts the
 *   signature in `header`, hex or base64, after an optional `prefix` (GitHub: `X-Hub-Signature-256`,
 *   hex, `sha256=`; Shopify: `X-Shopify-Hmac-Sha256`, base64).
 */
export const webhookAuthSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('token'),
    header: headerName.default('X-Hook-Token'),
    credential: credentialNameSchema,
  }),
  z.strictObject({
    type: z.literal('hmac'),
    header: headerName,
    credential: credentialNameSchema,
    encoding: z.enum(['hex', 'base64']),
    prefix: z.string().min(1).max(100).optional(),
  }),
], { error: (issue) => (issue.code === 'invalid_union' ? 'auth.type must be "token" or "hmac"' : undefined) });
export type WebhookAuth = z.infer<typeof webhookAuthSchema>;

export const triggerWebhookConfig = z.strictObject({
  maxBodyBytes: z.number().int().min(1).max(WEBHOOK_MAX_BODY_BYTES).default(10 * 1024 * 1024).describe("Larger request bodies are refused with 413 and nothing is queued."),
  auth: webhookAuthSchema.optional().describe("Without it, anyone who can reach the server may post; with it, a request that fails the check gets 401."),
});
export type TriggerWebhookConfig = z.infer<typeof triggerWebhookConfig>;

export const triggerWebhook = defineNodeKind({
  type: 'trigger.webhook',
  title: 'Webhook',
  category: 'trigger',
  effects: 'none',
  description:
    'Takes `POST /hooks/<flowId>/<nodeId>` with a JSON body on `pipewright serve` and answers 202 `{ messageId }` once the message is durably queued. A re-sent `Idempotency-Key` answers with the first message id and queues nothing. ' +
    'Optional `auth`: `{ "type": "token", "header": "X-Hook-Token", "credential": NAME }` (the secret itself in a header) or `{ "type": "hmac", "header": "X-Hub-Signature-256", "credential": NAME, "encoding": "hex" | "base64", "prefix": "sha256=" }` (HMAC-SHA256 of the raw body); the secret is the key or token of an apiKey or bearer credential; a failed check answers 401. ' +
    'When more messages wait than the node\'s `queueLimit`, it answers 503 with Retry-After. In the designer, Run uses its samples.',
  configSchema: triggerWebhookConfig,
  defaultConfig: { maxBodyBytes: 10 * 1024 * 1024 },
  ports: () => ['out'],
  jsonataFields: () => [],
  isTrigger: true,
});
