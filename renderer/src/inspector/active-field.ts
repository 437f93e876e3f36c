// Which JSONata field the mapping editor opens on when a node is selected: its first expression, else
// its first template (an HTTP request's URL), else the first expression field the form offers (an
// optional one not set yet, like a Log node's expression).
import type { NodeKind } from '../../../shared/catalog/index.js';
import type { ActiveField } from '../mapping/mapping-panel.js';
import type { FieldModel } from './field-model.js';
import { labelOf } from './field-model.js';

export function defaultActiveField(kind: NodeKind, config: Record<string, unknown>, form: readonly FieldModel[]): ActiveField | undefined {
  let listed: ReturnType<NodeKind['jsonataFields']> = [];
  const parsed = kind.configSchema.safeParse(config);
  try {
    listed = kind.jsonataFields(parsed.success ? parsed.data : config);
  } catch {
    // A config too broken to list its fields: fall back to the form's fields below.
  }
  const pick = listed.find((field) => field.kind === 'expression') ?? listed.find((field) => field.kind === 'template');
  if (pick) return { path: pick.path, kind: pick.kind, label: labelOfPath(pick.path, form), required: requiredAt(pick.path, form) };
  const offered = form.find((field) => field.type === 'string' && field.jsonata === 'expression');
  return offered ? { path: [offered.key], kind: 'expression', label: offered.label, required: offered.required } : undefined;
}

/** `['rules', 1, 'condition']` → "Rule 2 condition" (the label the form uses for that field). */
export function labelOfPath(path: ReadonlyArray<string | number>, form: readonly FieldModel[]): string {
  const [head, index, key] = path;
  const top = form.find((field) => field.key === head);
  if (top?.type === 'list' && typeof index === 'number' && typeof key === 'string') return `${top.itemLabel} ${index + 1} ${labelOf(key).toLowerCase()}`;
  if (top?.type === 'record' && typeof index === 'string') return `${top.label.replace(/s$/, '')} ${index}`;
  return top?.label ?? path.map(String).join('.');
}

function requiredAt(path: ReadonlyArray<string | number>, form: readonly FieldModel[]): boolean {
  const [head, , key] = path;
  const top = form.find((field) => field.key === head);
  if (top?.type === 'list') return top.itemFields.find((field) => field.key === key)?.required ?? true;
  // A header's value is kept when emptied; only its remove button takes the header away.
  if (top?.type === 'record') return true;
  return top?.required ?? false;
}
