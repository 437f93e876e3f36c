// A flow file's revision: a hash of its bytes. Cheap optimistic locking for saves that also notices
// edits made outside the designer (an editor, `git pull`): a save names the revision it loaded and
// fails with CONFLICT when the file moved on.
import { createHash } from 'node:crypto';
import { PipewrightError } from '../../shared/errors.js';
import { flowFileLabel } from './flow-paths.js';

export function revisionOf(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 20);
}

/** Throws CONFLICT unless the file's current revision is the one the caller expects (undefined: any; null: no file yet). */
export function checkRevision(id: string, currentText: string | undefined, expected: string | null | undefined): void {
  if (expected === undefined) return;
  const location = { file: flowFileLabel(id) };
  if (expected === null) {
    if (currentText !== undefined) throw new PipewrightError('CONFLICT', `flow "${id}" already exists; open it, or pick another id`, { location });
    return;
  }
  if (currentText === undefined) {
    throw new PipewrightError('CONFLICT', `flow "${id}" was deleted since you opened it; save again without a revision to recreate it`, { location });
  }
  if (revisionOf(currentText) !== expected) {
    throw new PipewrightError('CONFLICT', `flow "${id}" was changed on disk since you opened it; reload it (or save as a copy) before saving`, { location });
  }
}
