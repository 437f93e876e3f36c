// Turns the CLI's FLOW arguments into flow files. A FLOW is a path to a `.flow.json` file or a flow id
// found as `<workspace>/flows/<id>.flow.json`; a folder stands for every flow file in it, sorted.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PipewrightError } from '../../shared/errors.js';
import { ID_PATTERN } from '../../shared/flow/schema.js';
import type { FlowFile } from './flow-file.js';
import { displayPath, FLOW_FILE_SUFFIX, flowsFolder } from './flow-paths.js';

/** Resolves one FLOW argument (a file path, else a flow id of the workspace) to a file. */
export function resolveFlowFile(arg: string, cwd: string, workspace: string): FlowFile {
  const direct = resolve(cwd, arg);
  if (existsSync(direct) && statSync(direct).isFile()) return { path: direct, label: displayPath(direct, cwd) };
  if (ID_PATTERN.test(arg)) {
    const byId = join(flowsFolder(workspace), `${arg}${FLOW_FILE_SUFFIX}`);
    if (existsSync(byId)) return { path: byId, label: displayPath(byId, cwd) };
  }
  const byId = ID_PATTERN.test(arg) ? `, nor ${displayPath(join(flowsFolder(workspace), `${arg}${FLOW_FILE_SUFFIX}`), cwd)}` : '';
  throw new PipewrightError('FLOW_NOT_FOUND', `no such flow file${byId}`, { location: { file: arg } });
}

/** Resolves FLOW|DIR arguments (a folder means its `*.flow.json` files, sorted) to files. */
export function resolveFlowFiles(args: string[], cwd: string, workspace: string): FlowFile[] {
  const files: FlowFile[] = [];
  for (const arg of args) {
    const path = resolve(cwd, arg);
    if (existsSync(path) && statSync(path).isDirectory()) {
      const names = readdirSync(path).filter((name) => name.endsWith(FLOW_FILE_SUFFIX)).sort();
      if (names.length === 0) throw new PipewrightError('FLOW_NOT_FOUND', `no ${FLOW_FILE_SUFFIX} files in ${arg}`, { location: { file: arg } });
      for (const name of names) files.push({ path: join(path, name), label: displayPath(join(path, name), cwd) });
    } else {
      files.push(resolveFlowFile(arg, cwd, workspace));
    }
  }
  return files;
}
