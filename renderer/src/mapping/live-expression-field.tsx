// The inspector's JSONata field: the expression editor and its live output below. What is typed is kept
// here and written to the flow document a moment later (./use-draft-expression.ts), or at once on blur
// or a designer shortcut; the keystroke's output is asked for at once and, for a cheap expression,
// shown in the same frame (./use-live-evaluation.ts). The owner mounts it under a key per node and
// field, so a draft still waiting when another node is selected is written to the node it was typed in.
import { useMemo, type MutableRefObject } from 'react';
import type { Problem } from '../../../shared/errors.js';
import type { ApiClient } from '../api/client.js';
import { shortcutOf } from '../canvas/shortcuts.js';
import { ExpressionEditor, type ExpressionEditorHandle } from './expression-editor.js';
import { MappingOutput } from './mapping-output.js';
import { outputProblem } from './mapping-output-text.js';
import { useDraftExpression } from './use-draft-expression.js';
import { canEvaluateLive, useLiveEvaluation } from './use-live-evaluation.js';

export interface LiveExpressionFieldProps {
  client: ApiClient | undefined;
  kind: 'expression' | 'template';
  /** The expression in the document. */
  saved: string;
  /** Writes a typed expression to the document. */
  commit: (value: string) => void;
  /** Ends the undo step of the typing (on blur). */
  seal: () => void;
  /** The field's own validation problems, squiggled with the evaluation error. */
  problems: readonly Problem[];
  input: unknown;
  theme: 'light' | 'dark';
  handle: MutableRefObject<ExpressionEditorHandle | null>;
  /** The workbench is open over it and evaluates for itself: no live output here meanwhile. */
  paused: boolean;
}

export function LiveExpressionField({ client, kind, saved, commit, seal, problems, input, theme, handle, paused }: LiveExpressionFieldProps) {
  const { expression, change, commitNow } = useDraftExpression(saved, commit);
  const live = useLiveEvaluation(client, paused ? undefined : { expression, input, kind });
  const squiggles = useMemo(() => {
    const evaluated = outputProblem(live.view);
    return evaluated ? [...problems, evaluated] : problems;
  }, [problems, live.view]);
  const typed = (value: string) => {
    change(value);
    if (!paused) live.ask({ expression: value, input, kind });
  };
  return (
    // `display: contents`: the editor and the output stay items of the panel's grid.
    <div
      className="mapping-field"
      onKeyDown={(event) => {
        // The designer's shortcuts (Ctrl+S, …) act on the document from a window listener, after this one.
        if (shortcutOf(event) !== undefined) commitNow();
      }}
    >
      <ExpressionEditor
        value={expression}
        onChange={typed}
        onBlur={() => {
          commitNow();
          seal();
        }}
        problems={squiggles}
        sample={input}
        theme={theme}
        handle={handle}
      />
      <MappingOutput live={live} available={canEvaluateLive(client)} hasExpression={expression.trim() !== ''} />
    </div>
  );
}
