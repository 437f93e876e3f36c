// The Deploy dialog's "add a server" form: its address and the API token `pipewright serve` printed.
// The service checks the token on that server and keeps it in the OS keychain of the process running
// the service (the desktop app, or the `pipewright serve` this designer talks to); the token never
// comes back to the designer.
import { useId, useState, type FormEvent } from 'react';
import type { ApiClient } from '../api/client.js';
import type { AddedServer } from '../../../shared/api/deploy.js';

export function AddServerForm({ client, onAdded, onCancel }: { client: ApiClient; onAdded: (server: AddedServer) => void; onCancel?: () => void }) {
  const urlId = useId();
  const tokenId = useId();
  const [url, setUrl] = useState('http://127.0.0.1:4870');
  const [token, setToken] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string>();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setFailure(undefined);
    try {
      onAdded(await client.send('deploy.addServer', { url: url.trim(), token }));
      setToken('');
    } catch (error) {
      setFailure((error as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="deploy-add-server" onSubmit={(event) => void submit(event)} aria-label="Add a server">
      <div className="flow-dialog-field">
        <label htmlFor={urlId}>Server address</label>
        <input id={urlId} className="input" value={url} onChange={(event) => setUrl(event.target.value)} required spellCheck={false} />
      </div>
      <div className="flow-dialog-field">
        <label htmlFor={tokenId}>API token</label>
        <input id={tokenId} className="input" type="password" value={token} onChange={(event) => setToken(event.target.value)} required autoComplete="off" />
        <span className="flow-dialog-hint">The token `pipewright serve` printed on its first start; kept in the OS keychain.</span>
      </div>
      {failure && <p className="flow-dialog-error" role="alert">{failure}</p>}
      <div className="flow-dialog-actions">
        {onCancel && <button type="button" className="button" onClick={onCancel}>Cancel</button>}
        <button type="submit" className="button primary" disabled={busy || token === ''} aria-busy={busy}>Add server</button>
      </div>
    </form>
  );
}
