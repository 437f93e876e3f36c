// The flow document: schema and types, parsing and validation with every problem listed, the
// deterministic writer, and the graph helpers the engine shares with the validator.
export * from './schema.js';
export { parseFlowText, flowIdFromFile, FLOW_FILE_SUFFIX, type ParseOptions } from './parse.js';
export { validateFlow, parseNodeConfig, type ValidateOptions, type ValidationResult } from './validate.js';
export { serializeFlow } from './serialize.js';
export { outgoingByPort, edgeTargets, topologicalOrder, terminalNodes, triggerNodes, findCycles, describeCycle, type EdgeLike } from './graph.js';
export { isValidFlow, withTraceMode, type ValidFlow } from './valid-flow.js';
