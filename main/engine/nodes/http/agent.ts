// The one undici dispatcher every http.request node shares in this process: keep-alive connections
// are pooled per origin, so a flow sending thousands of messages to one API reuses a few sockets
// instead of paying a TCP (and TLS) handshake per message.
import { Agent } from 'undici';

let shared: Agent | undefined;

export function httpAgent(): Agent {
  shared ??= new Agent({
    keepAliveTimeout: 10_000,
    keepAliveMaxTimeout: 60_000,
    // Per-request time limits come from the node's timeoutMs via an AbortSignal; these only stop a
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
