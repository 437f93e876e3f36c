// Where the browser keeps the server's access token (./use-sign-in.ts decides when it is used): from
// `?token=` once (then removed from the address bar and remembered), or typed into the sign-in form.
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

export function rememberedToken(): string | undefined {
  return localStorage.getItem(TOKEN_KEY) ?? undefined;
}
