// Credentials bound to hosts (DESIGN.md §6, §11): an authorizer whose credential lists `allowedHosts`
// refuses, before it adds anything to the request, to authorize a request to any other host. Every
// use of a credential over HTTP (http.request with each page and retry, credentials.test) goes through
// `apply`, so a flow, a Link header or a caller naming another URL cannot carry the secret elsewhere.
// The refusal is a permanent HttpFailure: replaying cannot help until the flow or the credential changes.
import { hostAllowed } from '../../shared/credentials/allowed-hosts.js';
import type { CredentialDefinition } from '../../shared/credentials/definition.js';
import { HttpFailure } from '../http/index.js';
import type { Authorizer, OutgoingRequest } from './types.js';

export function bindToHosts(authorizer: Authorizer, definition: CredentialDefinition): Authorizer {
  const allowedHosts = 'allowedHosts' in definition ? definition.allowedHosts : undefined;
  if (allowedHosts === undefined || allowedHosts.length === 0) return authorizer;
  return {
    apply(request: OutgoingRequest, signal?: AbortSignal): Promise<void> {
      const { hostname } = request.url;
      if (!hostAllowed(hostname, allowedHosts)) {
        return Promise.reject(new HttpFailure(
          'CREDENTIAL_HOST_REFUSED',
          `credential "${definition.name}" may only be sent to ${allowedHosts.join(', ')}, not to ${hostname}: nothing was sent; point the request at an allowed host, or add "${hostname}" to the credential's allowed hosts if it really belongs there`,
          { transient: false },
        ));
      }
      return authorizer.apply(request, signal);
    },
    invalidate: () => authorizer.invalidate(),
  };
}
