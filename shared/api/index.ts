// The API contract (DESIGN.md §1): methods, params schemas, result types, events and error helpers.
export { apiMethods, methodNames, isMethod, parseParams, type Handlers, type Method, type Params, type Result } from './contract.js';
export type { MethodSpec } from './common.js';
export * from '../runs.js';
export * from './workspace.js';
export * from './flows.js';
export * from './flow-tests.js';
export * from './mapping.js';
export * from './runs.js';
export * from './dead-letters.js';
export * from './credentials.js';
export * from './bundles.js';
export * from './live-flows.js';
export * from '../credentials/definition.js';
export * from '../bundle.js';
export * from './events.js';
export * from './errors.js';
export * from './client.js';
