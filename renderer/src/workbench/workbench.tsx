// The mapping workbench: a large three-pane dialog over the designer — input | expression | output —
// for the JSONata field the mapping panel edits. The expression is the panel's own value, edited
// through the same store path (one document, undo works) a moment after each keystroke (./draft.ts);
// the panel stays mounted beneath, so closing the workbench (Esc, Close) leaves it showing the same
// expression. Pane widths are remembered.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import type { Problem } from '../../../shared/errors.js';
import type { FlowDocument } from '../../../shared/flow/schema.js';
import { shortcutOf } from '../canvas/shortcuts.js';
import { ExpressionEditor, type ExpressionEditorHandle } from '../mapping/expression-editor.js';
import { InputPane } from './input-pane.js';
import { OutputPane } from './output-pane.js';
import { ExpressionTools } from './expression-tools.js';
import { loadWidths, moveHandle, saveWidths, type PaneWidths } from './pane-widths.js';
import { subExpressionAt } from './sub-expression.js';
import { useSampleOutputs } from './use-sample-outputs.js';
import { useDraftExpression } from '../mapping/use-draft-expression.js';
import './workbench.css';

export interface WorkbenchProps {
  nodeId: string;
  nodeLabel: string;
  fieldLabel: string;
  kind: 'expression' | 'template';
  doc: FlowDocument;
  expression: string;
  onChange: (value: string) => void;
  onSeal: () => void;
  problems: readonly Problem[];
  samples: readonly unknown[];
  origin: string | undefined;
  missing: string | undefined;
  theme: 'light' | 'dark';
  onClose: () => void;
}

const storage = (): Storage | undefined => (typeof localStorage === 'undefined' ? undefined : localStorage);

export function Workbench(props: WorkbenchProps) {
  const { nodeId, nodeLabel, fieldLabel, kind, doc, onChange, onSeal, problems, samples, theme, onClose } = props;
  const { expression, change, commitNow } = useDraftExpression(props.expression, onChange);
  const seal = () => {
    commitNow();
    onSeal();
  };
  const editor = useRef<ExpressionEditorHandle | null>(null);
  const dialog = useRef<HTMLDivElement>(null);
  const [widths, setWidths] = useState<PaneWidths>(() => loadWidths(storage()));
  const [cursor, setCursor] = useState<number | undefined>(undefined);
  const insertPath = useCallback((path: string) => editor.current?.insert(path), []);
  const sub = useMemo(() => (kind === 'expression' && cursor !== undefined ? subExpressionAt(expression, cursor) : undefined), [kind, cursor, expression]);
  const outputs = useSampleOutputs({ expression, kind, samples, ...(sub ? { sub: sub.text } : {}) });
  // A keystroke asks for its outputs at once, before React renders it (./outputs-asker.ts); a cheap
  // expression's outputs are rendered with the typed text in the same frame (./quick-outputs.ts).
  const typed = (value: string) => {
    change(value);
    outputs.ask({ expression: value, kind, samples });
  };

  useEffect(() => saveWidths(storage(), widths), [widths]);

  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : undefined;
    const behind = inertBehind(dialog.current?.parentElement ?? undefined);
    dialog.current?.focus();
    return () => {
      for (const element of behind) element.inert = false;
      opener?.focus();
    };
  }, []);

  const onKeyDown = (event: React.KeyboardEvent) => {
    // The designer's shortcuts (Ctrl+S, …) act on the document from a window listener, after this one:
    // whatever was typed reaches the document first, not once typing pauses.
    if (shortcutOf(event) !== undefined) commitNow();
    if (event.key === 'Tab' && !event.defaultPrevented && dialog.current) keepTabInside(event, dialog.current);
    // Monaco handles Esc itself when a widget (completion, hover) is open: it then prevents the default.
    if (event.key === 'Escape' && !event.defaultPrevented) {
      event.stopPropagation();
      seal();
      onClose();
    }
  };

  return createPortal(
    // `nokey`: React Flow's Space-to-pan ignores this subtree, so spaces reach the editor (as in the inspector).
    <div className="workbench-backdrop nokey">
      <div ref={dialog} className="workbench" role="dialog" aria-modal="true" aria-label={`Mapping workbench — ${nodeLabel}`} tabIndex={-1} onKeyDown={onKeyDown}>
        <header className="workbench-head">
          <h2>
            Mapping workbench — {nodeLabel} <span className="inspector-muted">· {fieldLabel}</span>
          </h2>
          <button
            type="button"
            className="button"
            onClick={() => {
              seal();
              onClose();
            }}
          >
            Close
          </button>
        </header>
        <div className="workbench-panes" style={{ gridTemplateColumns: `${widths[0]}fr 6px ${widths[1]}fr 6px ${widths[2]}fr` }}>
          <InputPane samples={samples} origin={props.origin} missing={props.missing} onInsert={insertPath} />
          <ResizeHandle label="Resize input and expression panes" value={widths[0]} onMove={(delta) => setWidths((current) => moveHandle(current, 0, delta))} />
          <section className="workbench-pane workbench-expression" aria-label="Expression">
            <header className="workbench-pane-head">
              <h3>Expression</h3>
              <ExpressionTools
                kind={kind}
                expression={expression}
                onFormatted={(formatted) => {
                  change(formatted);
                  commitNow();
                }}
              />
            </header>
            <div className="workbench-editor">
              <ExpressionEditor value={expression} onChange={typed} onBlur={seal} problems={problems} sample={samples[0]} theme={theme} handle={editor} onCursor={setCursor} label="Workbench expression" wide />
            </div>
            <p className="workbench-sub" role="status" aria-label="Value under the cursor">
              {sub ? (
                <>
                  <code>{sub.text}</code> = <SubValue outcome={outputs.sub} />
                </>
              ) : (
                <span className="inspector-muted">Move the cursor into the expression to see the value of the part under it.</span>
              )}
            </p>
          </section>
          <ResizeHandle label="Resize expression and output panes" value={widths[0] + widths[1]} onMove={(delta) => setWidths((current) => moveHandle(current, 1, delta))} />
          <OutputPane doc={doc} nodeId={nodeId} outputs={outputs} sampleCount={samples.length} hasExpression={expression.trim() !== ''} />
        </div>
      </div>
    </div>,
    document.body,
  );
}

function SubValue({ outcome }: { outcome: ReturnType<typeof useSampleOutputs>['sub'] }) {
  if (!outcome) return <span className="inspector-muted">…</span>;
  if ('failure' in outcome) return <span className="mapping-output-error">{outcome.failure}</span>;
  const text = outcome.view.state === 'result' ? outcome.view.text.replace(/\s*\n\s*/g, ' ') : outcome.view.state === 'empty' ? 'no result' : outcome.view.text;
  return <code className={outcome.view.state === 'error' ? 'mapping-output-error' : undefined}>{text.length > 200 ? `${text.slice(0, 197)}…` : text}</code>;
}

/** A drag handle between two panes; the arrow keys move it too (Shift for bigger steps). */
function ResizeHandle({ label, value, onMove }: { label: string; value: number; onMove: (deltaPercent: number) => void }) {
  const startDrag = (event: React.PointerEvent<HTMLDivElement>) => {
    const panes = event.currentTarget.parentElement;
    if (!panes) return;
    const width = panes.getBoundingClientRect().width;
    let last = event.clientX;
    event.currentTarget.setPointerCapture(event.pointerId);
    const move = (moveEvent: PointerEvent) => {
      onMove(((moveEvent.clientX - last) / width) * 100);
      last = moveEvent.clientX;
    };
    const target = event.currentTarget;
    const stop = () => {
      target.removeEventListener('pointermove', move);
      target.removeEventListener('pointerup', stop);
    };
    target.addEventListener('pointermove', move);
    target.addEventListener('pointerup', stop);
  };
  return (
    <div
      role="separator"
      aria-orientation="vertical"
      aria-label={label}
      aria-valuenow={Math.round(value)}
      aria-valuemin={0}
      aria-valuemax={100}
      tabIndex={0}
      className="workbench-handle"
      onPointerDown={startDrag}
      onKeyDown={(event) => {
        const step = event.shiftKey ? 10 : 2;
        if (event.key === 'ArrowLeft') onMove(-step);
        else if (event.key === 'ArrowRight') onMove(step);
        else return;
        event.preventDefault();
      }}
    />
  );
}

/**
 * Makes the page behind the workbench inert while it is open, so that the designer behind takes no
 * click, key or focus (what `aria-modal` promises but does not do). Returns the elements made inert, to
 * be given back; Monaco's live region for screen readers stays as it is.
 */
function inertBehind(backdrop: HTMLElement | undefined): HTMLElement[] {
  if (!backdrop) return [];
  const behind = [...document.body.children].filter(
    (element): element is HTMLElement => element instanceof HTMLElement && element !== backdrop && !element.inert && !element.classList.contains('monaco-aria-container'),
  );
  for (const element of behind) element.inert = true;
  return behind;
}

const TABBABLE = 'button, [href], input, select, textarea, [tabindex]:not([tabindex="-1"])';

/** Tab on the last control goes to the first, Shift+Tab on the first to the last, instead of leaving the page. */
function keepTabInside(event: React.KeyboardEvent, root: HTMLElement): void {
  const tabbable = [...root.querySelectorAll<HTMLElement>(TABBABLE)].filter((element) => !element.matches(':disabled') && element.tabIndex >= 0 && element.getClientRects().length > 0);
  const first = tabbable[0];
  const last = tabbable.at(-1);
  if (!first || !last) return;
  const active = document.activeElement;
  if (event.shiftKey && (active === first || active === root)) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && active === last) {
    event.preventDefault();
    first.focus();
  }
}
