// A fixed bearer token (a personal access token, a long-lived API token): `Authorization: Bearer …`.
import type { Authorizer, OutgoingRequest } from '../types.js';

export function bearerAuthorizer(token: string): Authorizer {
  return {
    apply(request: OutgoingRequest): Promise<void> {
      request.headers.authorization = `Bearer ${token}`;
      return Promise.resolve();
    },
    invalidate: () => false,
  };
}
