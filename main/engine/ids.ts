// Identifiers. Message ids are deterministic, so a step repeated after a crash produces the very same
// downstream ids (and INSERT OR IGNORE makes a repeated insert harmless):
//   trigger message  `<runId>.<input ordinal>.<line or index, 1-based>`
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

export function childId(parent: string, edgeIndex: number, emission: number): string {
  const id = emission === 0 ? `${parent}/${edgeIndex}` : `${parent}/${edgeIndex}.${emission}`;
  return id.length <= MAX_ID_LENGTH ? id : foldedId(id);
}

function foldedId(id: string): string {
  const slash = id.indexOf('/');
  const root = slash === -1 ? '' : id.slice(0, slash);
  return `${root}/~${createHash('sha256').update(id).digest('base64url').slice(0, 22)}`;
}
