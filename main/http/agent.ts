// The one undici dispatcher every outgoing request in this process shares (http.request nodes, OAuth2
// token fetches, credential tests): keep-alive connections are pooled per origin, so a flow sending
// thousands of messages to one API reuses a few sockets instead of paying a TCP (and TLS) handshake
// per message. Only ./client.ts should send through it.
import { Agent } from 'undici';

let shared: Agent | undefined;

export function httpAgent(): Agent {
  shared ??= new Agent({
    keepAliveTimeout: 10_000,
    keepAliveMaxTimeout: 60_000,
    // Per-request time limits come from the caller's AbortSignal (a node's timeoutMs); these only stop a
    // request that somehow escaped it from holding a socket forever.
    headersTimeout: 600_000,
    bodyTimeout: 600_000,
    connections: 128,
  });
  return shared;
}

/** Closes the pooled connections (tests, engine shutdown). The next request opens a fresh agent. */
export async function closeHttpAgent(): Promise<void> {
  const agent = shared;
  shared = undefined;
  if (agent) await agent.close();
}
