// An expression as it is typed (../workbench/draft.ts): shown and evaluated at once, written to the flow
// document a moment later, or at once through `commitNow` (blur, close, Format, a designer shortcut).
// A change that comes from the document (undo, the workbench) replaces it when no typing waits. Used by
// the inspector's mapping editor and by the workbench: writing every keystroke to the document re-renders
// the whole designer inside the keystroke.
import { useCallback, useEffect, useRef, useState } from 'react';
import { createDraft } from '../workbench/draft.js';

export interface DraftExpression {
  expression: string;
  change: (value: string) => void;
  commitNow: () => void;
}

/**
 * `commit` writes to the document. An owner whose commit target can change (another node selected)
 * mounts the user of this hook under a key per target, so a waiting draft is written where it was typed.
 */
export function useDraftExpression(saved: string, commit: (value: string) => void): DraftExpression {
  const [typed, setTyped] = useState(saved);
  const commitRef = useRef(commit);
  commitRef.current = commit;
  const [draft] = useState(() => createDraft({ commit: (value) => commitRef.current(value) }));
  useEffect(() => {
    if (!draft.pending) setTyped(saved);
  }, [draft, saved]);
  useEffect(() => () => draft.flush(), [draft]);
  const change = useCallback(
    (value: string) => {
      setTyped(value);
      draft.change(value);
    },
    [draft],
  );
  return { expression: typed, change, commitNow: draft.flush };
}
