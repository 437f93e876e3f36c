// The Credentials dialog (DESIGN.md §6), opened from the header: the workspace's credentials (name,
// type, whether a secret is stored and where), a form to create or edit one, a test against a URL, and
// delete with a confirmation. A modal <dialog>, so focus stays inside and Escape closes it.
import { useContext, useEffect, useId, useRef, useState } from 'react';
import { credentialTypeTitles, type CredentialSummary } from '../../../shared/credentials/definition.js';
import { FlowStoreContext } from '../canvas/use-flow-store.js';
import { ChoiceDialog } from '../flows/flow-dialog.js';
import { proposedHostFor } from './credential-form-model.js';
import { CredentialForm } from './credential-form.js';
import { messageOf, secretStoreNames, storeUnavailableBanner, type CredentialStore, type CredentialsState } from './credential-store.js';
import { CredentialTester } from './credential-tester.js';
import { useCredentials, useCredentialStore } from './use-credentials.js';
import './credentials.css';

/** Renders the dialog while the store says it is open; mounted once by the app. */
export function CredentialsDialogHost() {
  const store = useCredentialStore();
  const state = useCredentials(store);
  if (!store || !state.dialog.open) return null;
  return <CredentialsDialog store={store} state={state} />;
}

type Editing = { mode: 'new' } | { mode: 'edit'; name: string } | undefined;

function CredentialsDialog({ store, state }: { store: CredentialStore; state: CredentialsState }) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [editing, setEditing] = useState<Editing>(() => (state.dialog.create ? { mode: 'new' } : undefined));
  const [deleting, setDeleting] = useState<CredentialSummary>();
  const [failure, setFailure] = useState<string>();
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

  const selected = editing?.mode === 'edit' ? state.items.find((item) => item.name === editing.name) : undefined;
  // The flow does not change while this modal dialog is open, so a snapshot read is enough.
  const flow = useContext(FlowStoreContext)?.getSnapshot();
  const proposedHost = state.dialog.proposedHost ?? proposedHostFor(flow?.doc, flow?.selection ?? new Set(), selected?.name);
  const proposal = proposedHost === undefined ? {} : { proposedHost };
  const close = () => store.closeDialog();
  const banner = state.phase === 'ready' ? storeUnavailableBanner(state.storeStatus) : undefined;
  const remove = async (credential: CredentialSummary, confirmed: boolean) => {
    setDeleting(undefined);
    if (!confirmed) return;
    try {
      await store.remove(credential.name);
      if (editing?.mode === 'edit' && editing.name === credential.name) setEditing(undefined);
    } catch (error) {
      setFailure(`Could not delete ${credential.name}: ${messageOf(error)}`);
    }
  };

  return (
    <dialog
      ref={ref}
      className="credentials-dialog"
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        if (!deleting) close();
      }}
    >
      <div className="credentials-head">
        <h2 id={titleId} className="credentials-title">Credentials</h2>
        <button type="button" className="button" onClick={close}>Close</button>
      </div>
      <p className="credential-hint">
        Flows name a credential; its secret stays in {state.items[0] ? secretStoreNames[state.items[0].store] : 'the secret store (the system keychain on a desktop, an encrypted file or the environment on a server)'} and never comes back to the designer.
      </p>
      {banner && <p className="credential-banner" role="alert">{banner}</p>}
      <div className="credentials-body">
        <section className="credentials-list" aria-label="Saved credentials">
          <button type="button" className="button primary" onClick={() => setEditing({ mode: 'new' })} disabled={banner !== undefined} title={banner === undefined ? undefined : 'A new credential needs a secret store that answers: see the message above'}>New credential</button>
          <CredentialList state={state} secretsUnknown={banner !== undefined} selected={editing?.mode === 'edit' ? editing.name : undefined} onEdit={(name) => setEditing({ mode: 'edit', name })} onDelete={setDeleting} />
          {failure && <p className="credential-error" role="alert">{failure}</p>}
        </section>
        <section className="credentials-editor" aria-label={editing?.mode === 'new' ? 'New credential' : selected ? `Credential ${selected.name}` : 'Credential'}>
          {editing?.mode === 'new' ? (
            <CredentialForm
              key="new"
              store={store}
              {...proposal}
              onSaved={(saved) => {
                setEditing({ mode: 'edit', name: saved.name });
                state.dialog.onCreated?.(saved.name);
              }}
              onCancel={() => setEditing(undefined)}
            />
          ) : selected ? (
            <>
              <CredentialForm key={selected.name} store={store} saved={selected} onSaved={() => undefined} onCancel={() => setEditing(undefined)} {...proposal} />
              <CredentialTester key={`test-${selected.name}`} store={store} name={selected.name} />
            </>
          ) : (
            <p className="credential-hint">Choose a credential to edit or test it, or create a new one.</p>
          )}
        </section>
      </div>
      {deleting && (
        <ChoiceDialog
          title="Delete credential?"
          message={`Delete "${deleting.name}" and its stored secret? Flows that use it fail until a credential with this name exists again.`}
          choices={[{ label: 'Delete', value: true, kind: 'danger' }]}
          cancel={false}
          onChoose={(confirmed) => void remove(deleting, confirmed)}
        />
      )}
    </dialog>
  );
}

function CredentialList({ state, secretsUnknown, selected, onEdit, onDelete }: { state: CredentialsState; secretsUnknown: boolean; selected: string | undefined; onEdit: (name: string) => void; onDelete: (credential: CredentialSummary) => void }) {
  if (state.phase === 'error') return <p className="credential-error" role="alert">Could not list the credentials: {state.error}</p>;
  if (state.phase !== 'ready') return <p className="credential-hint">Loading…</p>;
  if (state.items.length === 0) {
    return <p className="credential-hint">No credentials yet. Create one with New credential, then choose it in an HTTP request node's Credential field.</p>;
  }
  return (
    <table className="credentials-table">
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Type</th>
          <th scope="col">Secret</th>
          <th scope="col"><span className="visually-hidden">Actions</span></th>
        </tr>
      </thead>
      <tbody>
        {state.items.map((item) => (
          <tr key={item.name} className={item.name === selected ? 'is-selected' : undefined}>
            <td>
              <button type="button" className="link-button credential-name" onClick={() => onEdit(item.name)} aria-label={`Edit ${item.name}`} aria-current={item.name === selected ? 'true' : undefined}>{item.name}</button>
            </td>
            <td>{credentialTypeTitles[item.type]}</td>
            <td>{item.hasSecret ? <span className="credential-ok">stored</span> : secretsUnknown ? <span className="credential-warning">unknown</span> : <span className="credential-warning">not set</span>}</td>
            <td>
              <button type="button" className="flows-action flows-delete" onClick={() => onDelete(item)} aria-label={`Delete ${item.name}`} title={`Delete ${item.name}`}>✕</button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
