// What the user is told when the workspace's state database (`.pipewright/state.db`) cannot be used.
// The engine's store translates its driver's failures into the engine's codes (see
// main/engine/store/sqlite/errors.ts): STATE_DB_LOCKED when another process holds a lock longer than
// the busy timeout (another Pipewright or `pipewright serve`), STATE_DB_DAMAGED when the file is
// damaged or not a database. The error may arrive wrapped, so causes are looked through. The utility
// process sends it on as ErrorData with that code; main shows the matching dialog.
import { toErrorData } from '../../shared/api/errors.js';
import type { ErrorData } from '../../shared/errors.js';

export const STATE_DB_LOCKED = 'STATE_DB_LOCKED';
export const STATE_DB_DAMAGED = 'STATE_DB_DAMAGED';

export type StateDbProblem = 'locked' | 'damaged';

export function classifyStateDbError(error: unknown): StateDbProblem | undefined {
  for (let current: unknown = error, depth = 0; current !== undefined && current !== null && depth < 5; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') {
      if (code === STATE_DB_LOCKED) return 'locked';
      if (code === STATE_DB_DAMAGED) return 'damaged';
    }
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** Any error of the service as ErrorData; a locked or damaged state database gets its own code. */
export function serviceErrorData(error: unknown, workspace: string): ErrorData {
  const problem = classifyStateDbError(error);
  const database = `${workspace}/.pipewright/state.db`;
  if (problem === 'locked') {
    return { code: STATE_DB_LOCKED, message: `the state database ${database} is locked by another program: another Pipewright window or \`pipewright serve\` on this workspace is busy with it` };
  }
  if (problem === 'damaged') {
    return { code: STATE_DB_DAMAGED, message: `the state database ${database} is damaged or is not a Pipewright database` };
  }
  return toErrorData(error);
}

export interface StartupDialog {
  title: string;
  message: string;
  detail: string;
}

/** The dialog for a workspace the service could not open. */
export function startupDialog(error: ErrorData, workspace: string): StartupDialog {
  const database = `${workspace}/.pipewright/state.db`;
  if (error.code === STATE_DB_LOCKED) {
    return {
      title: 'Workspace in use',
      message: 'This workspace is in use by another Pipewright.',
      detail: `Another Pipewright window or \`pipewright serve\` holds ${database}. Close it (or stop the server with Ctrl+C) and try again, or open another workspace.`,
    };
  }
  if (error.code === STATE_DB_DAMAGED) {
    return {
      title: 'State database damaged',
      message: 'The workspace\'s state database is damaged.',
      detail: `${database} cannot be read. Your flows in ${workspace}/flows are not affected. To start over with empty run history, quit Pipewright and move the .pipewright folder aside; to keep the history, restore the file from a backup.`,
    };
  }
  return {
    title: 'Cannot open workspace',
    message: `Pipewright cannot open ${workspace}.`,
    detail: `${error.message} (${error.code})`,
  };
}
