// A flow that can run: a saved flow read from its file, or the designer's unsaved document, either way
// validated once into a ValidFlow (the engine trusts it and does not check again). A flow with
// problems does not run; FLOW_INVALID lists them all. Also: which messages a run starts with.
import { getNodeKind } from '../../shared/catalog/index.js';
import { PipewrightError } from '../../shared/errors.js';
import { validateFlow } from '../../shared/flow/validate.js';
import type { ValidFlow } from '../../shared/flow/valid-flow.js';
import type { TriggerInput } from '../engine/types.js';
import { checkFlowFileText, readFlowText } from './flow-file.js';
import { flowInvalidError } from './flow-invalid.js';
import { flowFileLabel, flowFilePath } from './flow-paths.js';

export interface RunnableFlow {
  flow: ValidFlow;
  /** Set for a saved flow: the engine reloads the current version from here on resume and replay. */
  flowPath?: string;
}

/** A saved flow of the workspace; FLOW_NOT_FOUND, or FLOW_INVALID with every problem. */
export function loadSavedFlow(workspace: string, id: string, nextStep = 'fix it and run again'): RunnableFlow & { flowPath: string } {
  const path = flowFilePath(workspace, id);
  const label = flowFileLabel(id);
  const text = readFlowText(path);
  if (text === undefined) throw new PipewrightError('FLOW_NOT_FOUND', `there is no flow "${id}" in this workspace (${label})`, { location: { file: label } });
  const { flow, problems } = checkFlowFileText(text, label);
  if (!flow) throw flowInvalidError(label, problems, nextStep);
  return { flow, flowPath: path };
}

/** The designer's unsaved document, validated; FLOW_INVALID with every problem. */
export function checkUnsavedFlow(document: unknown, nextStep = 'fix it and run again'): RunnableFlow {
  const { flow, problems } = validateFlow(document);
  if (!flow) throw flowInvalidError('the flow', problems, nextStep);
  return { flow };
}

/** Inputs per trigger: the ones given, else each trigger's samples. NO_INPUT when nothing would run. */
export function triggerInputs(flow: ValidFlow, given: Record<string, unknown[]> | undefined): TriggerInput[] {
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
