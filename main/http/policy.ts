// The hook where Pipewright decides whether a request may leave at all (DESIGN.md §11): the SSRF
// policy (no loopback, private, link-local or metadata addresses from a server listening beyond
// loopback, unless the workspace allows them) and credential host binding (a credential's secret only
// goes to its `allowedHosts`). ./client.ts calls it for every request before a connection is opened.
//
// The SSRF policy is not a hook here: it must see the address actually connected (a public name can
// resolve to 10.0.0.1), so it sits in the agent's connector (./agent.ts, ./network-policy.ts). Credential
// host binding sits in the credential's authorizer (main/credentials/host-binding.ts), which knows the
// credential and refuses before its secret is added to the request. This hook stays for checks that
// need only the URL.
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

/** The default: no URL-level check (the SSRF check still runs on every connection, ./agent.ts). */
export const allowAllPolicy: OutgoingPolicy = {
  check: () => undefined,
};
