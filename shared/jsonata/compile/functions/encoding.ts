// The encoding built-ins ($base64encode $base64decode $encodeUrl $encodeUrlComponent $decodeUrl
// $decodeUrlComponent). jsonata on Node goes through Buffer's 'binary' (latin-1) encoding: each UTF-16 unit
// keeps its low byte, and decoding forgives whitespace, unknown characters and the URL-safe alphabet.
// Buffer is Node-only, so this is a small codec with those same rules (shared/ stays host-neutral).
import type { BuiltinFunction } from '../contract.js';
import { defineBuiltin } from './define.js';
import { jsonataError } from './errors.js';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DECODE_TABLE: ReadonlyMap<string, number> = new Map([
  ...[...ALPHABET].map((character, index) => [character, index] as const),
  ['-', 62],
  ['_', 63],
]);

function base64encode(text: string): string {
  let encoded = '';
  for (let index = 0; index < text.length; index += 3) {
    const bytes = [0, 1, 2].map((offset) => (index + offset < text.length ? text.charCodeAt(index + offset) & 0xff : -1));
    const [first, second, third] = bytes as [number, number, number];
    const group = (first << 16) | (Math.max(second, 0) << 8) | Math.max(third, 0);
    encoded += ALPHABET[(group >> 18) & 63]! + ALPHABET[(group >> 12) & 63]!;
    encoded += second < 0 ? '==' : ALPHABET[(group >> 6) & 63]! + (third < 0 ? '=' : ALPHABET[group & 63]!);
  }
  return encoded;
}

function base64decode(text: string): string {
  const sextets: number[] = [];
  for (const character of text) {
    if (character === '=') break; // padding ends the data, as in Node's decoder
    const value = DECODE_TABLE.get(character);
    if (value !== undefined) sextets.push(value);
  }
  let decoded = '';
  for (let index = 0; index + 1 < sextets.length; index += 4) {
    const [a, b, c, d] = [0, 1, 2, 3].map((offset) => sextets[index + offset]);
    const group = (a! << 18) | (b! << 12) | ((c ?? 0) << 6) | (d ?? 0);
    decoded += String.fromCharCode((group >> 16) & 0xff);
    if (c !== undefined) decoded += String.fromCharCode((group >> 8) & 0xff);
    if (d !== undefined) decoded += String.fromCharCode(group & 0xff);
  }
  return decoded;
}

/** jsonata's URL functions: the platform's, with a malformed sequence reported as D3140. */
function urlFunction(name: string, codec: (text: string) => string): BuiltinFunction {
  return defineBuiltin(name, '<s-:s>', ([text]) => {
    if (text === undefined) return undefined;
    try {
      return codec(text as string);
    } catch {
      throw jsonataError('D3140', { value: text, functionName: name });
    }
  });
}

export const encodingFunctions: readonly BuiltinFunction[] = [
  defineBuiltin('base64encode', '<s-:s>', ([text]) => (text === undefined ? undefined : base64encode(text as string))),
  defineBuiltin('base64decode', '<s-:s>', ([text]) => (text === undefined ? undefined : base64decode(text as string))),
  urlFunction('encodeUrlComponent', encodeURIComponent),
  urlFunction('encodeUrl', encodeURI),
  urlFunction('decodeUrlComponent', decodeURIComponent),
  urlFunction('decodeUrl', decodeURI),
];
