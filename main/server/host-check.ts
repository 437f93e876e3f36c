// The `Host` header check of a loopback server (DESIGN.md §11), against DNS rebinding: a web page on
// evil.example can make its own name resolve to 127.0.0.1 and then talk to this server from the
// victim's browser as a "same-origin" page. The browser still sends `Host: evil.example`, so a server
// listening on loopback only answers requests addressed to localhost, 127.0.0.1 or [::1] (any port).
// A server reachable beyond loopback (its own --host, or a reverse proxy in front: --behind-proxy)
// is addressed by names we cannot know, so it does not check; its API needs the token anyway.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sendError } from './http-errors.js';

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]']);

/** 127.0.0.1, 127.x.y.z, ::1, localhost: only this machine can connect. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  return bare === 'localhost' || bare === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(bare);
}

/** True for `localhost`, `127.0.0.1:4870`, `[::1]:4870` (case-insensitive); false for any other name. */
export function isLoopbackHostHeader(value: string | undefined): boolean {
  if (value === undefined) return false;
  const match = /^(\[[^\]]*\]|[^:]*)(?::\d{1,5})?$/.exec(value.trim().toLowerCase());
  return match !== null && LOOPBACK_NAMES.has(match[1]!.replace(/\.$/, ''));
}

/** An onRequest hook answering 421 Misdirected Request to any other Host. */
export function loopbackHostHook() {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> => {
    const host = request.headers.host;
    if (isLoopbackHostHeader(host)) return undefined;
    return sendError(reply, {
      code: 'HOST_NOT_ALLOWED',
      message: `this server listens on loopback only and answers requests addressed to localhost, 127.0.0.1 or [::1], not to "${(host ?? '').slice(0, 100)}" (a guard against DNS rebinding); behind a reverse proxy, start it with --behind-proxy or have the proxy send Host: 127.0.0.1`,
    }, 421);
  };
}
