// The one undici dispatcher every outgoing request in this process shares (http.request nodes, OAuth2
// token fetches, credential tests): keep-alive connections are pooled per origin, so a flow sending
// thousands of messages to one API reuses a few sockets instead of paying a TCP (and TLS) handshake
// per message. Only ./client.ts should send through it.
//
// Every connection it opens passes the SSRF policy (./network-policy.ts) on the address the socket
// actually connects to: a name goes through a checking `lookup` handed to net/tls.connect (so there is
// no gap between the check and the connect for a rebinding DNS server to use), an address literal is
// checked before connecting (Node does not call `lookup` for one). Any redirect hop or pagination
// page that opens a connection passes the same connector.
import { lookup as dnsLookup, type LookupAddress, type LookupAllOptions, type LookupOneOptions } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import type { Agent, buildConnector } from 'undici';
import { networkPolicy, useNetworkPolicy, type NetworkPolicySettings } from './network-policy.js';

let shared: Agent | undefined;

/**
 * The shared agent, made on the first request. undici is imported then, not with this module: a run
 * whose flow sends no request (and every command that runs no flow) does not pay its loading, which
 * was the largest single part of the command's start-up.
 */
export async function httpAgent(): Promise<Agent> {
  if (shared) return shared;
  const undici = await import('undici');
  shared ??= new undici.Agent({
    keepAliveTimeout: 10_000,
    keepAliveMaxTimeout: 60_000,
    // Per-request time limits come from the caller's AbortSignal (a node's timeoutMs); these only stop a
    // request that somehow escaped it from holding a socket forever.
    headersTimeout: 600_000,
    bodyTimeout: 600_000,
    connections: 128,
    connect: checkedConnector(undici.buildConnector),
  });
  return shared;
}

/** Closes the pooled connections (tests, engine shutdown). The next request opens a fresh agent. */
export async function closeHttpAgent(): Promise<void> {
  const agent = shared;
  shared = undefined;
  if (agent) await agent.close();
}

/**
 * Sets the process's SSRF policy (DESIGN.md §11) and drops pooled connections, which were checked
 * under the previous one; requests in flight finish on them.
 */
export function configureNetworkPolicy(settings: NetworkPolicySettings): void {
  useNetworkPolicy(settings);
  void closeHttpAgent();
}

function checkedConnector(build: typeof buildConnector): buildConnector.connector {
  const connect = build({ lookup: checkingLookup as LookupFunction });
  return (options, callback) => {
    // Brackets are already stripped from an IPv6 literal here (undici does it before connecting).
    if (isIP(options.hostname) !== 0) {
      try {
        networkPolicy().checkAddress(options.hostname, options.hostname);
      } catch (error) {
        callback(error as Error, null);
        return;
      }
    }
    connect(options, callback);
  };
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * dns.lookup, then the policy on what it found. With `all` (Node's happy eyeballs asks for every
 * address) refused addresses are dropped and the rest connected; when none is left, or for a single
 * answer, the refusal is the connection's error.
 */
function checkingLookup(hostname: string, options: LookupOneOptions | LookupAllOptions, callback: LookupCallback): void {
  const policy = networkPolicy();
  dnsLookup(hostname, { ...options, all: true }, (error, found) => {
    if (error) {
      callback(error, options.all === true ? [] : '');
      return;
    }
    let refusal: Error | undefined;
    const allowed = found.filter(({ address }) => {
      try {
        policy.checkAddress(hostname, address);
        return true;
      } catch (refused) {
        refusal ??= refused as Error;
        return false;
      }
    });
    if (allowed.length === 0) {
      callback(refusal ?? Object.assign(new Error(`${hostname} resolved to no address`), { code: 'ENOTFOUND' }), options.all === true ? [] : '');
      return;
    }
    if (options.all === true) callback(null, allowed);
    else callback(null, allowed[0]!.address, allowed[0]!.family);
  });
}
