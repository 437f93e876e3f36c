// HTTP basic authentication (RFC 7617): `Authorization: Basic base64(username:password)`. The encoded
// header is a secret too, so it is registered with the redactor beside the password.
import type { CredentialFields } from '../../../shared/credentials/definition.js';
import type { Authorizer, OutgoingRequest, Redactor } from '../types.js';

export function basicAuthorizer(fields: CredentialFields<'basic'>, password: string, redactor: Redactor): Authorizer {
  const encoded = Buffer.from(`${fields.username}:${password}`, 'utf8').toString('base64');
  redactor.add(encoded);
  return {
    apply(request: OutgoingRequest): Promise<void> {
      request.headers.authorization = `Basic ${encoded}`;
      return Promise.resolve();
    },
    invalidate: () => false,
  };
}
