// A Monaco editor for one JSONata expression: highlighting, brackets, completion of functions and of
// the sample's field paths, and squiggles at the ranges of the given problems. Monaco loads on first
// use; until then a plain text area stands in, so the field is usable at once. `handle` lets the
// sample tree insert a field path at the cursor.
import { useEffect, useLayoutEffect, useRef, useState, type DragEvent, type RefObject } from 'react';
import type * as Monaco from 'monaco-editor/editor';
import type { Problem } from '../../../shared/errors.js';
import { insertAt } from '../samples/insert-text.js';
import { whenQuiet } from './when-quiet.js';
import './expression-editor.css';

type MonacoModule = typeof import('./monaco-setup.js');

/** How long the user must leave the designer alone (no pointer, wheel or key) before Monaco loads. */
const PRELOAD_AFTER_QUIET_MS = 1000;

/**
 * Loads Monaco ahead of the first expression opened, once the user leaves the designer alone for a
 * moment. Monaco is a ~3 MB chunk: loaded on the first selection of a node it made that click take over
 * two seconds, with long tasks of up to ~0.4 s (later selections: ~0.15 s). Its loading is one such long
 * task too, so it waits for a pause in the input rather than landing in a pan or a drag. Called by the
 * inspector, which is always shown.
 */
export function usePreloadedExpressionEditor(): void {
  useEffect(() => whenQuiet(window, () => void import('./monaco-setup.js'), PRELOAD_AFTER_QUIET_MS), []);
}

export interface ExpressionEditorProps {
  value: string;
  onChange: (value: string) => void;
  /** Called when the editor loses focus: ends the run of coalesced edits. */
  onBlur?: () => void;
  label?: string;
  /** Problems whose `range` lies inside this expression. */
  problems?: readonly Problem[];
  /** Sample input for field-path completion. */
  sample?: unknown;
  theme: 'light' | 'dark';
  /** Filled with what the editor lets others do (insert at the cursor). */
  handle?: RefObject<ExpressionEditorHandle | null>;
  /** Told the cursor's offset in the expression as it moves (the workbench shows the value there). */
  onCursor?: (offset: number) => void;
  /** Extra Monaco options (the workbench's wide editor shows line numbers). */
  wide?: boolean;
}

export interface ExpressionEditorHandle {
  /** Replaces the selection (or inserts at the cursor) with `text`, then focuses the editor. */
  insert(text: string): void;
}

export function ExpressionEditor({ value, onChange, onBlur, label = 'Mapping expression', problems = [], sample, theme, handle, onCursor, wide = false }: ExpressionEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const fallback = useRef<HTMLTextAreaElement>(null);
  const [loaded, setLoaded] = useState<{ module: MonacoModule; editor: Monaco.editor.IStandaloneCodeEditor }>();
  const callbacks = useRef({ onChange, onBlur, onCursor });
  callbacks.current = { onChange, onBlur, onCursor };
  /** True while the value is being put in from `value`, not typed. */
  const settingValue = useRef(false);

  useEffect(() => {
    let disposed = false;
    let editor: Monaco.editor.IStandaloneCodeEditor | undefined;
    void import('./monaco-setup.js').then((module) => {
      if (disposed || !host.current) return;
      const { monaco } = module;
      editor = monaco.editor.create(host.current, {
        value,
        language: 'jsonata',
        ariaLabel: label,
        automaticLayout: true,
        minimap: { enabled: false },
        lineNumbers: wide ? 'on' : 'off',
        glyphMargin: false,
        folding: false,
        scrollBeyondLastLine: false,
        wordWrap: 'on',
        fontSize: 13,
        fixedOverflowWidgets: true,
      });
      editor.onDidChangeModelContent(() => {
        // The value put in from outside (below) is not typing: echoing it would hand the owner its own value.
        if (!settingValue.current) callbacks.current.onChange(editor?.getValue() ?? '');
      });
      editor.onDidBlurEditorText(() => callbacks.current.onBlur?.());
      editor.onDidChangeCursorPosition((event) => {
        const offset = editor?.getModel()?.getOffsetAt(event.position);
        if (offset !== undefined) callbacks.current.onCursor?.(offset);
      });
      setLoaded({ module, editor });
    });
    return () => {
      disposed = true;
      editor?.getModel()?.dispose();
      editor?.dispose();
    };
    // Created once; value, sample and problems are pushed by the effects below.
  }, []);

  // A layout effect, run in the same task as the render: a passive effect can run after the next
  // keystroke reached Monaco, and would then put back the value before it (and the cursor at the
  // start) when the owner's state updates after the keystroke, as the workbench's typed draft does.
  useLayoutEffect(() => {
    if (!loaded || loaded.editor.getValue() === value) return;
    settingValue.current = true;
    try {
      loaded.editor.setValue(value);
    } finally {
      settingValue.current = false;
    }
  }, [loaded, value]);

  useEffect(() => {
    if (!handle) return;
    handle.current = {
      insert(text) {
        if (loaded) {
          const selection = loaded.editor.getSelection();
          if (selection) loaded.editor.executeEdits('sample-tree', [{ range: selection, text, forceMoveMarkers: true }]);
          loaded.editor.focus();
          return;
        }
        const area = fallback.current;
        const edit = insertAt(area?.value ?? value, area?.selectionStart ?? value.length, area?.selectionEnd ?? value.length, text);
        callbacks.current.onChange(edit.value);
        requestAnimationFrame(() => {
          area?.focus();
          area?.setSelectionRange(edit.cursor, edit.cursor);
        });
      },
    };
    return () => {
      handle.current = null;
    };
  }, [handle, loaded, value]);

  useEffect(() => loaded?.module.monaco.editor.setTheme(theme === 'dark' ? 'vs-dark' : 'vs'), [loaded, theme]);

  useEffect(() => {
    const model = loaded?.editor.getModel();
    if (!loaded || !model) return;
    loaded.module.setSampleFor(model, sample);
    const { monaco } = loaded.module;
    const markers = problems.flatMap((problem) => {
      if (!problem.range) return [];
      const start = model.getPositionAt(problem.range.start);
      const end = model.getPositionAt(Math.max(problem.range.end, problem.range.start + 1));
      return [{ severity: monaco.MarkerSeverity.Error, message: problem.message, code: problem.code, startLineNumber: start.lineNumber, startColumn: start.column, endLineNumber: end.lineNumber, endColumn: end.column }];
    });
    monaco.editor.setModelMarkers(model, 'pipewright', markers);
  }, [loaded, problems, sample]);

  // A field dragged from the workbench's input tree (text/plain) lands where it is dropped. Handled
  // here, in the capture phase, because Monaco's own drop support does not take text from the page.
  const dropHandlers = wide
    ? {
        onDragOverCapture: (event: DragEvent<HTMLDivElement>) => {
          if (!event.dataTransfer.types.includes('text/plain')) return;
          event.preventDefault();
          event.dataTransfer.dropEffect = 'copy';
        },
        onDropCapture: (event: DragEvent<HTMLDivElement>) => {
          const text = event.dataTransfer.getData('text/plain');
          if (!text) return;
          event.preventDefault();
          event.stopPropagation();
          if (!loaded) return handle?.current?.insert(text);
          const position = loaded.editor.getTargetAtClientPoint(event.clientX, event.clientY)?.position ?? loaded.editor.getPosition();
          if (!position) return;
          const { monaco } = loaded.module;
          loaded.editor.executeEdits('workbench-drop', [{ range: new monaco.Range(position.lineNumber, position.column, position.lineNumber, position.column), text, forceMoveMarkers: true }]);
          loaded.editor.focus();
        },
      }
    : {};

  return (
    <div className={wide ? 'expression-editor expression-editor-wide' : 'expression-editor'} {...dropHandlers}>
      <div ref={host} className="expression-editor-host" hidden={!loaded} />
      {!loaded && <textarea ref={fallback} className="input expression-editor-fallback" aria-label={label} value={value} onChange={(e) => onChange(e.target.value)} onBlur={onBlur} spellCheck={false} />}
    </div>
  );
}
