// Bearer-token auth for every `/api/` route but health (DESIGN.md §8). The designer's static files need
// none: they hold no data, and the designer asks the user for the token before its first call.
// The event stream also accepts `?token=`, because a browser's EventSource cannot set headers.
// The hook is added inside the plugin scope that registers the API routes, so it guards exactly those
// routes however their URL is spelled (percent-encoding, query strings); `requiresAuth` only decides
// what an unmatched URL's 404 may say.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sendError } from './http-errors.js';
import type { TokenStore } from './token-store.js';

const HOW = 'send "Authorization: Bearer <token>" with the token `pipewright serve` printed on its first start (lost it? restart with --reset-token)';

/** True for URLs under /api/ (health aside): unmatched ones answer 401 before they answer 404. */
export function requiresAuth(url: string): boolean {
  let path = pathOf(url);
  try {
    path = decodeURIComponent(path);
  } catch {
    // Not valid percent-encoding: judge the raw path.
  }
  return (path === '/api' || path.startsWith('/api/')) && path !== '/api/health';
}

export interface AuthOptions {
  /** Also accept `?token=` (the event stream, opened by EventSource). */
  allowQueryToken?: boolean;
}

/** An onRequest hook: answers 401 unless the request carries the server's token. */
export function authHook(tokens: TokenStore, options: AuthOptions = {}) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> => {
    const token = presentedToken(request, options.allowQueryToken === true);
    if (token === undefined) {
      reply.header('WWW-Authenticate', 'Bearer realm="pipewright"');
      return sendError(reply, { code: 'UNAUTHORIZED', message: `this call needs the server's API token: ${HOW}` });
    }
    if (!tokens.verify(token)) {
      reply.header('WWW-Authenticate', 'Bearer realm="pipewright", error="invalid_token"');
      return sendError(reply, { code: 'UNAUTHORIZED', message: `the API token is not valid for this server: ${HOW}` });
    }
    return undefined;
  };
}

function presentedToken(request: FastifyRequest, allowQueryToken: boolean): string | undefined {
  const header = request.headers.authorization;
  if (typeof header === 'string') {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    // A malformed Authorization header counts as a wrong token, not a missing one: the caller tried.
    return match?.[1] ?? '';
  }
  if (allowQueryToken) {
    const query = request.query as Record<string, unknown> | undefined;
    const token = query?.token;
    if (typeof token === 'string' && token !== '') return token;
  }
  return undefined;
}

function pathOf(url: string): string {
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}
