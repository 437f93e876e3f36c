// A flow that can run: a saved flow read from its file, or the designer's unsaved document, either way
// checked by shared/flow's validator. A flow with problems does not run; FLOW_INVALID lists them all.
import { PipewrightError, type Problem } from '../../shared/errors.js';
import { getNodeKind } from '../../shared/catalog/index.js';
import { parseFlowText } from '../../shared/flow/parse.js';
import type { FlowDocument } from '../../shared/flow/schema.js';
import { validateFlow } from '../../shared/flow/validate.js';
import type { TriggerInput } from '../engine/types.js';
import { flowFileLabel, flowFilePath, readFlowText } from './flow-files.js';

export interface RunnableFlow {
  flow: FlowDocument;
  /** Set for a saved flow: the engine reloads the current version from here on resume. */
  flowPath?: string;
}

export function loadSavedFlow(workspace: string, id: string): RunnableFlow & { flowPath: string } {
  const path = flowFilePath(workspace, id);
  const text = readFlowText(path);
  if (text === undefined) throw new PipewrightError('FLOW_NOT_FOUND', `there is no flow "${id}" in this workspace (${flowFileLabel(id)})`);
  const { flow, problems } = parseFlowText(text, flowFileLabel(id));
  if (!flow) throw invalid(flowFileLabel(id), problems);
  return { flow, flowPath: path };
}

export function checkUnsavedFlow(document: unknown): RunnableFlow {
  const { flow, problems } = validateFlow(document);
  if (!flow) throw invalid('the flow', problems);
  return { flow };
}

/** Inputs per trigger: the ones given, else each trigger's samples. NO_INPUT when nothing would run. */
export function triggerInputs(flow: FlowDocument, given: Record<string, unknown[]> | undefined): TriggerInput[] {
  const triggers = flow.nodes.filter((node) => getNodeKind(node.type)?.isTrigger === true).map((node) => node.id);
  const source = given ?? Object.fromEntries(triggers.map((id) => [id, flow.samples?.[id] ?? []]));
  const inputs = Object.entries(source)
    .filter(([, messages]) => messages.length > 0)
    .map(([triggerId, messages]) => ({ triggerId, messages }));
  if (inputs.length === 0) {
    const where = triggers.length === 0 ? 'add a trigger node (e.g. Manual trigger) and give it sample messages' : `give sample messages to ${triggers.map((id) => `"${id}"`).join(', ')}`;
    throw new PipewrightError('NO_INPUT', `nothing to run: ${where}`);
  }
  return inputs;
}

function invalid(what: string, problems: Problem[]): PipewrightError {
  const count = problems.length === 1 ? 'a problem' : `${problems.length} problems`;
  const first = problems[0] ? ` (first: ${problems[0].path ?? 'document'}: ${problems[0].message})` : '';
  return new PipewrightError('FLOW_INVALID', `${what} has ${count}${first}; fix it and run again`, { problems });
}
