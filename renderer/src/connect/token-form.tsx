// Asked when the designer is opened from `pipewright serve` without a token the server takes
// (./use-sign-in.ts checks it first), and again after Sign out.
import { useState, type FormEvent } from 'react';
import './token-form.css';

export function TokenForm({ onToken, error, checking = false }: { onToken: (token: string) => void; error?: string | undefined; checking?: boolean }) {
  const [token, setToken] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (token.trim() !== '') onToken(token.trim());
  };
  return (
    <main className="token-screen">
      <form className="token-form" onSubmit={submit} aria-labelledby="token-title">
        <h1 id="token-title">Connect to Pipewright</h1>
        <p>Paste the access token that <code>pipewright serve</code> printed when it first started.</p>
        <label htmlFor="token-input">Access token</label>
        <input id="token-input" className="input" type="password" autoComplete="off" value={token} onChange={(e) => setToken(e.target.value)} autoFocus />
        {error && <p role="alert" className="token-error">{error}</p>}
        <button type="submit" className="button primary" disabled={token.trim() === '' || checking} aria-busy={checking}>{checking ? 'Checking…' : 'Connect'}</button>
      </form>
    </main>
  );
}
