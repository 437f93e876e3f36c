// "Run with file…" in the run panel: the user picks a local .json, .jsonl or .csv file in the browser,
// its messages (./input-file.ts) become the input of the open flow's trigger, and the flow is
// test-run on them. With several triggers it asks which one; a file it cannot read is refused with the
// reason and the line, and nothing runs.
import { useId, useRef, useState, type ChangeEvent, type ReactNode } from 'react';
import { getNodeKind } from '../../../shared/catalog/index.js';
import type { FlowDocument, FlowNode } from '../../../shared/flow/schema.js';
import { nodeLabel } from '../canvas/to-react-flow.js';
import { checkInputFile, INPUT_FILE_ACCEPT, parseInputFile } from './input-file.js';
import { plural } from './run-state.js';

interface PickedFile {
  name: string;
  messages: unknown[];
}

/**
 * Where picking a file got to. `attempt` is the test run's attempt it belongs to: once another run
 * starts (Run in the header) or another flow is opened, what was said about the file no longer shows.
 */
type FileRun = { attempt: number } & (
  | { phase: 'idle' }
  | { phase: 'refused'; error: string }
  | { phase: 'choosing'; file: PickedFile; triggerId: string }
  | { phase: 'ran'; file: PickedFile; trigger: string }
);

export interface RunWithFileOptions {
  doc: FlowDocument;
  busy: boolean;
  /** The test run's current attempt (RunState.attempt). */
  attempt: number;
  /** Starts a test run of `document` on `inputs` and returns its attempt. */
  start: (document: FlowDocument, inputs: Record<string, unknown[]>) => number;
}

export interface FileRunControls {
  /** The "Run with file…" button and its hidden file input, for the panel's header. */
  button: ReactNode;
  /** What became of the file: refused with the reason, the trigger to choose, or what was run. */
  notice: ReactNode;
}

export function useRunWithFile({ doc, busy, attempt, start }: RunWithFileOptions): FileRunControls {
  const input = useRef<HTMLInputElement>(null);
  const [picking, setPicking] = useState<FileRun>({ attempt, phase: 'idle' });
  const fileRun: FileRun = picking.attempt === attempt ? picking : { attempt, phase: 'idle' };
  const setFileRun = (next: DistributiveOmit<FileRun, 'attempt'>): void => setPicking({ ...next, attempt } as FileRun);
  const triggers = doc.nodes.filter(isTrigger);

  const runOn = (file: PickedFile, trigger: FlowNode): void => {
    const started = start(doc, { [trigger.id]: file.messages });
    setPicking({ attempt: started, phase: 'ran', file, trigger: nodeLabel(trigger) });
  };

  const picked = async (event: ChangeEvent<HTMLInputElement>): Promise<void> => {
    const chosen = event.target.files?.[0];
    event.target.value = ''; // the same file picked again (after fixing it) is a change too
    if (!chosen) return;
    const refused = checkInputFile(chosen.name, chosen.size);
    if (refused && !refused.ok) return setFileRun({ phase: 'refused', error: refused.error });
    let text: string;
    try {
      text = await chosen.text();
    } catch (error) {
      return setFileRun({ phase: 'refused', error: `${chosen.name} could not be read: ${error instanceof Error ? error.message : String(error)}` });
    }
    const parsed = parseInputFile(chosen.name, text);
    if (!parsed.ok) return setFileRun({ phase: 'refused', error: parsed.error });
    const file = { name: chosen.name, messages: parsed.messages };
    const [only, ...others] = triggers;
    if (!only) return setFileRun({ phase: 'refused', error: `This flow has no trigger to feed ${chosen.name} to; add a trigger first.` });
    if (others.length === 0) return runOn(file, only);
    setFileRun({ phase: 'choosing', file, triggerId: only.id });
  };

  const button = (
    <>
      <button type="button" className="button" disabled={busy || fileRun.phase === 'choosing'} onClick={() => input.current?.click()} title="Test-run the flow on the messages of a local .json (one message or an array), .jsonl (one per line) or .csv (one per row, with a header row) file">
        Run with file…
      </button>
      <input ref={input} type="file" accept={INPUT_FILE_ACCEPT} hidden onChange={(event) => void picked(event)} aria-label="Input file" />
    </>
  );
  let notice: ReactNode = null;
  if (fileRun.phase === 'refused') {
    notice = <p className="run-error-text" role="alert">{fileRun.error}</p>;
  } else if (fileRun.phase === 'ran') {
    notice = <p className="run-muted run-file-note">Input: {fileRun.file.name}, {plural(fileRun.file.messages.length, 'message')} into {fileRun.trigger}.</p>;
  } else if (fileRun.phase === 'choosing') {
    notice = <TriggerChoice choosing={fileRun} triggers={triggers} busy={busy} onChange={setFileRun} onRun={runOn} />;
  }
  return { button, notice };
}

function TriggerChoice({ choosing, triggers, busy, onChange, onRun }: {
  choosing: Extract<FileRun, { phase: 'choosing' }>;
  triggers: FlowNode[];
  busy: boolean;
  onChange: (next: DistributiveOmit<FileRun, 'attempt'>) => void;
  onRun: (file: PickedFile, trigger: FlowNode) => void;
}) {
  const id = useId();
  const chosen = triggers.find((node) => node.id === choosing.triggerId);
  return (
    <div className="run-file-choice" role="group" aria-label="Trigger for the input file">
      <label htmlFor={id}>This flow has {triggers.length} triggers. Feed the {plural(choosing.file.messages.length, 'message')} of {choosing.file.name} to</label>
      <select id={id} value={choosing.triggerId} onChange={(event) => onChange({ ...choosing, triggerId: event.target.value })}>
        {triggers.map((node) => (
          <option key={node.id} value={node.id}>
            {nodeLabel(node)}
          </option>
        ))}
      </select>
      <button type="button" className="button" disabled={busy || !chosen} onClick={() => chosen && onRun(choosing.file, chosen)}>
        Run on this trigger
      </button>
      <button type="button" className="button" onClick={() => onChange({ phase: 'idle' })}>
        Cancel
      </button>
    </div>
  );
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

function isTrigger(node: FlowNode): boolean {
  return getNodeKind(node.type)?.isTrigger === true;
}
