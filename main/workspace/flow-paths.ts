// Where flow files live in a workspace (DESIGN.md §2: `<workspace>/flows/<id>.flow.json`) and how their
// paths are shown to the user. The service, the CLI and bundles all name flow files through here.
import { isAbsolute, join, relative } from 'node:path';
import { PipewrightError } from '../../shared/errors.js';
import { FLOW_FILE_SUFFIX } from '../../shared/flow/parse.js';
import { ID_PATTERN } from '../../shared/flow/schema.js';

export { FLOW_FILE_SUFFIX };

export function flowsFolder(workspace: string): string {
  return join(workspace, 'flows');
}

/** The file of a flow id. Ids are checked again here: a path trick must never reach the file system. */
export function flowFilePath(workspace: string, id: string): string {
  if (!ID_PATTERN.test(id)) {
    throw new PipewrightError('INVALID_FLOW_ID', `"${id}" is not a valid flow id: it must start with a letter and contain only letters, digits, "_" and "-"`);
  }
  return join(flowsFolder(workspace), `${id}${FLOW_FILE_SUFFIX}`);
}

/** `flows/<id>.flow.json`: how the service names a saved flow's file (it is also the `file` of its problems). */
export function flowFileLabel(id: string): string {
  return `flows/${id}${FLOW_FILE_SUFFIX}`;
}

/** How the CLI shows a path: relative to the current folder when inside it, else absolute. */
export function displayPath(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}
