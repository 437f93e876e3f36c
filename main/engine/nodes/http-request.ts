// http.request: calls an HTTP API once per message (DESIGN.md §3). Rendering the request lives in
// ./http/render-request.ts, failure classification in ./http/classify.ts, sending and reading the body
// within its limits in main/http (the one outgoing client); this file decides what to send and emit.
// Retries belong to the engine: this node only says whether a failure is transient and, from
// Retry-After, how long to wait. A credential (./http/authorize.ts) is applied to
// each request as sent; after a 401 an OAuth2 credential drops its token (unless another message has
// already replaced it) and the request is sent once more at once, with the fresh one.
// With `pagination` (./http/paginate.ts) the same exchange runs once per page, each page within
// `timeoutMs` and with the credential, and the message emits every page or every item.
import type { HttpRequestConfig } from '../../../shared/catalog/kinds/http-request.js';
import { decodeBody, decodeText, headerValue, normalizeHeaders, ResponseTooLargeError, sendRequest, type HttpResponse } from '../../http/index.js';
import { NodeError } from '../errors.js';
import type { Authorizer, Emission, NodeContext, NodeExecutor, NodeInput } from '../types.js';
import { authorize, authorizerFor, reauthorize, type AuthorizedRequest } from './http/authorize.js';
import { describeTarget, statusError, transportError, type RequestTarget } from './http/classify.js';
import { fetchAllPages, type PageResponse } from './http/paginate.js';
import { renderRequest, type RenderedRequest } from './http/render-request.js';

export const httpRequestExecutor: NodeExecutor<HttpRequestConfig> = {
  type: 'http.request',
  concurrency: (config) => config.concurrency,
  defaultRetry: { maxAttempts: 5, backoffMs: 500, maxBackoffMs: 30_000 },

  async execute(input: NodeInput, ctx: NodeContext<HttpRequestConfig>): Promise<Emission[]> {
    const rendered = await renderRequest(input, ctx);
    const authorizer = await authorizerFor(ctx);
    const { pagination } = ctx.config;
    if (pagination === undefined) {
      const response = await exchange(rendered, ctx, authorizer);
      const payload = ctx.config.output === 'response'
        ? { status: response.status, headers: normalizeHeaders(response.headers), body: response.body }
        : response.body;
      return [{ port: 'out', payload }];
    }
    // Every page goes through the same exchange: credential applied, 401 re-authorized, failures classified.
    const path = `nodes[${ctx.flow.nodes.indexOf(ctx.node)}].config.pagination`;
    return fetchAllPages(rendered, pagination, {
      fetch: (request) => exchange(request, ctx, authorizer),
      evaluate: (field, expression, body) => ctx.mapping.evaluate(expression, body, { meta: input.meta }, { path: `${path}.${field}` }),
      log: (level, message) => ctx.log(level, message),
      output: ctx.config.output,
      path,
    });
  },
};

/**
 * One request and its decoded 2xx answer, within the node's time limit: the credential is applied,
 * a 401 is answered once with a fresh token, and every failure becomes the NodeError the engine reads.
 */
async function exchange(rendered: RenderedRequest, ctx: NodeContext<HttpRequestConfig>, authorizer: Authorizer | undefined): Promise<PageResponse> {
  const target: RequestTarget = { method: rendered.method, url: rendered.url };
  if (ctx.signal.aborted) throw transportError(target, ctx.signal.reason, { timeoutMs: ctx.config.timeoutMs, timedOut: false, cancelled: true });

  const deadline = requestDeadline(ctx.signal, ctx.config.timeoutMs);
  const { signal } = deadline;
  const started = performance.now();
  try {
    const sent = authorizer ? await authorize(rendered, authorizer, signal) : { url: rendered.url, headers: rendered.headers };
    // The client reads each body before returning (an error body only as far as an excerpt needs), so
    // after a 401 the connection is free for the token request and the body explains a 401 that stands.
    let response = await send(rendered, sent, signal);
    if (response.status === 401 && authorizer) {
      const again = await reauthorize(rendered, authorizer, sent, signal);
      if (again) {
        ctx.log('debug', `${describeTarget(target)} → 401; sent once more with a new token of credential "${ctx.config.credential}"`);
        response = await send(rendered, again, signal);
      }
    }
    const contentType = headerValue(response.headers, 'content-type');
    ctx.log('debug', `${describeTarget(target)} → ${response.status} in ${Math.round(performance.now() - started)} ms`);

    const error = statusError(target, response.status, response.headers, decodeText(response.body, contentType));
    if (error) throw error;

    const decoded = decodeBody(response.body, contentType);
    if (!decoded.ok) {
      // The call itself succeeded, so retrying would repeat the side effect: fail for good and let
      // someone look (the dead letter keeps the input for a replay).
      throw new NodeError('HTTP_BAD_RESPONSE', `${describeTarget(target)} answered ${response.status} with content-type ${contentType} but the body is not valid JSON (${decoded.reason})`, { transient: false });
    }
    return { status: response.status, headers: response.headers, body: decoded.value, bytes: response.body.length };
  } catch (error) {
    if (error instanceof NodeError) throw error;
    if (error instanceof ResponseTooLargeError) {
      throw new NodeError('HTTP_RESPONSE_TOO_LARGE', `${describeTarget(target)} returned a body larger than ${error.limitBytes} bytes; page the request or ask the API for less`, { transient: false });
    }
    throw transportError(target, error, { timeoutMs: ctx.config.timeoutMs, timedOut: deadline.timedOut(), cancelled: ctx.signal.aborted });
  } finally {
    deadline.dispose();
  }
}

/** A 2xx body up to the client's cap (past it: HTTP_RESPONSE_TOO_LARGE), any other body cut to an excerpt. */
function send(rendered: RenderedRequest, to: AuthorizedRequest, signal: AbortSignal): Promise<HttpResponse> {
  return sendRequest({
    method: rendered.method,
    url: to.url,
    headers: to.headers,
    ...(rendered.body === undefined ? {} : { body: rendered.body }),
    signal,
  });
}

/**
 * One signal for "the engine stops or the node's time limit passes", covering the whole exchange
 * (connect, headers and body). Built by hand rather than with AbortSignal.any/timeout so the timer
 * and the listener on the engine's long-lived signal are released as soon as the request ends.
 */
function requestDeadline(engineSignal: AbortSignal, timeoutMs: number): { signal: AbortSignal; timedOut(): boolean; dispose(): void } {
  const controller = new AbortController();
  let timedOut = false;
  const onStop = (): void => controller.abort(engineSignal.reason);
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new DOMException(`timed out after ${timeoutMs} ms`, 'TimeoutError'));
  }, timeoutMs);
  engineSignal.addEventListener('abort', onStop, { once: true });
  return {
    signal: controller.signal,
    timedOut: () => timedOut,
    dispose: () => {
      clearTimeout(timer);
      engineSignal.removeEventListener('abort', onStop);
    },
  };
}
