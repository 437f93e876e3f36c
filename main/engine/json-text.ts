// JSON text helpers for what the engine stores: payloads (always JSON text in the database), trace
// copies capped at a size limit, and a key-sorted form for hashing flow documents.
import { createHash } from 'node:crypto';
import { PipewrightError } from '../../shared/errors.js';

/** Trace payloads above this many characters are replaced by `{ "$truncated": bytes }`. */
export const TRACE_PAYLOAD_CAP = 64 * 1024;

/**
 * Serializes a payload for the queue. `undefined` (JSONata's "nothing") becomes null; values JSON cannot
 * hold (a circular structure, BigInt, a stack-overflowing depth) fail with a clear, permanent error.
 */
export function payloadText(value: unknown): string {
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch (error) {
    throw new PipewrightError('PAYLOAD_NOT_JSON', `the payload cannot be stored as JSON: ${(error as Error).message}`, { cause: error });
  }
  return text ?? 'null';
}

export function parsePayload(text: string): unknown {
  return JSON.parse(text) as unknown;
}

/** The stored text itself, or a truncation marker when it is larger than `cap` characters. */
export function cappedText(text: string, cap: number = TRACE_PAYLOAD_CAP): string {
  return text.length <= cap ? text : `{"$truncated":${Buffer.byteLength(text)}}`;
}

/** JSON with object keys sorted at every level: equal documents give equal text. */
export function sortedJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) => {
    if (inner === null || typeof inner !== 'object' || Array.isArray(inner)) return inner;
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(inner).sort()) sorted[key] = (inner as Record<string, unknown>)[key];
    return sorted;
  });
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
