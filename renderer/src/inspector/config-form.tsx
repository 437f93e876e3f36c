// The config form of one node, generated from its kind's schema (./field-model.ts): each field with its
// label and, when the kind's zod schema rejects it, the reason beside it.
import { CredentialField } from './credential-field.js';
import type { FieldModel } from './field-model.js';
import type { FieldProps } from './field-props.js';
import { FieldInput } from './field-input.js';
import { ListField } from './list-field.js';
import { RecordField } from './record-field.js';

export function ConfigForm({ fields, config, errors, ...props }: FieldProps & { fields: FieldModel[]; config: Record<string, unknown>; errors: ReadonlyMap<string, string> }) {
  if (fields.length === 0) return null;
  return (
    <div className="config-form" role="group" aria-label="Settings">
      {fields.map((field) => {
        const path = [field.key];
        const value = config[field.key];
        if (field.type === 'record') return <RecordField key={field.key} {...props} field={field} path={path} value={value} errors={errors} />;
        if (field.type === 'list') return <ListField key={field.key} {...props} field={field} path={path} value={value} errors={errors} />;
        if (field.type === 'string' && field.widget === 'credential') return <CredentialField key={field.key} {...props} path={path} label={field.label} value={value} error={errors.get(field.key)} />;
        return <FieldInput key={field.key} {...props} field={field} path={path} label={field.label} value={value} error={errors.get(field.key)} />;
      })}
    </div>
  );
}
