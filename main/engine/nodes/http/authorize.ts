// Credentials for http.request: finds the node's authorizer and applies it to a request. Every way a
// credential can be unusable (no credentials in this host, unknown name, no secret stored, secret
// store unreachable) is the flow's or the workspace's to fix, so it fails the message for good with
// the store's own message and the field that names the credential.
import type { HttpRequestConfig } from '../../../../shared/catalog/kinds/http-request.js';
import { isPipewrightError } from '../../../../shared/errors.js';
import { NodeError } from '../../errors.js';
import type { Authorizer, NodeContext, OutgoingRequest } from '../../types.js';
import type { RenderedRequest } from './render-request.js';

export async function authorizerFor(ctx: NodeContext<HttpRequestConfig>): Promise<Authorizer | undefined> {
  const name = ctx.config.credential;
  if (name === undefined) return undefined;
  const location = { path: `nodes[${ctx.flow.nodes.indexOf(ctx.node)}].config.credential` };
  if (!ctx.credentials) {
    throw new NodeError('CREDENTIALS_UNAVAILABLE', `node "${ctx.node.id}" uses credential "${name}", but this engine was opened without access to credentials; run the flow with \`pipewright run\`, \`pipewright serve\` or the desktop app, which open the workspace's credential store`, {
      transient: false, location,
    });
  }
  try {
    return await ctx.credentials.authorizer(name);
  } catch (error) {
    if (isPipewrightError(error)) throw new NodeError(error.code, error.message, { transient: false, location, cause: error });
    throw new NodeError('CREDENTIAL_UNAVAILABLE', `credential "${name}" could not be loaded: ${error instanceof Error ? error.message : String(error)}`, {
      transient: false, location, cause: error,
    });
  }
}

/** Where a request goes and the headers it carries, credential included. */
export interface AuthorizedRequest {
  url: URL;
  headers: Record<string, string>;
}

/**
 * The request as sent: a copy of the rendered one with the credential applied (header names
 * lower-cased, so the credential replaces an Authorization header the node set itself). The rendered
 * request is left as it was, for the retry after a 401.
 */
export async function authorize(rendered: RenderedRequest, authorizer: Authorizer, signal: AbortSignal): Promise<AuthorizedRequest> {
  const outgoing: OutgoingRequest = { url: new URL(rendered.url), headers: {} };
  for (const [name, value] of Object.entries(rendered.headers)) outgoing.headers[name.toLowerCase()] = value;
  await authorizer.apply(outgoing, signal);
  return outgoing;
}

/**
 * After a 401: the request to send once more, or undefined when that cannot help. When the credential
 * already gives something else than what was sent (another message got a new token meanwhile), that is
 * tried without dropping it; otherwise the authorizer is asked to drop its token, which only an OAuth2
 * one does. So a token revoked under many in-flight messages costs one fetch, not one per message.
 */
export async function reauthorize(rendered: RenderedRequest, authorizer: Authorizer, sent: AuthorizedRequest, signal: AbortSignal): Promise<AuthorizedRequest | undefined> {
  const current = await authorize(rendered, authorizer, signal);
  if (!sameCredential(current, sent)) return current;
  return authorizer.invalidate() ? authorize(rendered, authorizer, signal) : undefined;
}

function sameCredential(a: AuthorizedRequest, b: AuthorizedRequest): boolean {
  if (a.url.href !== b.url.href) return false;
  const names = Object.keys(a.headers);
  return names.length === Object.keys(b.headers).length && names.every((name) => a.headers[name] === b.headers[name]);
}
