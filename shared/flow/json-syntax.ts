// Finds where JSON text breaks and says why, the same way on every JavaScript engine: JSON.parse's
// messages differ between Node versions and some ("Unexpected token …") carry no position at all.
// Iterative, so a deeply nested document cannot overflow the stack.

export interface JsonSyntaxError {
  /** Offset of the offending character (the text length for an early end). */
  offset: number;
  message: string;
}

type State = 'value' | 'key' | 'colon' | 'after';

export function findJsonSyntaxError(text: string): JsonSyntaxError | undefined {
  const stack: Array<'object' | 'array'> = [];
  let state: State = 'value';
  let i = 0;
  const fail = (offset: number, message: string): JsonSyntaxError => ({ offset, message });
  for (;;) {
    i = skipSpace(text, i);
    if (i >= text.length) {
      return state === 'after' && stack.length === 0 ? undefined : fail(text.length, 'unexpected end of JSON text; something is missing or unclosed');
    }
    const ch = text[i] as string;
    if (state === 'value') {
      if (ch === '{' || ch === '[') {
        stack.push(ch === '{' ? 'object' : 'array');
        i = skipSpace(text, i + 1);
        if (text[i] === (ch === '{' ? '}' : ']')) {
          stack.pop();
          i++;
          state = 'after';
        } else {
          state = ch === '{' ? 'key' : 'value';
        }
        continue;
      }
      const end = ch === '"' ? scanString(text, i) : ch === '-' || isDigit(ch) ? scanNumber(text, i) : scanLiteral(text, i);
      if (typeof end !== 'number') return end;
      i = end;
      state = 'after';
    } else if (state === 'key') {
      if (ch !== '"') return fail(i, `expected a property name in double quotes, found ${show(ch)}`);
      const end = scanString(text, i);
      if (typeof end !== 'number') return end;
      i = end;
      state = 'colon';
    } else if (state === 'colon') {
      if (ch !== ':') return fail(i, `expected ":" after the property name, found ${show(ch)}`);
      i++;
      state = 'value';
    } else {
      const top = stack[stack.length - 1];
      if (top === undefined) return fail(i, `unexpected ${show(ch)} after the end of the JSON value`);
      const close = top === 'object' ? '}' : ']';
      if (ch === ',') {
        i++;
        state = top === 'object' ? 'key' : 'value';
      } else if (ch === close) {
        stack.pop();
        i++;
      } else {
        return fail(i, `expected "," or "${close}", found ${show(ch)}`);
      }
    }
  }
}

/** 1-based line and column of an offset. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text[i] === '\n') {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

function skipSpace(text: string, i: number): number {
  while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  return i;
}

function scanString(text: string, start: number): number | JsonSyntaxError {
  let i = start + 1;
  while (i < text.length) {
    const ch = text[i] as string;
    if (ch === '"') return i + 1;
    if (ch.charCodeAt(0) < 0x20) return { offset: i, message: 'line break or control character inside a string; escape it (\\n, \\t, …)' };
    if (ch === '\\') {
      const escape = text[i + 1];
      if (escape === 'u') {
        if (!/^[0-9A-Fa-f]{4}$/.test(text.slice(i + 2, i + 6))) return { offset: i, message: 'invalid \\u escape in a string; it needs four hex digits' };
        i += 6;
        continue;
      }
      if (escape === undefined || !'"\\/bfnrt'.includes(escape)) return { offset: i, message: 'invalid escape in a string' };
      i += 2;
      continue;
    }
    i++;
  }
  return { offset: text.length, message: 'unterminated string; add the closing double quote' };
}

function scanNumber(text: string, start: number): number | JsonSyntaxError {
  const match = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(start, start + 400));
  if (!match) return { offset: start, message: `invalid number` };
  const end = start + match[0].length;
  const next = text[end];
  if (next !== undefined && /[0-9.eE+-]/.test(next)) return { offset: end, message: `invalid number` };
  return end;
}

function scanLiteral(text: string, start: number): number | JsonSyntaxError {
  for (const literal of ['true', 'false', 'null']) {
    if (text.startsWith(literal, start)) return start + literal.length;
  }
  const ch = text[start] as string;
  const hint = ch === "'" ? '; JSON strings use double quotes' : '';
  return { offset: start, message: `unexpected ${show(ch)}${hint}` };
}

function isDigit(ch: string): boolean {
  return ch >= '0' && ch <= '9';
}

function show(ch: string): string {
  return JSON.stringify(ch);
}
