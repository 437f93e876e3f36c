// A record field (HTTP headers): one row per key with its value, rows added and removed, a key renamed
// in place. A rename onto a key already used is refused and said so beside the row.
import { useId, useState } from 'react';
import { freshKey, renameKey, setIn } from './config-edit.js';
import type { FieldModel, FieldPath } from './field-model.js';
import type { FieldProps } from './field-props.js';
import { FieldError } from './field-input.js';

export function RecordField({ field, path, value, errors, edit, seal }: FieldProps & { field: FieldModel & { type: 'record' }; path: FieldPath; value: unknown; errors: ReadonlyMap<string, string> }) {
  const record = typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  const entries = Object.entries(record);
  const [clash, setClash] = useState<{ key: string; message: string }>();
  const errorId = useId();
  const item = field.label.replace(/s$/, '').toLowerCase();
  const whole = errors.get(path.join('.'));

  return (
    <fieldset className="inspector-fieldset">
      <legend>{field.label}</legend>
      {entries.length === 0 && <p className="inspector-muted">No {field.label.toLowerCase()}.</p>}
      {entries.map(([key, entry], index) => {
        const rowError = clash?.key === key ? clash.message : errors.get([...path, key].join('.'));
        const rowErrorId = `${errorId}-${index}`;
        const described = rowError ? { 'aria-invalid': true, 'aria-describedby': rowErrorId } : {};
        return (
          <div key={`${index}:${key}`} className="record-row">
            <label>
              <span className="visually-hidden">{`${field.label} ${index + 1} name`}</span>
              <input
                className="input"
                defaultValue={key}
                onBlur={(event) => {
                  const renamed = renameKey(record, key, event.target.value);
                  if (renamed === undefined) {
                    setClash({ key, message: `"${event.target.value}" is already used` });
                    return;
                  }
                  setClash(undefined);
                  edit(path, renamed);
                  seal();
                }}
                {...described}
              />
            </label>
            <label>
              <span className="visually-hidden">{`${field.label} ${index + 1} value`}</span>
              <input className="input" value={typeof entry === 'string' ? entry : JSON.stringify(entry)} onChange={(event) => edit([...path, key], event.target.value)} onBlur={seal} {...described} />
            </label>
            <button type="button" className="icon-button" aria-label={`Remove ${item} ${key}`} onClick={() => edit(path, Object.fromEntries(entries.filter(([other]) => other !== key)))}>
              ×
            </button>
            <FieldError id={rowErrorId} error={rowError} />
          </div>
        );
      })}
      <button type="button" className="link-button" onClick={() => edit(path, setIn(record, [freshKey(record, 'name')], ''))}>
        Add {item}
      </button>
      <FieldError id={errorId} error={whole} />
    </fieldset>
  );
}
