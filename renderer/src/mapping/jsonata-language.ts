// JSONata for Monaco: tokens for highlighting, brackets, completion of the built-in functions (with
// signature help) and of field paths from the node's sample input. The sample comes from whoever opens
// an editor (`setSampleFor`), keyed by the editor model, so each editor completes its own input.
import type * as Monaco from 'monaco-editor/editor';
import { getJsonataFunction, jsonataFunctions } from '../../../shared/jsonata/functions.js';
import { filterPaths } from '../../../shared/jsonata/paths.js';
import { samplePaths } from '../samples/sample-paths.js';

export const JSONATA_LANGUAGE = 'jsonata';

const samples = new WeakMap<Monaco.editor.ITextModel, unknown>();

/** The sample input whose field paths the editor of `model` completes. */
export function setSampleFor(model: Monaco.editor.ITextModel, sample: unknown): void {
  samples.set(model, sample);
}

export function registerJsonata(monaco: typeof Monaco): void {
  monaco.languages.register({ id: JSONATA_LANGUAGE });
  monaco.languages.setLanguageConfiguration(JSONATA_LANGUAGE, {
    brackets: [['{', '}'], ['[', ']'], ['(', ')']],
    autoClosingPairs: [{ open: '{', close: '}' }, { open: '[', close: ']' }, { open: '(', close: ')' }, { open: '"', close: '"', notIn: ['string'] }, { open: "'", close: "'", notIn: ['string'] }, { open: '`', close: '`' }],
    comments: { blockComment: ['/*', '*/'] },
  });
  monaco.languages.setMonarchTokensProvider(JSONATA_LANGUAGE, {
    keywords: ['and', 'or', 'in', 'true', 'false', 'null', 'function'],
    tokenizer: {
      root: [
        [/\/\*/, 'comment', '@comment'],
        [/"([^"\\]|\\.)*"/, 'string'],
        [/'([^'\\]|\\.)*'/, 'string'],
        [/`[^`]*`/, 'identifier'],
        [/\$[A-Za-z_][\w]*/, 'variable'],
        [/\$/, 'variable'],
        [/-?\d+(\.\d+)?([eE][+-]?\d+)?/, 'number'],
        [/[A-Za-z_][\w]*/, { cases: { '@keywords': 'keyword', '@default': 'identifier' } }],
        [/[{}()[\]]/, '@brackets'],
        [/:=|!=|<=|>=|~>|\?:|\?\?|\.\.|[-+*/%=<>&|?:.,;^#@!~]/, 'operator'],
      ],
      comment: [
        [/\*\//, 'comment', '@pop'],
        [/[^*]+/, 'comment'],
        [/\*/, 'comment'],
      ],
    },
  });

  monaco.languages.registerCompletionItemProvider(JSONATA_LANGUAGE, {
    triggerCharacters: ['$', '.'],
    provideCompletionItems(model, position) {
      const line = model.getLineContent(position.lineNumber).slice(0, position.column - 1);
      const token = /(\$?[\w.`]*)$/.exec(line)?.[1] ?? '';
      const range = new monaco.Range(position.lineNumber, position.column - token.length, position.lineNumber, position.column);
      if (token.startsWith('$')) {
        return {
          suggestions: jsonataFunctions.map((fn) => ({
            label: fn.name,
            kind: monaco.languages.CompletionItemKind.Function,
            detail: fn.signature,
            documentation: fn.doc,
            insertText: `${fn.name}($0)`,
            insertTextRules: monaco.languages.CompletionItemInsertTextRule.InsertAsSnippet,
            range,
          })),
        };
      }
      return {
        suggestions: filterPaths(samplePaths(samples.get(model)), token).map((path) => ({
          label: path.path,
          kind: path.type === 'object' || path.type === 'array' ? monaco.languages.CompletionItemKind.Module : monaco.languages.CompletionItemKind.Field,
          detail: `${path.type} · ${path.preview}`,
          insertText: path.path,
          range,
        })),
      };
    },
  });

  monaco.languages.registerHoverProvider(JSONATA_LANGUAGE, {
    provideHover(model, position) {
      const found = functionAt(model.getLineContent(position.lineNumber), position.column - 1);
      const fn = found ? getJsonataFunction(found.name) : undefined;
      if (!found || !fn) return null;
      return {
        range: new monaco.Range(position.lineNumber, found.start + 1, position.lineNumber, found.end + 1),
        contents: [{ value: `\`${fn.signature}\`` }, { value: fn.doc }],
      };
    },
  });

  monaco.languages.registerSignatureHelpProvider(JSONATA_LANGUAGE, {
    signatureHelpTriggerCharacters: ['(', ','],
    provideSignatureHelp(model, position) {
      const text = model.getValueInRange(new monaco.Range(1, 1, position.lineNumber, position.column));
      const call = openCall(text);
      const fn = call ? getJsonataFunction(call.name) : undefined;
      if (!call || !fn) return null;
      const params = fn.signature.slice(fn.signature.indexOf('(') + 1, -1).split(/,\s*(?![^[]*\])/).filter(Boolean);
      return {
        value: {
          signatures: [{ label: fn.signature, documentation: fn.doc, parameters: params.map((label) => ({ label })) }],
          activeSignature: 0,
          activeParameter: Math.min(call.argument, Math.max(params.length - 1, 0)),
        },
        dispose: () => undefined,
      };
    },
  });
}

/** The innermost unclosed `$name(` before the cursor and which argument the cursor is in. */
export function openCall(text: string): { name: string; argument: number } | undefined {
  const stack: Array<{ name: string | undefined; argument: number }> = [];
  let quote: string | undefined;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i] as string;
    if (quote) {
      if (ch === '\\') i += 1;
      else if (ch === quote) quote = undefined;
    } else if (ch === '"' || ch === "'" || ch === '`') quote = ch;
    else if (ch === '(') stack.push({ name: /\$\w+$/.exec(text.slice(0, i))?.[0], argument: 0 });
    // Array and object literals nest too: a comma inside them separates no arguments of the call.
    else if (ch === '[' || ch === '{') stack.push({ name: undefined, argument: 0 });
    else if (ch === ')' || ch === ']' || ch === '}') stack.pop();
    else if (ch === ',' && stack.length > 0) (stack[stack.length - 1] as { argument: number }).argument += 1;
  }
  const top = stack[stack.length - 1];
  return top?.name ? { name: top.name, argument: top.argument } : undefined;
}

/** The `$name` that the character at `index` of `line` belongs to (for hover docs). */
export function functionAt(line: string, index: number): { name: string; start: number; end: number } | undefined {
  for (const match of line.matchAll(/\$\w+/g)) {
    const start = match.index;
    const end = start + match[0].length;
    if (index >= start && index < end) return { name: match[0], start, end };
  }
  return undefined;
}
