// API key: the key goes into a request header (optionally after a prefix such as `Token `) or into a
// query parameter. A static secret: a 401 cannot be cured by asking again, so `invalidate` says no.
import type { CredentialFields } from '../../../shared/credentials/definition.js';
import type { Authorizer, OutgoingRequest } from '../types.js';

export function apiKeyAuthorizer(fields: CredentialFields<'apiKey'>, key: string): Authorizer {
  return {
    apply(request: OutgoingRequest): Promise<void> {
      if (fields.in === 'header') request.headers[fields.name.toLowerCase()] = `${fields.prefix ?? ''}${key}`;
      else request.url.searchParams.set(fields.name, key);
      return Promise.resolve();
    },
    invalidate: () => false,
  };
}
