// File system errors of file.read and file.write as NodeErrors: a full disk or a busy file may clear
// up (transient); a missing file, a folder where a file should be or no permission will not (permanent).
import { isPipewrightError } from '../../../../shared/errors.js';
import { NodeError } from '../../errors.js';

const TRANSIENT = new Set(['ENOSPC', 'EBUSY', 'EAGAIN', 'EMFILE', 'ENFILE', 'EIO']);

export function fileError(error: unknown, path: string, doing: 'read' | 'write'): NodeError {
  if (error instanceof NodeError) return error;
  if (isPipewrightError(error)) return new NodeError(error.code, error.message, { transient: false, cause: error });
  const code = (error as { code?: unknown }).code;
  if (code === 'ENOENT' && doing === 'read') return new NodeError('FILE_NOT_FOUND', `${path} does not exist`, { transient: false, cause: error });
  if (code === 'EISDIR') return new NodeError('FILE_FAILED', `${path} is a folder, not a file`, { transient: false, cause: error });
  const reason = error instanceof Error ? error.message : String(error);
  return new NodeError('FILE_FAILED', `could not ${doing} ${path}: ${reason}`, { transient: typeof code === 'string' && TRANSIENT.has(code), cause: error });
}
