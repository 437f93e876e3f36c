// Monaco, bundled from node_modules (never a CDN): the editor core, only the editor features the
// mapping editor uses, and its web worker built by Vite (`?worker`). Imported lazily — the first
// expression editor that opens pays for it, the canvas does not.
import * as monaco from 'monaco-editor/editor';
import 'monaco-editor/features/codicon/register';
import 'monaco-editor/features/bracketMatching/register';
import 'monaco-editor/features/suggest/register';
import 'monaco-editor/features/parameterHints/register';
import 'monaco-editor/features/hover/register';
import 'monaco-editor/features/find/register';
import 'monaco-editor/features/clipboard/register';
import 'monaco-editor/features/comment/register';
import 'monaco-editor/features/wordHighlighter/register';
import 'monaco-editor/features/linesOperations/register';
import 'monaco-editor/features/cursorUndo/register';
import 'monaco-editor/features/multicursor/register';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import { registerJsonata } from './jsonata-language.js';

export { setSampleFor } from './jsonata-language.js';

self.MonacoEnvironment = {
  getWorker: () => new EditorWorker(),
};

registerJsonata(monaco);

export { monaco };
