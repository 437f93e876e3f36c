// The small modal dialogs of the flows list (../dialogs/modal-dialog.tsx): a question with buttons
// (discard changes, delete, conflict) and the id + name form (new, rename, duplicate).
import { useId, useState, type FormEvent } from 'react';
import { idSchema } from '../../../shared/flow/schema.js';
import { ModalDialog } from '../dialogs/modal-dialog.js';

export interface DialogChoice<T> {
  label: string;
  value: T;
  kind?: 'primary' | 'danger';
}

export function ChoiceDialog<T>({ title, message, choices, cancel, onChoose }: { title: string; message: string; choices: DialogChoice<T>[]; cancel: T; onChoose: (value: T) => void }) {
  return (
    <ModalDialog title={title} className="flow-dialog" titleClassName="flow-dialog-title" onCancel={() => onChoose(cancel)}>
      <p className="flow-dialog-message">{message}</p>
      <div className="flow-dialog-actions">
        <button type="button" className="button" onClick={() => onChoose(cancel)}>Cancel</button>
        {choices.map((choice) => (
          <button key={choice.label} type="button" className={`button${choice.kind ? ` ${choice.kind}` : ''}`} onClick={() => onChoose(choice.value)}>
            {choice.label}
          </button>
        ))}
      </div>
    </ModalDialog>
  );
}

export interface FlowFields {
  id: string;
  name: string;
}

export function FlowFieldsDialog({ title, submit, initial, onDone }: { title: string; submit: string; initial: FlowFields; onDone: (fields: FlowFields | undefined) => void }) {
  const [id, setId] = useState(initial.id);
  const [name, setName] = useState(initial.name);
  const [error, setError] = useState<string>();
  const fieldId = useId();
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const checked = idSchema.safeParse(id.trim());
    if (!checked.success) {
      setError(`The flow id ${checked.error.issues[0]?.message ?? 'is not valid'}.`);
      return;
    }
    onDone({ id: checked.data, name: name.trim() === '' ? checked.data : name.trim() });
  };
  return (
    <ModalDialog title={title} className="flow-dialog" titleClassName="flow-dialog-title" onCancel={() => onDone(undefined)}>
      <form className="flow-dialog-form" onSubmit={onSubmit} noValidate>
        <div className="flow-dialog-field">
          <label htmlFor={`${fieldId}-id`}>Flow id</label>
          <input
            id={`${fieldId}-id`}
            className="input"
            value={id}
            autoFocus
            onChange={(event) => setId(event.target.value)}
            aria-invalid={error !== undefined}
            aria-describedby={`${fieldId}-hint${error ? ` ${fieldId}-error` : ''}`}
            spellCheck={false}
            autoComplete="off"
          />
          <small id={`${fieldId}-hint`} className="flow-dialog-hint">Letters, digits, "_" and "-", starting with a letter. It is also the file name.</small>
          {error && <p id={`${fieldId}-error`} className="flow-dialog-error" role="alert">{error}</p>}
        </div>
        <div className="flow-dialog-field">
          <label htmlFor={`${fieldId}-name`}>Flow name</label>
          <input id={`${fieldId}-name`} className="input" value={name} onChange={(event) => setName(event.target.value)} autoComplete="off" />
        </div>
        <div className="flow-dialog-actions">
          <button type="button" className="button" onClick={() => onDone(undefined)}>Cancel</button>
          <button type="submit" className="button primary">{submit}</button>
        </div>
      </form>
    </ModalDialog>
  );
}
