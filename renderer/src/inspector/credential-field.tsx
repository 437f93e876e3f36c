// A node's `credential` field: a choice of the workspace's credentials by name ("(none)" clears it) and
// a link that opens the Credentials dialog to create one, which this node then uses. A name the workspace does not define (a flow
// from elsewhere) stays selectable and is marked, so opening a flow never silently drops it.
import { useEffect, useId } from 'react';
import { credentialTypeTitles } from '../../../shared/credentials/definition.js';
import { useCredentials, useCredentialStore } from '../credentials/use-credentials.js';
import { FieldError } from './field-input.js';
import type { FieldPath } from './field-model.js';
import type { FieldProps } from './field-props.js';

export function CredentialField({ path, label, value, error, edit, seal }: Pick<FieldProps, 'edit' | 'seal'> & { path: FieldPath; label: string; value: unknown; error: string | undefined }) {
  const store = useCredentialStore();
  const state = useCredentials(store);
  const id = useId();
  useEffect(() => store?.ensureLoaded(), [store]);
  const current = typeof value === 'string' ? value : '';
  const known = state.items.some((item) => item.name === current);
  const described = error ? { 'aria-invalid': true, 'aria-describedby': `${id}-error` } : {};

  return (
    <div className="inspector-field">
      <label className="inspector-field" htmlFor={`${id}-select`}>
        <span>{label}</span>
      </label>
      <select
        id={`${id}-select`}
        className="input"
        value={current}
        onChange={(event) => {
          edit(path, event.target.value === '' ? undefined : event.target.value);
          seal();
        }}
        {...described}
      >
        <option value="">(none)</option>
        {state.items.map((item) => (
          <option key={item.name} value={item.name}>
            {item.name} ({credentialTypeTitles[item.type]}{item.hasSecret ? '' : ', no secret'})
          </option>
        ))}
        {current !== '' && !known && <option value={current}>{current} {state.phase === 'ready' ? '(not defined here)' : ''}</option>}
      </select>
      {store?.connected ? (
        <button
          type="button"
          className="link-button"
          onClick={() => store.openDialog({ create: true, onCreated: (name) => {
            // The node that asked for a new credential gets it (an undoable config edit like any other).
            edit(path, name);
            seal();
          } })}
        >
          New credential…
        </button>
      ) : (
        <small className="inspector-muted">Connect to a server to create credentials.</small>
      )}
      {state.phase === 'ready' && state.items.length === 0 && <small className="inspector-muted">No credentials yet: create one, then choose it here.</small>}
      {state.phase === 'ready' && current !== '' && !known && <small className="field-error">Credential "{current}" does not exist in this workspace; create it or choose another.</small>}
      <FieldError id={`${id}-error`} error={error} />
    </div>
  );
}
