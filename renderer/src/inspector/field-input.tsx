// One scalar field of the config form (text, number, choice, checkbox, JSON), with its label and its
// inline error. A JSONata expression is not typed here: its button opens it in the mapping editor.
import { useId, useState, type ReactNode } from 'react';
import { numberValue, textValue } from './config-edit.js';
import type { FieldModel, FieldPath } from './field-model.js';
import type { FieldProps } from './field-props.js';

export function FieldInput({ field, path, label, value, error, edit, seal, active, activate }: FieldProps & { field: FieldModel; path: FieldPath; label: string; value: unknown; error: string | undefined }) {
  const errorId = useId();
  const described = error ? { 'aria-invalid': true, 'aria-describedby': errorId } : {};
  const placeholder = field.defaultValue === undefined ? undefined : String(field.defaultValue);
  let control: ReactNode;
  switch (field.type) {
    case 'string':
      if (field.jsonata === 'expression') {
        const isActive = active === path.join('.');
        return (
          <div className="inspector-field">
            <span>{label}</span>
            <button type="button" className="button expression-chip" aria-pressed={isActive} aria-label={`Edit ${label} in the mapping editor`} onClick={() => activate({ path, kind: 'expression', label, required: field.required })} {...described}>
              <code>{typeof value === 'string' && value !== '' ? value : '(empty)'}</code>
            </button>
            <FieldError id={errorId} error={error} />
          </div>
        );
      }
      control = <input className="input" value={typeof value === 'string' ? value : ''} placeholder={placeholder} onChange={(event) => edit(path, textValue(event.target.value, field.required))} onBlur={seal} {...described} />;
      break;
    case 'number':
      control = <NumberInput value={value} placeholder={placeholder} min={field.minimum} max={field.maximum} step={field.integer ? 1 : 'any'} onText={(text) => edit(path, numberValue(text, field.required))} onBlur={seal} described={described} />;
      break;
    case 'enum':
      control = (
        <select className="input" value={typeof value === 'string' ? value : ''} onChange={(event) => edit(path, event.target.value === '' ? undefined : event.target.value)} {...described}>
          {(!field.required || value === undefined) && <option value="">{placeholder ? `Default (${placeholder})` : 'Not set'}</option>}
          {field.options.map((option) => (
            <option key={option} value={option}>
              {option}
            </option>
          ))}
        </select>
      );
      break;
    case 'boolean':
      return (
        <div className="inspector-field">
          <label className="inspector-check">
            <input type="checkbox" checked={value === true || (value === undefined && field.defaultValue === true)} onChange={(event) => edit(path, event.target.checked)} {...described} />
            <span>{label}</span>
          </label>
          <FieldError id={errorId} error={error} />
        </div>
      );
    default:
      control = <JsonInput value={value} onValue={(next) => edit(path, next)} onBlur={seal} described={described} />;
  }
  return (
    <div className="inspector-field">
      <label className="inspector-field">
        <span>
          {label}
          {field.type === 'string' && field.jsonata === 'template' && <em className="inspector-hint"> template</em>}
        </span>
        {control}
      </label>
      {field.type === 'string' && field.jsonata === 'template' && (
        <button type="button" className="link-button" aria-pressed={active === path.join('.')} onClick={() => activate({ path, kind: 'template', label, required: field.required })}>
          Try {label} in the mapping editor
        </button>
      )}
      <FieldError id={errorId} error={error} />
    </div>
  );
}

export function FieldError({ id, error }: { id: string; error: string | undefined }) {
  return error ? (
    <p id={id} className="field-error">
      {error}
    </p>
  ) : null;
}

type Described = Record<string, unknown>;

/** Keeps what is typed (e.g. "1e") while it is not yet a number, so typing is never fought. */
function NumberInput({ value, placeholder, min, max, step, onText, onBlur, described }: { value: unknown; placeholder: string | undefined; min: number | undefined; max: number | undefined; step: number | 'any'; onText: (text: string) => void; onBlur: () => void; described: Described }) {
  const shown = typeof value === 'number' ? String(value) : typeof value === 'string' ? value : '';
  return <input className="input" type="number" inputMode="decimal" value={shown} placeholder={placeholder} min={min} max={max} step={step} onChange={(event) => onText(event.target.value)} onBlur={onBlur} {...described} />;
}

function JsonInput({ value, onValue, onBlur, described }: { value: unknown; onValue: (value: unknown) => void; onBlur: () => void; described: Described }) {
  const [text, setText] = useState(() => (value === undefined ? '' : JSON.stringify(value, null, 2)));
  const [bad, setBad] = useState<string>();
  return (
    <>
      <textarea
        className="input"
        value={text}
        spellCheck={false}
        onChange={(event) => {
          setText(event.target.value);
          try {
            onValue(event.target.value.trim() === '' ? undefined : (JSON.parse(event.target.value) as unknown));
            setBad(undefined);
          } catch (error) {
            setBad(error instanceof Error ? error.message : String(error));
          }
        }}
        onBlur={onBlur}
        {...described}
      />
      {bad && <span className="field-error">Not JSON: {bad}</span>}
    </>
  );
}
