// The text of a settings field while it is typed. The field shows what is typed, not the document
// ("1.50 s" while 1500 ms is stored; "0" that was refused); when the stored value changes from
// elsewhere (undo, redo, another edit) the text follows it, unless the text already means that value.
import { useState } from 'react';

/**
 * `stored`: the document's value as the field writes it; `canonical`: what a text means, written the
 * same way (undefined when it means nothing storable).
 */
export function useDraft(stored: string, canonical: (text: string) => string | undefined): [string, (text: string) => void] {
  const [draft, setDraft] = useState(stored);
  const [seen, setSeen] = useState(stored);
  // Adjusted while rendering (React's pattern for state derived from a prop), not in an effect, so the
  // field never shows the old text for a frame.
  if (seen !== stored) {
    setSeen(stored);
    if (canonical(draft) !== stored) setDraft(stored);
  }
  return [draft, setDraft];
}
