// Identifiers. Message ids are deterministic, so a step repeated after a crash produces the very same
// downstream ids (and INSERT OR IGNORE makes a repeated insert harmless):
//   trigger message  `<runId>.<input ordinal>.<line or index, 1-based>`
//   replayed letter  `<runId>.replay.<index, 1-based>`
//   live intake      `<runId>.<trigger id>.<6 hex digits of the activation><counter in base 36>`
//   emitted message  `<parent id>/<edge index>` (+ `.<n>` for the n-th emission after the first)
// Idempotency keys follow the same scheme from the parent's key, so a replayed branch produces the
// same keys downstream as the original would have. A path longer than MAX_ID_LENGTH (a long chain of
// nodes) is folded into `<root>/~<hash of the path>`: still deterministic, but bounded, so ids cost the
// same at the 100,000th node of a chain as at the first.
import { createHash, randomBytes } from 'node:crypto';

const MAX_ID_LENGTH = 200;

export function newRunId(): string {
  return `r${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
}

export function newDeadLetterId(): string {
  return `d${Date.now().toString(36)}${randomBytes(4).toString('hex')}`;
}

export function triggerMessageId(runId: string, ordinal: number, position: number): string {
  return `${runId}.${ordinal}.${position}`;
}

export function replayMessageId(runId: string, index: number): string {
  return `${runId}.replay.${index + 1}`;
}

/** A message a live trigger took in: `counter` counts from 0 within one activation (`activation`, 6 hex digits). */
export function liveMessageId(runId: string, triggerId: string, activation: string, counter: number): string {
  return `${runId}.${triggerId}.${activation}${counter.toString(36)}`;
}

/**
 * Where a message's root stands in its run's intake, 1-based — its line in the input, its place among
 * replayed letters, its place in a live activation's intake — read from the id, or undefined when the id
 * does not say (a scheduled firing). Trace sampling keeps the first messages of a run this way
 * (./traces.ts), and the same message gets the same answer at every node and after a crash.
 */
export function intakePosition(messageId: string): number | undefined {
  // Asked for the root of every message a sampled run takes in: read in place, without slicing the id.
  const slash = messageId.indexOf('/');
  const end = slash === -1 ? messageId.length : slash;
  const first = messageId.indexOf('.');
  if (first === -1 || first >= end) return undefined;
  const last = messageId.lastIndexOf('.', end - 1);
  if (last === first || messageId.indexOf('.', first + 1) !== last) return undefined;
  if (allDigits(messageId, last + 1, end) && (allDigits(messageId, first + 1, last) || messageId.slice(first + 1, last) === 'replay')) {
    return Number(messageId.slice(last + 1, end));
  }
  const live = LIVE_TAIL.exec(messageId.slice(last + 1, end));
  return live ? parseInt(live[1] as string, 36) + 1 : undefined;
}

/** Whether `text[from, to)` is one or more ASCII digits. */
function allDigits(text: string, from: number, to: number): boolean {
  if (from >= to) return false;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

const LIVE_TAIL = /^[0-9a-f]{6}([0-9a-z]+)$/;

export function childId(parent: string, edgeIndex: number, emission: number): string {
  const id = emission === 0 ? `${parent}/${edgeIndex}` : `${parent}/${edgeIndex}.${emission}`;
  return id.length <= MAX_ID_LENGTH ? id : foldedId(id);
}

function foldedId(id: string): string {
  const slash = id.indexOf('/');
  const root = slash === -1 ? '' : id.slice(0, slash);
  return `${root}/~${createHash('sha256').update(id).digest('base64url').slice(0, 22)}`;
}
