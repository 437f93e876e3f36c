// The hook where Pipewright decides whether a request may leave at all (DESIGN.md §11): the SSRF
// policy (no loopback, private, link-local or metadata addresses from a server listening beyond
// loopback, unless the workspace allows them) and credential host binding (a credential's secret only
// goes to its `allowedHosts`). ./client.ts calls it for every request before a connection is opened.
//
// NOT ENFORCED YET: the only policy today allows everything, so behaviour is what it was before this
// folder existed. The hardening issue fills this in; notes for it:
// - A URL check alone is not an SSRF policy: a public name can resolve to 10.0.0.1. The address check
//   belongs after DNS resolution, i.e. in the agent's connector (./agent.ts, undici `connect` with a
//   checking `lookup`), and it must run again on every redirect hop (./client.ts follows none today).
// - Host binding needs to know which credential a request carries; the request passed here will grow
//   that field then.
// A policy refuses by throwing an HttpFailure with `transient: false`; every caller passes an
// HttpFailure through unchanged, so the refusal reaches the user as it was worded here.

/** What a policy sees of a request about to be sent. */
export interface OutgoingTarget {
  method: string;
  url: URL;
}

export interface OutgoingPolicy {
  /** Returns when the request may be sent; throws an HttpFailure (permanent) when it may not. */
  check(target: OutgoingTarget): void | Promise<void>;
}

/** Today's policy everywhere: every target is allowed. SSRF blocking is deliberately not implemented yet. */
export const allowAllPolicy: OutgoingPolicy = {
  check: () => undefined,
};
