// Flow files in a workspace, as the service sees them: `<workspace>/flows/<id>.flow.json`, read through
// shared/flow's parser (so the designer rejects what the CLI rejects) and written atomically in the
// deterministic format. A revision is a hash of the file's bytes: cheap optimistic locking that also
// notices edits made outside the designer (an editor, `git pull`).
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PipewrightError, type Problem } from '../../shared/errors.js';
import { FLOW_FILE_SUFFIX, parseFlowText } from '../../shared/flow/parse.js';
import { ID_PATTERN } from '../../shared/flow/schema.js';
import { validateFlow } from '../../shared/flow/validate.js';

export function flowsFolderOf(workspace: string): string {
  return join(workspace, 'flows');
}

/** The file of a flow id. Ids are checked again here: a path trick must never reach the file system. */
export function flowFilePath(workspace: string, id: string): string {
  if (!ID_PATTERN.test(id)) {
    throw new PipewrightError('INVALID_FLOW_ID', `"${id}" is not a valid flow id: it must start with a letter and contain only letters, digits, "_" and "-"`);
  }
  return join(flowsFolderOf(workspace), `${id}${FLOW_FILE_SUFFIX}`);
}

/** `flows/<id>.flow.json`, as shown to the user and set as the `file` of problems. */
export function flowFileLabel(id: string): string {
  return `flows/${id}${FLOW_FILE_SUFFIX}`;
}

export function revisionOf(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 20);
}

/** The file's JSON (a byte order mark skipped, as the parser does), or undefined when it is not JSON. */
export function parseFlowJson(text: string): unknown {
  try {
    return JSON.parse(text.startsWith('\uFEFF') ? text.slice(1) : text);
  } catch {
    return undefined;
  }
}

/**
 * The file's JSON and every problem in it, exactly as shared/flow's parser reports them, with the
 * text parsed once (a 5 MB sample costs a parse each time); the id must equal the file's stem.
 */
export function checkFlowText(id: string, text: string): { json: unknown; problems: Problem[] } {
  const file = flowFileLabel(id);
  const json = parseFlowJson(text);
  // Unparseable text goes through the parser for its located JSON_SYNTAX problem.
  if (json === undefined) return { json, problems: parseFlowText(text, file).problems };
  return { json, problems: validateFlow(json, { file, expectedId: id }).problems };
}

/** The file's text, or undefined when there is no such file. */
export function readFlowText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * Writes through a temporary file in the same folder and renames it over the target: a crash or a full
 * disk leaves the old file or the new one, never half of either.
 */
export function writeFileAtomically(path: string, text: string): void {
  mkdirSync(join(path, '..'), { recursive: true });
  const temp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    writeFileSync(temp, text, { flag: 'wx' });
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

/** Throws CONFLICT unless the file's current revision is the one the caller expects (undefined: any). */
export function checkRevision(id: string, currentText: string | undefined, expected: string | null | undefined): void {
  if (expected === undefined) return;
  if (expected === null) {
    if (currentText !== undefined) throw new PipewrightError('CONFLICT', `flow "${id}" already exists; open it, or pick another id`, { location: { file: flowFileLabel(id) } });
    return;
  }
  if (currentText === undefined) {
    throw new PipewrightError('CONFLICT', `flow "${id}" was deleted since you opened it; save again without a revision to recreate it`, { location: { file: flowFileLabel(id) } });
  }
  if (revisionOf(currentText) !== expected) {
    throw new PipewrightError('CONFLICT', `flow "${id}" was changed on disk since you opened it; reload it (or save as a copy) before saving`, {
      location: { file: flowFileLabel(id) },
    });
  }
}

export function fileExists(path: string): boolean {
  return existsSync(path);
}
