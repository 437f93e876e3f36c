// "Test" for a saved credential: the user gives a URL of the API it is for, the service sends one
// request with the credential applied and answers ok, status, time and (on failure) why — redacted.
import { useId, useState, type FormEvent } from 'react';
import type { CredentialTestResult } from '../../../shared/api/index.js';
import { messageOf, type CredentialStore } from './credential-store.js';

export function CredentialTester({ store, name }: { store: CredentialStore; name: string }) {
  const [url, setUrl] = useState('');
  const [result, setResult] = useState<CredentialTestResult>();
  const [failure, setFailure] = useState<string>();
  const [busy, setBusy] = useState(false);
  const id = useId();

  const run = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setResult(undefined);
    setFailure(undefined);
    try {
      setResult(await store.test(name, url.trim()));
    } catch (error) {
      setFailure(messageOf(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="credential-tester" onSubmit={(event) => void run(event)} aria-label={`Test ${name}`} noValidate>
      <h3 className="credential-section-title">Test</h3>
      <div className="credential-field">
        <label htmlFor={`${id}-url`}>Test URL</label>
        <div className="credential-test-row">
          <input id={`${id}-url`} className="input" type="url" value={url} placeholder="https://api.example.com/me" spellCheck={false} autoComplete="off" onChange={(event) => setUrl(event.target.value)} aria-describedby={`${id}-hint`} />
          <button type="submit" className="button" disabled={busy || url.trim() === ''} aria-busy={busy}>{busy ? 'Testing…' : 'Test'}</button>
        </div>
        <small id={`${id}-hint`} className="credential-hint">Sends one GET request to this URL with the credential applied.</small>
      </div>
      <div role="status" aria-label="Test result" className="credential-test-result">
        {result && (
          <p className={result.ok ? 'credential-ok' : 'credential-error'}>
            {result.ok ? 'OK' : 'Failed'}
            {result.status !== undefined && ` — HTTP ${result.status}`} in {result.durationMs} ms
            {result.message && <span className="credential-test-message">{result.message}</span>}
          </p>
        )}
        {failure && <p className="credential-error">{failure}</p>}
      </div>
    </form>
  );
}
