// A list of objects (switch rules): each item's fields in a row group, with add, remove and move
// up/down. Item fields are labelled with their position ("Rule 2 port") so every control has a name.
import { useId } from 'react';
import { moveItem, removeItem } from './config-edit.js';
import type { FieldModel, FieldPath } from './field-model.js';
import type { FieldProps } from './field-props.js';
import { FieldError, FieldInput } from './field-input.js';

export function ListField(props: FieldProps & { field: FieldModel & { type: 'list' }; path: FieldPath; value: unknown; errors: ReadonlyMap<string, string> }) {
  const { field, path, value, errors, edit } = props;
  const items = Array.isArray(value) ? (value as unknown[]) : [];
  const errorId = useId();
  const newItem = () => Object.fromEntries(field.itemFields.filter((item) => item.required).map((item) => [item.key, item.key === 'condition' ? 'true' : item.type === 'string' ? `${item.key}${items.length + 1}` : (item.defaultValue ?? '')]));

  return (
    <fieldset className="inspector-fieldset">
      <legend>{field.label}</legend>
      {items.map((item, index) => {
        const name = `${field.itemLabel} ${index + 1}`;
        return (
          <div key={index} className="list-item" role="group" aria-label={name}>
            {field.itemFields.map((itemField) => {
              const itemPath = [...path, index, itemField.key];
              return <FieldInput key={itemField.key} {...props} field={itemField} path={itemPath} label={`${name} ${itemField.label.toLowerCase()}`} value={(item as Record<string, unknown> | undefined)?.[itemField.key]} error={errors.get(itemPath.join('.'))} />;
            })}
            <div className="list-item-actions">
              <button type="button" className="icon-button" aria-label={`Move ${name} up`} disabled={index === 0} onClick={() => edit(path, moveItem(items, index, index - 1))}>
                ↑
              </button>
              <button type="button" className="icon-button" aria-label={`Move ${name} down`} disabled={index === items.length - 1} onClick={() => edit(path, moveItem(items, index, index + 1))}>
                ↓
              </button>
              <button type="button" className="icon-button" aria-label={`Remove ${name}`} disabled={items.length <= field.minItems} onClick={() => edit(path, removeItem(items, index))}>
                ×
              </button>
            </div>
          </div>
        );
      })}
      <button type="button" className="link-button" onClick={() => edit(path, [...items, newItem()])}>
        Add {field.itemLabel.toLowerCase()}
      </button>
      <FieldError id={errorId} error={errors.get(path.join('.'))} />
    </fieldset>
  );
}
