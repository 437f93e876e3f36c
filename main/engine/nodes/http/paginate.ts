// http.request's pagination (DESIGN.md §3): from the first rendered request, fetch page after page in
// the configured style until the API says there is no more, and turn the pages into emissions.
// Sending, credentials and failure classification stay with the caller (`PageIo.fetch`): this file
// only decides which URL comes next and what each page yields.
//
// Delivery: the pages of one message are one unit. Emissions are returned only after the last page,
// so a page that fails (transiently or for good) fails the message and nothing of it is emitted; the
// engine's retry starts again at the first page. Each page is therefore requested at least once per
// attempt, and each carries its own Idempotency-Key, the message's key plus `.p<n>`, so a server that
// de-duplicates (or caches answers) by key can tell page 2 from page 1 and recognise a repeat.
import type { PaginationConfig } from '../../../../shared/catalog/kinds/http-request.js';
import { normalizeHeaders, MAX_RESPONSE_BYTES } from '../../../http/index.js';
import { NodeError } from '../../errors.js';
import type { LogLevel, NodeEmission } from '../../types.js';
import { findLink } from './link-header.js';
import type { RenderedRequest } from './render-request.js';

/** The pages of one message together may hold this much (bytes as received), so memory stays bounded. */
export const MAX_PAGES_BYTES = 4 * MAX_RESPONSE_BYTES;

/** One page as the caller fetched it: a 2xx answer with its body decoded. */
export interface PageResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
  /** Size of the body as received. */
  bytes: number;
}

export interface PageIo {
  /** Sends one page request (credential applied, failures thrown as NodeError). `page` counts from 1. */
  fetch(request: RenderedRequest, page: number): Promise<PageResponse>;
  /** Evaluates a pagination JSONata field (`cursor`, `items`) against a page body. */
  evaluate(field: 'cursor' | 'items', expression: string, body: unknown): Promise<unknown>;
  log(level: LogLevel, message: string): void;
  /** The node's `output`: what a per-page emission carries. */
  output: 'body' | 'response';
  /** `nodes[i].config.pagination`, for error locations. */
  path: string;
}

export async function fetchAllPages(first: RenderedRequest, config: PaginationConfig, io: PageIo): Promise<NodeEmission[]> {
  if (first.method !== 'GET') {
    throw new NodeError('HTTP_BAD_METHOD', `only GET requests can be paginated, but this message's method is ${first.method}; remove pagination or make the method GET`, {
      transient: false, location: { path: io.path },
    });
  }
  const emissions: NodeEmission[] = [];
  const seen = new Set<string>();
  let totalBytes = 0;
  let offset = config.style === 'offset' ? config.start : 0;
  let url = config.style === 'page' || config.style === 'offset' ? numberedUrl(first.url, config, 1, offset) : first.url;

  for (let page = 1; ; page += 1) {
    seen.add(url.href);
    const response = await io.fetch({ ...first, url, headers: pageHeaders(first.headers, page) }, page);
    totalBytes += response.bytes;
    if (totalBytes > MAX_PAGES_BYTES) {
      throw new NodeError('HTTP_RESPONSE_TOO_LARGE', `the first ${page} pages of ${first.url.href} hold more than ${MAX_PAGES_BYTES} bytes together; lower pagination.maxPages, ask for smaller pages or narrow the query`, {
        transient: false, location: { path: io.path },
      });
    }

    const counted = config.split || config.style === 'page' || config.style === 'offset';
    const items = counted ? await itemsOf(response.body, config, io, page) : undefined;
    // page/offset: the first empty page only says "no more" and is not emitted.
    if ((config.style === 'page' || config.style === 'offset') && items?.length === 0) return emissions;
    if (config.split) for (const item of items ?? []) emissions.push({ port: 'out', payload: item });
    else emissions.push({ port: 'out', payload: pagePayload(response, io.output) });

    offset += items?.length ?? 0;
    const next = await nextUrl(url, response, config, io, page, offset);
    if (next === undefined) return emissions;
    if (seen.has(next.href)) {
      throw new NodeError('HTTP_PAGINATION', `page ${page} of ${first.url.href} leads back to ${next.href}, which was already fetched; the API's ${config.style === 'cursor' ? 'cursor' : 'next link'} repeats, so paging stopped instead of looping`, {
        transient: false, location: { path: io.path },
      });
    }
    if (page >= config.maxPages) {
      const more = `${first.url.href} has more than pagination.maxPages (${config.maxPages}) pages`;
      if (config.onMaxPages === 'stop') {
        io.log('warn', `${more}; emitted the first ${config.maxPages} as onMaxPages is "stop"`);
        return emissions;
      }
      throw new NodeError('HTTP_TOO_MANY_PAGES', `${more}; raise maxPages, narrow the query, or set onMaxPages to "stop" to keep only the first pages`, {
        transient: false, location: { path: `${io.path}.maxPages` },
      });
    }
    url = next;
  }
}

/** The URL of the page after `page`, or undefined when the API says this was the last one. */
async function nextUrl(url: URL, response: PageResponse, config: PaginationConfig, io: PageIo, page: number, offset: number): Promise<URL | undefined> {
  switch (config.style) {
    case 'link': {
      const next = findLink(response.headers.link, url, 'next');
      if (next === undefined) return undefined;
      // The request's headers (a credential, an API key template) go along to the next page, so the
      // next link must stay on the origin the node was configured for.
      if (next.origin !== url.origin) {
        throw new NodeError('HTTP_PAGINATION', `page ${page} of ${url.origin} links to the next page on another origin (${next.origin}); http.request follows next links only on the origin it called, so headers and credentials stay there`, {
          transient: false, location: { path: io.path },
        });
      }
      return next;
    }
    case 'cursor': {
      const cursor = await io.evaluate('cursor', config.cursor, response.body);
      if (cursor === undefined || cursor === null || cursor === '') return undefined;
      if (typeof cursor !== 'string' && typeof cursor !== 'number') {
        throw new NodeError('HTTP_PAGINATION', `pagination.cursor "${config.cursor}" gave ${Array.isArray(cursor) ? 'an array' : `a ${typeof cursor}`} on page ${page}; it must point to a string or number (missing, null or "" ends the paging)`, {
          transient: false, location: { path: `${io.path}.cursor` },
        });
      }
      const next = new URL(url);
      next.searchParams.set(config.param, String(cursor));
      return next;
    }
    case 'page':
    case 'offset':
      return numberedUrl(url, config, page + 1, offset);
  }
}

/** page: `param` = start + n - 1 (and the size parameter); offset: `param` = items so far, `limitParam` = limit. */
function numberedUrl(url: URL, config: Extract<PaginationConfig, { style: 'page' | 'offset' }>, page: number, offset: number): URL {
  const next = new URL(url);
  if (config.style === 'page') {
    next.searchParams.set(config.param, String(config.start + page - 1));
    if (config.size) next.searchParams.set(config.size.param, String(config.size.value));
  } else {
    next.searchParams.set(config.param, String(offset));
    next.searchParams.set(config.limitParam, String(config.limit));
  }
  return next;
}

/** The page's items: the array at `items` (default the body); missing or null is no items. */
async function itemsOf(body: unknown, config: PaginationConfig, io: PageIo, page: number): Promise<unknown[]> {
  const value = config.items === undefined ? body : await io.evaluate('items', config.items, body);
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value;
  const where = config.items === undefined ? 'the body' : `pagination.items "${config.items}"`;
  throw new NodeError('HTTP_PAGINATION', `page ${page}: ${where} is ${typeof value === 'object' ? 'an object' : `a ${typeof value}`}, not an array of items; set pagination.items to the path of the array in each page`, {
    transient: false, location: { path: `${io.path}.items` },
  });
}

function pagePayload(response: PageResponse, output: 'body' | 'response'): unknown {
  return output === 'response' ? { status: response.status, headers: normalizeHeaders(response.headers), body: response.body } : response.body;
}

/** The message's Idempotency-Key (whatever case the node wrote it in) with the page suffix `.p<n>`. */
function pageHeaders(headers: Record<string, string>, page: number): Record<string, string> {
  const copy = { ...headers };
  for (const name of Object.keys(copy)) if (name.toLowerCase() === 'idempotency-key') copy[name] = `${copy[name]}.p${page}`;
  return copy;
}
