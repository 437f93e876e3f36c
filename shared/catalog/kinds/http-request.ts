import { z } from 'zod';
import { isTemplate } from '../../jsonata/template.js';
import { defineNodeKind, type JsonataField } from '../node-kind.js';

export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const;

export const httpRequestConfig = z.strictObject({
  /** A method name, or a template yielding one: `{{ $exists(id) ? "PUT" : "POST" }}`. */
  method: z.string().refine((m) => isTemplate(m) || (HTTP_METHODS as readonly string[]).includes(m), {
    message: `must be one of ${HTTP_METHODS.join(', ')} or a {{ … }} template`,
  }).default('GET'),
  /** Template: `https://erp.example/orders/{{ orderNo }}`. */
  url: z.string().min(1, { message: 'a URL is required' }),
  /** Header name → template. */
  headers: z.record(z.string(), z.string()).default({}),
  /** JSONata expression for the JSON body; omitted → no body for GET/HEAD, the payload otherwise. */
  body: z.string().min(1).optional(),
  timeoutMs: z.number().int().min(1).max(600_000).default(30_000),
  /** Credential name; its secret is resolved at request time and never enters the flow. */
  credential: z.string().min(1).optional(),
  /** Messages of one batch sent at once. */
  concurrency: z.number().int().min(1).max(256).default(8),
  /** What the node emits: the parsed response body, or `{ status, headers, body }`. */
  output: z.enum(['body', 'response']).default('body'),
});
export type HttpRequestConfig = z.infer<typeof httpRequestConfig>;

export const httpRequest = defineNodeKind({
  type: 'http.request',
  title: 'HTTP request',
  category: 'http',
  effects: 'external',
  description:
    'Calls an HTTP API per message. Retries timeouts, 429 and 5xx (honouring Retry-After) and sends an Idempotency-Key derived from the message id.',
  configSchema: httpRequestConfig,
  defaultConfig: { method: 'GET', url: 'https://example.com/', headers: {}, timeoutMs: 30_000, concurrency: 8, output: 'body' },
  ports: () => ['out'],
  jsonataFields: (config) => {
    const fields: JsonataField[] = [
      { path: ['method'], kind: 'template', source: config.method },
      { path: ['url'], kind: 'template', source: config.url },
    ];
    for (const [name, value] of Object.entries(config.headers)) fields.push({ path: ['headers', name], kind: 'template', source: value });
    if (config.body !== undefined) fields.push({ path: ['body'], kind: 'expression', source: config.body });
    return fields;
  },
});
