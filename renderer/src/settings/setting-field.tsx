// One typed settings field: label, the text as typed, the inline message when the text cannot be stored
// (the document then keeps its value), and a line saying what the field is for.
import { useId } from 'react';
import { FieldError } from '../inspector/field-input.js';
import type { FieldResult } from './delivery-model.js';
import { useDraft } from './use-draft.js';

export interface SettingFieldProps<T> {
  label: string;
  /** The document's value; undefined when the key is absent. */
  stored: T | undefined;
  format: (value: T) => string;
  parse: (text: string) => FieldResult<T>;
  /** Called with each storable text's value (undefined: remove the key). */
  onValue: (value: T | undefined) => void;
  /** Ends the undo step of this run of typing. */
  onBlur: () => void;
  placeholder?: string | undefined;
  hint?: string | undefined;
  inputMode?: 'numeric' | 'decimal' | 'text';
}

export function SettingField<T>({ label, stored, format, parse, onValue, onBlur, placeholder, hint, inputMode = 'text' }: SettingFieldProps<T>) {
  const errorId = useId();
  const hintId = useId();
  const canonical = (text: string): string | undefined => {
    const result = parse(text);
    if (result.error !== undefined) return undefined;
    return result.value === undefined ? '' : format(result.value);
  };
  const [draft, setDraft] = useDraft(stored === undefined ? '' : format(stored), canonical);
  const error = parse(draft).error;
  const describedBy = [error ? errorId : undefined, hint ? hintId : undefined].filter(Boolean).join(' ') || undefined;
  return (
    <div className="inspector-field">
      <label className="inspector-field">
        <span>{label}</span>
        <input
          className="input"
          value={draft}
          placeholder={placeholder}
          inputMode={inputMode}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          onChange={(event) => {
            setDraft(event.target.value);
            const result = parse(event.target.value);
            if (result.error === undefined) onValue(result.value);
          }}
          onBlur={onBlur}
        />
      </label>
      <FieldError id={errorId} error={error} />
      {hint && <p id={hintId} className="settings-hint">{hint}</p>}
    </div>
  );
}
