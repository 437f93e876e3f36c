// Picks the transport at start (DESIGN.md §1): the Electron preload's bridge when present, else HTTP to
// the server that served this page. The HTTP token comes from `?token=` once (then it is removed from
// the address bar and remembered) or from what was remembered before.
import { createHttpClient, type ApiClient } from '../api/client.js';
import { createIpcClient, findIpcBridge } from '../api/ipc-client.js';

const TOKEN_KEY = 'pipewright.token';

export function takeTokenFromUrl(): string | undefined {
  const url = new URL(window.location.href);
  const token = url.searchParams.get('token');
  if (token === null) return undefined;
  url.searchParams.delete('token');
  window.history.replaceState(null, '', url);
  localStorage.setItem(TOKEN_KEY, token);
  return token;
}

export function rememberToken(token: string): void {
  localStorage.setItem(TOKEN_KEY, token);
}

export function forgetToken(): void {
  localStorage.removeItem(TOKEN_KEY);
}

/** The client to use, or undefined when the HTTP transport still needs a token (never in the desktop app). */
export function connect(): ApiClient | undefined {
  const ipc = findIpcBridge();
  if (ipc) return createIpcClient(ipc);
  const token = takeTokenFromUrl() ?? localStorage.getItem(TOKEN_KEY) ?? undefined;
  if (token === undefined) return undefined;
  return createHttpClient({ baseUrl: '', token });
}

export function connectWithToken(token: string): ApiClient {
  rememberToken(token);
  return createHttpClient({ baseUrl: '', token });
}
