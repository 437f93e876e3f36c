// Finds and loads flow files for the verbs. A FLOW argument is a path to a `.flow.json` file or a flow
// id found as `<workspace>/flows/<id>.flow.json`; a folder stands for every flow file in it. Loading
// goes through shared/flow's parser, so the CLI rejects exactly what the designer rejects, with every
// problem listed.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, isAbsolute } from 'node:path';
import { PipewrightError, type Problem } from '../../shared/errors.js';
import { ID_PATTERN, type FlowDocument } from '../../shared/flow/schema.js';
import { parseFlowText } from '../../shared/flow/parse.js';

export const FLOW_SUFFIX = '.flow.json';

export interface FlowFile {
  /** Absolute path. */
  path: string;
  /** How to show the path to the user: relative to the current folder when inside it. */
  label: string;
}

export interface LoadedFlow extends FlowFile {
  flow: FlowDocument;
}

export function flowsFolder(workspace: string): string {
  return join(workspace, 'flows');
}

export function displayPath(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}

/** Resolves one FLOW argument to a file. */
export function resolveFlowFile(arg: string, cwd: string, workspace: string): FlowFile {
  const direct = resolve(cwd, arg);
  if (existsSync(direct) && statSync(direct).isFile()) return { path: direct, label: displayPath(direct, cwd) };
  if (ID_PATTERN.test(arg)) {
    const byId = join(flowsFolder(workspace), `${arg}${FLOW_SUFFIX}`);
    if (existsSync(byId)) return { path: byId, label: displayPath(byId, cwd) };
  }
  const byId = ID_PATTERN.test(arg) ? `, nor ${displayPath(join(flowsFolder(workspace), `${arg}${FLOW_SUFFIX}`), cwd)}` : '';
  throw new PipewrightError('FLOW_NOT_FOUND', `no such flow file${byId}`, { location: { file: arg } });
}

/** Resolves FLOW|DIR arguments (a folder means its `*.flow.json` files, sorted) to files. */
export function resolveFlowFiles(args: string[], cwd: string, workspace: string): FlowFile[] {
  const files: FlowFile[] = [];
  for (const arg of args) {
    const path = resolve(cwd, arg);
    if (existsSync(path) && statSync(path).isDirectory()) {
      const names = readdirSync(path).filter((name) => name.endsWith(FLOW_SUFFIX)).sort();
      if (names.length === 0) throw new PipewrightError('FLOW_NOT_FOUND', `no ${FLOW_SUFFIX} files in ${arg}`, { location: { file: arg } });
      for (const name of names) files.push({ path: join(path, name), label: displayPath(join(path, name), cwd) });
    } else {
      files.push(resolveFlowFile(arg, cwd, workspace));
    }
  }
  return files;
}

/** Reads and checks a flow file: the flow, or every problem found in it (each carrying the file). */
export function readFlowFile(file: FlowFile): { flow?: FlowDocument; problems: Problem[] } {
  const text = readFileSync(file.path, 'utf8');
  const { flow, problems } = parseFlowText(text, file.label);
  const located = problems.map((problem) => ({ ...problem, file: problem.file ?? file.label }));
  return located.length === 0 && flow ? { flow, problems: [] } : { problems: located };
}

/** Loads a flow or throws FLOW_INVALID listing all its problems. */
export function loadFlow(file: FlowFile): LoadedFlow {
  const { flow, problems } = readFlowFile(file);
  if (!flow) {
    const count = problems.length === 1 ? 'a problem' : `${problems.length} problems`;
    throw new PipewrightError('FLOW_INVALID', `${file.label} has ${count}; fix it and try again`, { problems });
  }
  return { ...file, flow };
}
