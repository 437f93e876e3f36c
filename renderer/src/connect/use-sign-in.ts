// The designer's sign-in state (./sign-in.ts): the desktop's bridge or a given client sign in at once;
// a token from `?token=` or remembered is checked first; a typed one is remembered only once the server
// took it; Sign out forgets it and shows the form again.
import { useCallback, useEffect, useState } from 'react';
import type { ApiClient } from '../api/client.js';
import { createIpcClient, findIpcBridge } from '../api/ipc-client.js';
import { forgetToken, rememberToken, rememberedToken, takeTokenFromUrl } from './connection.js';
import { checkToken, httpClientFor, REFUSED_REMEMBERED, REFUSED_TYPED, type SignInState } from './sign-in.js';

export interface SignIn {
  state: SignInState;
  /** Checks a typed token; the designer opens once the server took it. */
  submit: (token: string) => void;
  /** Forgets the token (browser only); undefined where there is none to forget (desktop, a given client). */
  signOut: (() => void) | undefined;
}

export function useSignIn(given?: ApiClient): SignIn {
  const [state, setState] = useState<SignInState>(() => initialState(given));
  const usesToken = given === undefined && findIpcBridge() === undefined;

  useEffect(() => {
    if (state.phase !== 'checking' || given !== undefined) return;
    const token = rememberedToken();
    if (token === undefined) {
      setState({ phase: 'needs-token' });
      return;
    }
    let current = true;
    const client = httpClientFor(token);
    void checkToken(client).then((answer) => {
      if (!current) return;
      if (answer === 'refused') {
        forgetToken();
        setState({ phase: 'needs-token', error: REFUSED_REMEMBERED });
      } else setState({ phase: 'signed-in', client });
    });
    return () => {
      current = false;
    };
    // Only the first check reads the remembered token; later ones come from submit().
  }, []);

  const submit = useCallback((token: string) => {
    const client = httpClientFor(token);
    setState({ phase: 'checking' });
    void checkToken(client).then((answer) => {
      if (answer === 'accepted') {
        rememberToken(token);
        setState({ phase: 'signed-in', client });
      } else setState({ phase: 'needs-token', error: answer === 'refused' ? REFUSED_TYPED : 'Cannot reach the Pipewright server. Is `pipewright serve` running?' });
    });
  }, []);

  const signOut = useCallback(() => {
    forgetToken();
    setState({ phase: 'needs-token' });
  }, []);

  return { state, submit, signOut: usesToken ? signOut : undefined };
}

function initialState(given: ApiClient | undefined): SignInState {
  if (given) return { phase: 'signed-in', client: given };
  const ipc = findIpcBridge();
  if (ipc) return { phase: 'signed-in', client: createIpcClient(ipc) };
  // Taken from the address bar now (and remembered), so a reload does not show it again.
  takeTokenFromUrl();
  return rememberedToken() === undefined ? { phase: 'needs-token' } : { phase: 'checking' };
}
