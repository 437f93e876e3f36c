// A node's sample input as JSON text: typed, pasted or loaded from a .json file. Valid text is stored
// at once (one undo step per run of typing); broken text stays in the box with the reason beside it
// and the stored sample unchanged. A sample too big to edit as text (a 5 MB payload would freeze the
// page for seconds in a text area) is shown by its size instead; a file replaces it.
import { useEffect, useId, useState } from 'react';
import type { FlowStore } from '../canvas/store.js';
import { oversizedSample, parseSampleJson, sampleText } from './sample-json.js';

export interface SampleEditorProps {
  store: FlowStore;
  nodeId: string;
  /** The node's own sample messages (the editor shows and edits the first). */
  samples: readonly unknown[] | undefined;
  /** Shown when the node has no sample of its own but is tried on another node's. */
  inheritedFrom?: string;
}

export function SampleEditor({ store, nodeId, samples, inheritedFrom }: SampleEditorProps) {
  const stored = samples?.[0];
  const oversized = oversizedSample(stored);
  const [draft, setDraft] = useState(() => (oversized === undefined ? sampleText(stored) : ''));
  const [error, setError] = useState<string>();
  const errorId = useId();

  // The stored sample changed from elsewhere (undo, a run's output): show it unless the draft already says the same.
  useEffect(() => {
    if (oversizedSample(stored) !== undefined) {
      setDraft('');
      setError(undefined);
      return;
    }
    setDraft((current) => {
      const parsed = parseSampleJson(current);
      return parsed.ok && JSON.stringify(parsed.value) === JSON.stringify(stored) ? current : sampleText(stored);
    });
    setError(undefined);
  }, [stored]);

  const commit = (text: string, coalesce: boolean) => {
    setDraft(text);
    const parsed = parseSampleJson(text);
    if (!parsed.ok) {
      setError(parsed.message);
      return;
    }
    setError(undefined);
    const rest = samples?.slice(1) ?? [];
    const next = parsed.value === undefined ? (rest.length > 0 ? rest : undefined) : [parsed.value, ...rest];
    if (JSON.stringify(next) === JSON.stringify(samples)) return;
    store.apply([{ type: 'set-samples', id: nodeId, samples: next }], coalesce ? { coalesceKey: `samples:${nodeId}` } : {});
  };

  const load = async (file: File) => {
    store.seal();
    commit(await file.text(), false);
  };

  return (
    <div className="sample-editor">
      {oversized !== undefined ? (
        <div className="inspector-field">
          <span>Sample JSON{samples && samples.length > 1 ? ` (message 1 of ${samples.length})` : ''}</span>
          <p className="inspector-muted" role="note">
            {`This sample is ${formatSize(oversized)} of JSON: too big to edit as text here. Load a file to replace it.`}
          </p>
          <button type="button" className="button" onClick={() => store.apply([{ type: 'set-samples', id: nodeId, samples: samples && samples.length > 1 ? samples.slice(1) : undefined }])}>
            Remove this sample
          </button>
        </div>
      ) : (
        <label className="inspector-field">
          <span>Sample JSON{samples && samples.length > 1 ? ` (message 1 of ${samples.length})` : ''}</span>
          <textarea
            className="input sample-editor-text"
            value={draft}
            spellCheck={false}
            rows={6}
            placeholder={inheritedFrom ? `Tried on the input worked out from ${inheritedFrom}; paste JSON to give this node its own.` : 'Paste a sample message as JSON, e.g. {"id": 1}'}
            aria-invalid={error !== undefined}
            aria-describedby={error ? errorId : undefined}
            onChange={(event) => commit(event.target.value, true)}
            onBlur={store.seal}
          />
        </label>
      )}
      {error && (
        <p id={errorId} className="field-error" role="alert">
          {error}
        </p>
      )}
      <label className="sample-editor-file">
        <span>Load sample file</span>
        <input
          type="file"
          accept=".json,application/json"
          onChange={(event) => {
            const file = event.target.files?.[0];
            if (file) void load(file);
            event.target.value = '';
          }}
        />
      </label>
    </div>
  );
}

function formatSize(characters: number): string {
  return characters >= 1024 * 1024 ? `${(characters / (1024 * 1024)).toFixed(1)} MB` : `${Math.round(characters / 1024)} KB`;
}
