// Opaque page cursors for the operations views' keyset paging (runs.page, runs.messages, dlq.page):
// the key of the last row of a page as base64url JSON. Opaque so the key can change without breaking
// clients; checked on the way back in, so a mangled cursor is a clear INVALID_PARAMS, not a bad query.
import { PipewrightError } from '../../shared/errors.js';

export function encodeCursor(key: Record<string, string | number>): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

/** The key in `cursor`, with the fields `shape` names and their types; anything else is refused. */
export function decodeCursor<Key extends Record<string, string | number>>(cursor: string, shape: { [K in keyof Key]: 'string' | 'number' }): Key {
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    key = undefined;
  }
  const fits = typeof key === 'object' && key !== null && Object.entries(shape).every(([name, type]) => typeof (key as Record<string, unknown>)[name] === type);
  if (!fits) {
    throw new PipewrightError('INVALID_PARAMS', 'cursor is not one this server handed out; load the first page again (without a cursor)', {
      problems: [{ code: 'INVALID_PARAMS', path: 'cursor', message: 'not a page cursor of this list' }],
    });
  }
  return key as Key;
}
