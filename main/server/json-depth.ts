// How deep a JSON text nests, found by one pass over its characters before it is parsed. The parsers
// and everything after them (validation, JSONata, serialising the answer) recurse per level, so a body
// of 100,000 brackets would overflow the stack somewhere deep inside a handler and answer 500. The
// server refuses such a body at the door instead, with a clear 400 (issue "Hardening", DESIGN.md §11).

/** Deeper than any flow, sample or message a person writes; shallow enough for every recursive walk. */
export const MAX_JSON_DEPTH = 1000;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;

/** The offset at which `text` first nests deeper than `max`, or undefined. Strings are skipped whole. */
export function depthExceededAt(text: string, max: number = MAX_JSON_DEPTH): number | undefined {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === BACKSLASH) i += 1;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) inString = true;
    else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      depth += 1;
      if (depth > max) return i;
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) depth -= 1;
  }
  return undefined;
}
