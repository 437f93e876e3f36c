// Checks that a JSON-lines input line is JSON without building its value (DESIGN.md §4 "Input"): the
// whole file is validated before a run queues anything, and parsing every line there only to throw the
// values away cost as much as parsing them again to run them. This scanner reads the line's bytes as
// they lie in the read buffer — no string, no objects — and answers only what it is sure of: a line of
// plain JSON (ASCII outside strings) is `VALID`, a line of ASCII blanks `BLANK`. Anything else (a BOM,
// Unicode spaces that `trim` would drop, a syntax error) is `UNSURE`, and the caller decides it the
// exact way the run reads the line — decode, trim, JSON.parse — which also words the error.

export const BLANK = 0;
export const VALID = 1;
export const UNSURE = 2;
export type LineSyntax = typeof BLANK | typeof VALID | typeof UNSURE;

const SPACE = 0x20;
const TAB = 0x09;
const LF = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const MINUS = 0x2d;
const PLUS = 0x2b;
const DOT = 0x2e;
const ZERO = 0x30;
const NINE = 0x39;

/** Where the scanner is inside the innermost open container. */
const IN_ARRAY = 0;
const IN_OBJECT = 1;

/** The verdict on `bytes[start, end)`: one JSON value between JSON whitespace, blank, or not sure. */
export function lineSyntax(bytes: Uint8Array, start: number, end: number): LineSyntax {
  let at = skipBlanks(bytes, start, end);
  if (at === end) return BLANK;
  // The open containers, innermost last; a plain array of small integers stays unboxed in V8.
  const open: number[] = [];
  for (;;) {
    // A value.
    const c = bytes[at] as number;
    if (c === OPEN_ARRAY || c === OPEN_OBJECT) {
      at = skipBlanks(bytes, at + 1, end);
      if (at === end) return UNSURE;
      if (bytes[at] === (c === OPEN_ARRAY ? CLOSE_ARRAY : CLOSE_OBJECT)) {
        at += 1; // An empty container is a whole value.
      } else {
        open.push(c === OPEN_ARRAY ? IN_ARRAY : IN_OBJECT);
        if (c === OPEN_OBJECT) {
          at = memberKey(bytes, at, end);
          if (at < 0) return UNSURE;
        }
        continue;
      }
    } else {
      at = scalarEnd(bytes, at, end);
      if (at < 0) return UNSURE;
    }
    // After a value: close containers until one goes on with a comma, or the line ends.
    for (;;) {
      at = skipBlanks(bytes, at, end);
      if (open.length === 0) return at === end ? VALID : UNSURE;
      if (at === end) return UNSURE;
      const next = bytes[at] as number;
      const inner = open[open.length - 1];
      if (next === COMMA) {
        at = skipBlanks(bytes, at + 1, end);
        if (at === end) return UNSURE;
        if (inner === IN_OBJECT) {
          at = memberKey(bytes, at, end);
          if (at < 0) return UNSURE;
        }
        break;
      }
      if (next !== (inner === IN_ARRAY ? CLOSE_ARRAY : CLOSE_OBJECT)) return UNSURE;
      open.pop();
      at += 1;
    }
  }
}

/** Past `"key" :` and the blanks after it, at the member's value; -1 when that is not what is there. */
function memberKey(bytes: Uint8Array, at: number, end: number): number {
  if (bytes[at] !== QUOTE) return -1;
  at = stringEnd(bytes, at, end);
  if (at < 0) return -1;
  at = skipBlanks(bytes, at, end);
  if (at === end || bytes[at] !== COLON) return -1;
  at = skipBlanks(bytes, at + 1, end);
  return at === end ? -1 : at;
}

function skipBlanks(bytes: Uint8Array, at: number, end: number): number {
  while (at < end) {
    const c = bytes[at];
    if (c !== SPACE && c !== TAB && c !== CR && c !== LF) break;
    at += 1;
  }
  return at;
}

/** Past a string, number or literal starting at `at`; -1 when there is none. */
function scalarEnd(bytes: Uint8Array, at: number, end: number): number {
  const c = bytes[at] as number;
  if (c === QUOTE) return stringEnd(bytes, at, end);
  if (c === MINUS || (c >= ZERO && c <= NINE)) return numberEnd(bytes, at, end);
  if (c === 0x74) return literalEnd(bytes, at, end, TRUE);
  if (c === 0x66) return literalEnd(bytes, at, end, FALSE);
  if (c === 0x6e) return literalEnd(bytes, at, end, NULL);
  return -1;
}

const TRUE = [0x74, 0x72, 0x75, 0x65];
const FALSE = [0x66, 0x61, 0x6c, 0x73, 0x65];
const NULL = [0x6e, 0x75, 0x6c, 0x6c];

function literalEnd(bytes: Uint8Array, at: number, end: number, word: number[]): number {
  if (end - at < word.length) return -1;
  for (let i = 0; i < word.length; i++) if (bytes[at + i] !== word[i]) return -1;
  return at + word.length;
}

/**
 * Past the closing quote of the string opening at `at`. Bytes from 0x80 up are taken as they come: the
 * decoder turns a broken sequence into U+FFFD, which JSON.parse accepts in a string; a raw control
 * character is refused, as JSON.parse refuses it.
 */
function stringEnd(bytes: Uint8Array, at: number, end: number): number {
  at += 1;
  while (at < end) {
    const c = bytes[at] as number;
    if (c === QUOTE) return at + 1;
    if (c < SPACE) return -1;
    if (c !== BACKSLASH) {
      at += 1;
      continue;
    }
    if (at + 1 >= end) return -1;
    const escaped = bytes[at + 1];
    if (escaped === 0x75) { // \uXXXX
      if (at + 6 > end) return -1;
      for (let i = at + 2; i < at + 6; i++) if (!isHexDigit(bytes[i] as number)) return -1;
      at += 6;
    } else if (escaped === QUOTE || escaped === BACKSLASH || escaped === 0x2f || escaped === 0x62 || escaped === 0x66 || escaped === 0x6e || escaped === 0x72 || escaped === 0x74) {
      at += 2;
    } else return -1;
  }
  return -1;
}

function isHexDigit(c: number): boolean {
  return (c >= ZERO && c <= NINE) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
}

/** `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?` */
function numberEnd(bytes: Uint8Array, at: number, end: number): number {
  if (bytes[at] === MINUS) at += 1;
  if (at === end) return -1;
  if (bytes[at] === ZERO) at += 1;
  else {
    const digits = digitsEnd(bytes, at, end);
    if (digits === at) return -1;
    at = digits;
  }
  if (at < end && bytes[at] === DOT) {
    const digits = digitsEnd(bytes, at + 1, end);
    if (digits === at + 1) return -1;
    at = digits;
  }
  if (at < end && (bytes[at] === 0x65 || bytes[at] === 0x45)) {
    at += 1;
    if (at < end && (bytes[at] === PLUS || bytes[at] === MINUS)) at += 1;
    const digits = digitsEnd(bytes, at, end);
    if (digits === at) return -1;
    at = digits;
  }
  return at;
}

function digitsEnd(bytes: Uint8Array, at: number, end: number): number {
  while (at < end) {
    const c = bytes[at] as number;
    if (c < ZERO || c > NINE) break;
    at += 1;
  }
  return at;
}
