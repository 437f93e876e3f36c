// Identifiers. Message ids are deterministic, so a step repeated after a crash produces the very same
// downstream ids (and INSERT OR IGNORE makes a repeated insert harmless):
//   trigger message  `<runId>.<input ordinal>.<line or index, 1-based>`
//   emitted message  `<parent id>/<edge index>` (+ `.<n>` for the n-th emission after the first)
// Idempotency keys follow the same scheme from the parent's key, so a replayed branch produces the
// same keys downstream as the original would have.
import { randomBytes } from 'node:crypto';

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

export function childId(parent: string, edgeIndex: number, emission: number): string {
  return emission === 0 ? `${parent}/${edgeIndex}` : `${parent}/${edgeIndex}.${emission}`;
}
