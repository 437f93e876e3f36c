import { z } from 'zod';
import { isTemplate } from '../../jsonata/template.js';
import { defineNodeKind, type JsonataField } from '../node-kind.js';

export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const;

export const PAGINATION_STYLES = ['link', 'cursor', 'page', 'offset'] as const;

const queryParam = z.string().min(1, { message: 'a query parameter name is required' });

/** What every pagination style shares: the bound, where the items are, and what is emitted. */
const paginationCommon = {
  maxPages: z.number().int().min(1).max(10_000).default(100).describe("Most requests one message may make. When the last allowed page still points further (a next link, a cursor, a non-empty page), `onMaxPages` decides: `fail` (default) fails the message for good with HTTP_TOO_MANY_PAGES, `stop` emits the pages fetched so far and logs a warning."),
  onMaxPages: z.enum(['fail', 'stop']).default('fail'),
  items: z.string().min(1).optional().describe("JSONata path to the array of items in each page's body; default: the body itself."),
  split: z.boolean().default(false).describe("false: one message per page (the body, or `{ status, headers, body }`); true: one per item."),
};

/**
 * How http.request walks a paged API (GET only). `link`: follow the RFC 8288 `Link` header's
 * `rel="next"`; `cursor`: send the value at the JSONata path `cursor` of each body as query parameter
 * `param`, until it is missing, null or empty; `page`: count `param` up from `start` (with an optional
 * page size parameter); `offset`: send `param` = items seen so far and `limitParam` = `limit`. The page
 * and offset styles stop at the first page without items, which is not emitted.
 */
export const paginationConfig = z.discriminatedUnion('style', [
  z.strictObject({ style: z.literal('link'), ...paginationCommon }),
  z.strictObject({
    style: z.literal('cursor'),
    cursor: z.string().min(1, { message: 'a JSONata path to the next cursor is required' }).describe("JSONata path to the next cursor in the response body."),
    param: queryParam,
    ...paginationCommon,
  }),
  z.strictObject({
    style: z.literal('page'),
    param: queryParam.default('page'),
    start: z.number().int().min(0).default(1),
    size: z.strictObject({ param: queryParam, value: z.number().int().min(1) }).optional(),
    ...paginationCommon,
  }),
  z.strictObject({
    style: z.literal('offset'),
    param: queryParam.default('offset'),
    start: z.number().int().min(0).default(0),
    limit: z.number().int().min(1),
    limitParam: queryParam.default('limit'),
    ...paginationCommon,
  }),
], { error: (issue) => (issue.code === 'invalid_union' ? `must be one of ${PAGINATION_STYLES.map((s) => `"${s}"`).join(', ')}` : undefined) });
export type PaginationConfig = z.infer<typeof paginationConfig>;

export const httpRequestConfig = z.strictObject({
  method: z.string().refine((m) => isTemplate(m) || (HTTP_METHODS as readonly string[]).includes(m), {
    message: `must be one of ${HTTP_METHODS.join(', ')} or a {{ … }} template`,
  }).default('GET').describe("A method name, or a template yielding one: `{{ $exists(id) ? \"PUT\" : \"POST\" }}`."),
  url: z.string().min(1, { message: 'a URL is required' }).describe("Template: `https://erp.example/orders/{{ orderNo }}`."),
  headers: z.record(z.string(), z.string()).default({}).describe("Header name → template."),
  body: z.string().min(1).optional().describe("JSONata expression for the JSON body; omitted → no body for GET/HEAD, the payload otherwise."),
  timeoutMs: z.number().int().min(1).max(600_000).default(30_000),
  credential: z.string().min(1).optional().describe("Credential name; its secret is resolved at request time and never enters the flow."),
  concurrency: z.number().int().min(1).max(256).default(8).describe("Messages of one batch sent at once."),
  output: z.enum(['body', 'response']).default('body').describe("What the node emits: the parsed response body, or `{ status, headers, body }`."),
  pagination: paginationConfig.optional().describe("Fetch every page of a paged API (GET only); see `paginationConfig`."),
}).superRefine((config, issues) => {
  // A template method is only known per message: the executor checks it again at run time.
  if (config.pagination !== undefined && !isTemplate(config.method) && config.method !== 'GET') {
    issues.addIssue({ code: 'custom', path: ['pagination'], message: `only GET requests can be paginated; this node's method is ${config.method}` });
  }
});
export type HttpRequestConfig = z.infer<typeof httpRequestConfig>;

export const httpRequest = defineNodeKind({
  type: 'http.request',
  title: 'HTTP request',
  category: 'http',
  effects: 'external',
  description:
    'Calls an HTTP API per message. Retries timeouts, 429 and 5xx (honouring Retry-After) and sends an Idempotency-Key derived from the message id. With pagination (GET), fetches every page (Link header, cursor, page or offset) and emits one message per page or per item.',
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
    const { pagination } = config;
    if (pagination?.style === 'cursor') fields.push({ path: ['pagination', 'cursor'], kind: 'expression', source: pagination.cursor });
    if (pagination?.items !== undefined) fields.push({ path: ['pagination', 'items'], kind: 'expression', source: pagination.items });
    return fields;
  },
});
