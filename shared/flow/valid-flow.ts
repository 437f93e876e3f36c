// A flow document that passed validateFlow (./validate.ts): the type the engine and the workspace
// trust without checking again. The brand exists at compile time (ValidFlow) and at run time (a
// WeakSet of the documents validateFlow returned), so a host that hands the engine a document it
// loaded through the workspace pays for validation once, while a document built in code (tests,
// bundles) is still checked by the engine before it runs. Documents are treated as immutable once
// validated: code that changes one makes a copy (see withTraceMode).
import type { FlowDocument, TraceMode } from './schema.js';

declare const validFlowBrand: unique symbol;

export type ValidFlow = FlowDocument & { readonly [validFlowBrand]: true };

const validated = new WeakSet<object>();

/** Only validateFlow (and copies of its results that keep them valid) may call this. */
export function markValid(flow: FlowDocument): ValidFlow {
  validated.add(flow);
  return flow as ValidFlow;
}

export function isValidFlow(flow: FlowDocument): flow is ValidFlow {
  return validated.has(flow);
}

/** The flow with another trace mode: still valid (the mode is one of the schema's own values). */
export function withTraceMode(flow: ValidFlow, trace: TraceMode): ValidFlow {
  if ((flow.settings?.trace ?? 'full') === trace) return flow;
  return markValid({ ...flow, settings: { ...flow.settings, trace } });
}
