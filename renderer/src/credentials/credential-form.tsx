// Create or edit one credential: name, type, the type's non-secret fields and a password input for its
// secret. Editing starts with an empty secret ("leave empty to keep the saved secret"), since a saved
// secret never comes back; after a save the secret input is emptied again, so the page keeps no copy.
// Allowed hosts (DESIGN.md §6): an HTTP credential without any is warned about, and the host of the
// node that opened the dialog is proposed with one click.
import { useId, useState, type FormEvent } from 'react';
import { shortSecretWarning } from '../../../shared/credentials/short-secret.js';
import { credentialTypes, credentialTypeTitles, secretFieldOf, type CredentialSummary, type CredentialType } from '../../../shared/credentials/definition.js';
import { isPipewrightError } from '../../../shared/errors.js';
import {
  anyHostWarning, checkForm, emptyForm, errorsFromProblems, fieldSpecs, formOf, hostsOf, withType, type CredentialFormValues, type FieldSpec,
} from './credential-form-model.js';
import { messageOf, type CredentialStore } from './credential-store.js';

export interface CredentialFormProps {
  store: CredentialStore;
  /** The credential being edited; none → a new one. */
  saved?: CredentialSummary;
  onSaved: (summary: CredentialSummary) => void;
  onCancel: () => void;
  /** The host of the node that opened the dialog, proposed as the allowed host. */
  proposedHost?: string;
}

export function CredentialForm({ store, saved, onSaved, onCancel, proposedHost }: CredentialFormProps) {
  const [values, setValues] = useState<CredentialFormValues>(() => (saved ? formOf(saved) : emptyForm()));
  const [errors, setErrors] = useState<Map<string, string>>(new Map());
  const [failure, setFailure] = useState<string>();
  const [notice, setNotice] = useState<string>();
  const [busy, setBusy] = useState(false);
  const id = useId();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const checked = checkForm(values, saved);
    setErrors(checked.errors);
    setFailure(undefined);
    setNotice(undefined);
    if (!checked.definition) return;
    setBusy(true);
    try {
      const summary = await store.save(checked.definition, checked.secret);
      setValues(formOf(summary));
      setNotice(checked.secret === undefined ? 'Saved; the stored secret is unchanged.' : 'Saved.');
      onSaved(summary);
    } catch (error) {
      setErrors(errorsFromProblems(isPipewrightError(error) ? error.problems : undefined));
      setFailure(messageOf(error));
    } finally {
      setBusy(false);
    }
  };

  const setField = (key: string, value: string) => setValues((current) => ({ ...current, fields: { ...current.fields, [key]: value } }));
  const secretLabel = secretFieldOf[values.type].label;
  const shortWarning = shortSecretWarning(values.secret);
  const keepsSecret = saved !== undefined && saved.type === values.type;
  const hostWarning = anyHostWarning(values);
  const canPropose = proposedHost !== undefined && values.type !== 'postgres' && !hostsOf(values.allowedHosts).includes(proposedHost);

  return (
    <form className="credential-form" onSubmit={(event) => void submit(event)} noValidate aria-label={saved ? `Edit ${saved.name}` : 'New credential'}>
      <TextField id={`${id}-name`} label="Name" value={values.name} error={errors.get('name')} onChange={(name) => setValues((current) => ({ ...current, name }))} readOnly={saved !== undefined}
        hint={saved ? 'The name flows use; to rename, create a new credential.' : 'Flows refer to it by this name: letters, digits, ".", "_" and "-".'} autoFocus={saved === undefined} />
      <div className="credential-field">
        <label htmlFor={`${id}-type`}>Type</label>
        <select id={`${id}-type`} className="input" value={values.type} onChange={(event) => setValues((current) => withType(current, event.target.value as CredentialType))}>
          {credentialTypes.map((type) => (
            <option key={type} value={type}>{credentialTypeTitles[type]}</option>
          ))}
        </select>
      </div>
      {fieldSpecs[values.type].map((spec) => (
        <SpecField key={`${values.type}-${spec.key}`} id={`${id}-${spec.key}`} spec={spec} value={values.fields[spec.key] ?? ''} error={errors.get(`fields.${spec.key}`)} onChange={(value) => setField(spec.key, value)} />
      ))}
      {values.type !== 'postgres' && (
        <div className="credential-field">
          <label htmlFor={`${id}-hosts`}>Allowed hosts</label>
          <textarea id={`${id}-hosts`} className="input" rows={2} value={values.allowedHosts} spellCheck={false} placeholder="api.example.com"
            onChange={(event) => setValues((current) => ({ ...current, allowedHosts: event.target.value }))}
            aria-invalid={errors.has('allowedHosts')} aria-describedby={`${id}-hosts-hint`} />
          <small id={`${id}-hosts-hint`} className="credential-hint">One per line: a host (api.example.com), a wildcard (*.example.com) or an address. The secret is sent to these hosts only.</small>
          {hostWarning && <p className="credential-warning" role="note">{hostWarning}</p>}
          {canPropose && (
            <button type="button" className="link-button" onClick={() => setValues((current) => ({ ...current, allowedHosts: [...hostsOf(current.allowedHosts), proposedHost].join('\n') }))}>
              Allow {proposedHost}
            </button>
          )}
          {errors.get('allowedHosts') && <p className="credential-error">{errors.get('allowedHosts')}</p>}
        </div>
      )}
      <TextField id={`${id}-secret`} label={secretLabel} type="password" value={values.secret} error={errors.get('secret')} onChange={(secret) => setValues((current) => ({ ...current, secret }))}
        hint={keepsSecret ? (saved?.hasSecret ? 'Leave empty to keep the saved secret.' : 'No secret is stored yet.') : 'Kept in the secret store, never in the workspace or a flow.'} autoComplete="new-password" />
      {shortWarning && <p className="credential-warning" role="note">{shortWarning.charAt(0).toUpperCase()}{shortWarning.slice(1)}.</p>}
      {failure && <p className="credential-error" role="alert">{failure}</p>}
      <p className="credential-hint" role="status">{notice}</p>
      <div className="credential-actions">
        <button type="button" className="button" onClick={onCancel}>Cancel</button>
        <button type="submit" className="button primary" disabled={busy} aria-busy={busy}>{saved ? 'Save changes' : 'Create credential'}</button>
      </div>
    </form>
  );
}

function SpecField({ id, spec, value, error, onChange }: { id: string; spec: FieldSpec; value: string; error: string | undefined; onChange: (value: string) => void }) {
  if (spec.control === 'select') {
    return (
      <div className="credential-field">
        <label htmlFor={id}>{spec.label}</label>
        <select id={id} className="input" value={value} onChange={(event) => onChange(event.target.value)} aria-invalid={error !== undefined}>
          {(spec.options ?? []).map((option) => (
            <option key={option.value} value={option.value}>{option.label}</option>
          ))}
        </select>
        {error && <p className="credential-error">{error}</p>}
      </div>
    );
  }
  return <TextField id={id} label={spec.label} type={spec.control === 'url' ? 'url' : 'text'} value={value} error={error} onChange={onChange} {...(spec.placeholder ? { placeholder: spec.placeholder } : {})} {...(spec.hint ? { hint: spec.hint } : {})} />;
}

interface TextFieldProps {
  id: string;
  label: string;
  value: string;
  error: string | undefined;
  onChange: (value: string) => void;
  type?: 'text' | 'url' | 'password';
  hint?: string;
  placeholder?: string;
  readOnly?: boolean;
  autoFocus?: boolean;
  autoComplete?: string;
}

function TextField({ id, label, value, error, onChange, type = 'text', hint, placeholder, readOnly, autoFocus, autoComplete = 'off' }: TextFieldProps) {
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div className="credential-field">
      <label htmlFor={id}>{label}</label>
      <input id={id} className="input" type={type} value={value} placeholder={placeholder} readOnly={readOnly} autoFocus={autoFocus} autoComplete={autoComplete} spellCheck={false}
        onChange={(event) => onChange(event.target.value)} aria-invalid={error !== undefined} {...(described ? { 'aria-describedby': described } : {})} />
      {hint && <small id={`${id}-hint`} className="credential-hint">{hint}</small>}
      {error && <p id={`${id}-error`} className="credential-error">{error}</p>}
    </div>
  );
}
