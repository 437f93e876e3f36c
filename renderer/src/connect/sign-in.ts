// Signing in to `pipewright serve` from the browser (the desktop app never needs it): a token — from
// `?token=`, remembered, or typed — is checked against the server before the designer opens, so a
// mistyped or revoked token brings the sign-in form back with what went wrong instead of a designer
// whose every call fails. Pure state logic over the contract client; ./use-sign-in.ts holds it in React.
import { createHttpClient, type ApiClient } from '../api/client.js';
import { isPipewrightError } from '../../../shared/errors.js';

export type SignInState =
  | { phase: 'checking' }
  | { phase: 'signed-in'; client: ApiClient }
  | { phase: 'needs-token'; error?: string };

export const REFUSED_REMEMBERED = 'The server refused the remembered access token (it may have been changed). Enter the token `pipewright serve` printed.';
export const REFUSED_TYPED = 'The server refused this access token. Check it against the one `pipewright serve` printed (it starts with pw_).';

/**
 * Whether the server takes the token: `accepted`, `refused` (401/403), or `unreachable` — the designer
 * then opens anyway and says the server is down, as it does when the server goes away later.
 */
export async function checkToken(client: ApiClient): Promise<'accepted' | 'refused' | 'unreachable'> {
  try {
    await client.send('workspace.info', {});
    return 'accepted';
  } catch (error) {
    if (isPipewrightError(error) && error.code === 'UNAUTHORIZED') return 'refused';
    return 'unreachable';
  }
}

export function httpClientFor(token: string): ApiClient {
  return createHttpClient({ baseUrl: '', token });
}
