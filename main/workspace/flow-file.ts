// Reading one flow file: its text, then ONE parse and validation through shared/flow (so the designer
// rejects what the CLI rejects), giving a ValidFlow the engine trusts without checking again, or every
// problem located in the file. Writing goes through main/files/atomic-write.ts.
import { readFileSync } from 'node:fs';
import type { Problem } from '../../shared/errors.js';
import { parseFlowText } from '../../shared/flow/parse.js';
import { validateFlow } from '../../shared/flow/validate.js';
import type { ValidFlow } from '../../shared/flow/valid-flow.js';
import { flowInvalidError } from './flow-invalid.js';
import { flowFileLabel } from './flow-paths.js';

export interface FlowFile {
  /** Absolute path. */
  path: string;
  /** How the file is named to the user and in problems (`flows/orders.flow.json`, `assets/x.flow.json`). */
  label: string;
}

export interface LoadedFlow extends FlowFile {
  flow: ValidFlow;
}

export interface FlowCheck {
  /** Present only when there are no problems. */
  flow?: ValidFlow;
  problems: Problem[];
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

/** A flow file's text checked once: the valid flow, or every problem, each carrying the file's label. */
export function checkFlowFileText(text: string, label: string): FlowCheck {
  const { flow, problems } = parseFlowText(text, label);
  if (flow && problems.length === 0) return { flow, problems: [] };
  return { problems: problems.map((problem) => ({ ...problem, file: problem.file ?? label })) };
}

/** Reads and checks a flow file (which must exist). */
export function checkFlowFile(file: FlowFile): FlowCheck {
  return checkFlowFileText(readFileSync(file.path, 'utf8'), file.label);
}

/** Reads and checks a flow file; FLOW_INVALID listing every problem when it cannot run. */
export function loadFlowFile(file: FlowFile, nextStep?: string): LoadedFlow {
  const { flow, problems } = checkFlowFile(file);
  if (!flow) throw flowInvalidError(file.label, problems, nextStep);
  return { ...file, flow };
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
 * A saved flow's JSON and every problem in it, exactly as shared/flow's parser reports them, with the
 * text parsed once (a 5 MB sample costs a parse each time): what flows.get and flows.list show, where
 * a broken file is still opened. The id must equal the file's stem.
 */
export function checkSavedFlowText(id: string, text: string): { json: unknown; problems: Problem[] } {
  const file = flowFileLabel(id);
  const json = parseFlowJson(text);
  // Unparseable text goes through the parser for its located JSON_SYNTAX problem.
  if (json === undefined) return { json, problems: parseFlowText(text, file).problems };
  return { json, problems: validateFlow(json, { file, expectedId: id }).problems };
}
