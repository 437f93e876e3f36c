// Turns an http.request node's config and one message into a concrete request: method, URL and
// headers are `{{ }}` templates, the body a JSONata expression; `$meta` is the message metadata.
// Everything wrong here is the flow's fault, so every error is permanent and says which field.
import { HTTP_METHODS, type HttpRequestConfig } from '../../../../shared/catalog/kinds/http-request.js';
import { isTemplate } from '../../../../shared/jsonata/template.js';
import { NodeError } from '../../errors.js';
import type { NodeContext, NodeInput } from '../../types.js';

export interface RenderedRequest {
  method: string;
  url: URL;
  headers: Record<string, string>;
  /** Serialized body, or undefined for none. */
  body?: string;
}

/** Methods whose default body is the payload; GET, HEAD and OPTIONS send none unless `body` is set. */
const PAYLOAD_BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export async function renderRequest(input: NodeInput, ctx: NodeContext<HttpRequestConfig>): Promise<RenderedRequest> {
  const { config } = ctx;
  const bindings = { meta: input.meta };
  // The field's JSON path goes into any mapping error, so the designer can point at it.
  const render = (name: string, template: string): Promise<string> =>
    isTemplate(template) ? ctx.mapping.renderTemplate(template, input.payload, bindings, { path: fieldPath(ctx, name) }) : Promise.resolve(template);

  const method = (await render('method', config.method)).trim().toUpperCase();
  if (!(HTTP_METHODS as readonly string[]).includes(method)) {
    throw new NodeError('HTTP_BAD_METHOD', `HTTP method "${clip(method)}" is not supported; use one of ${HTTP_METHODS.join(', ')}`, {
      transient: false, location: { path: fieldPath(ctx, 'method') },
    });
  }

  const urlText = (await render('url', config.url)).trim();
  const url = parseUrl(urlText, ctx);

  const headers: Record<string, string> = {};
  for (const [name, template] of Object.entries(config.headers)) headers[name] = await render(`headers.${name}`, template);
  const has = (name: string): boolean => Object.keys(headers).some((key) => key.toLowerCase() === name);
  // The same key on every attempt of this message, so the receiver can drop duplicates of a retry.
  if (!has('idempotency-key')) headers['Idempotency-Key'] = input.meta.idempotencyKey;

  const rendered: RenderedRequest = { method, url, headers };
  let value: unknown;
  if (config.body !== undefined) value = await ctx.mapping.evaluate(config.body, input.payload, bindings, { path: fieldPath(ctx, 'body') });
  else if (PAYLOAD_BODY_METHODS.has(method)) value = input.payload;
  if (value !== undefined) {
    const contentType = Object.entries(headers).find(([key]) => key.toLowerCase() === 'content-type')?.[1];
    // A string body with a non-JSON content type the user chose (text/csv, application/xml, …) goes as is.
    if (typeof value === 'string' && contentType !== undefined && !/json/i.test(contentType)) rendered.body = value;
    else {
      rendered.body = JSON.stringify(value);
      if (contentType === undefined) headers['content-type'] = 'application/json';
    }
  }
  return rendered;
}

function parseUrl(text: string, ctx: NodeContext<HttpRequestConfig>): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new NodeError('HTTP_BAD_URL', `"${clip(text)}" is not an absolute URL; the node's URL must start with http:// or https://`, {
      transient: false, location: { path: fieldPath(ctx, 'url') },
    });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new NodeError('HTTP_UNSUPPORTED_PROTOCOL', `URL protocol "${url.protocol}" is not supported; http.request speaks only http:// and https://`, {
      transient: false, location: { path: fieldPath(ctx, 'url') },
    });
  }
  return url;
}

function fieldPath(ctx: NodeContext<HttpRequestConfig>, field: string): string {
  const index = ctx.flow.nodes.indexOf(ctx.node);
  const segments = field.split('.');
  const tail = segments.map((s) => (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(s) ? `.${s}` : `[${JSON.stringify(s)}]`)).join('');
  return `nodes[${index === -1 ? ctx.node.id : index}].config${tail}`;
}

function clip(text: string, max = 200): string {
  return text.length <= max ? text : `${text.slice(0, max)}…`;
}
