// What every part of the config form is given: how to change a value, end a run of typing, and which
// JSONata field the mapping editor shows (and how to show another one there).
import type { ActiveField } from '../mapping/mapping-panel.js';
import type { FieldPath } from './field-model.js';

export interface FieldProps {
  /** Sets the value at `path` inside the config (`undefined` removes it). */
  edit: (path: FieldPath, value: unknown) => void;
  /** Ends the current undo step (on blur). */
  seal: () => void;
  /** `pathKey` of the field in the mapping editor. */
  active: string | undefined;
  activate: (field: ActiveField) => void;
}
