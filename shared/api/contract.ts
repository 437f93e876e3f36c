// The contract between the designer and the service (DESIGN.md §1 "One contract, two transports").
// `apiMethods` is the one runtime list of methods: the Electron preload allowlist, the HTTP routes and
// request validation are all derived from it, so no method name is typed twice. `Handlers` is the
// matching type (Actual Budget's handler map): the service implements it, clients call through it.
import type { z } from 'zod';
import { PipewrightError } from '../errors.js';
import { issuesToProblems, plainErrorMap } from '../flow/issues.js';
import { bundleMethods, type BundleHandlers } from './bundles.js';
import type { MethodSpec } from './common.js';
import { credentialMethods, type CredentialHandlers } from './credentials.js';
import { deadLetterMethods, type DeadLetterHandlers } from './dead-letters.js';
import { deployMethods, type DeployHandlers } from './deploy.js';
import { flowMethods, type FlowHandlers } from './flows.js';
import { liveFlowMethods, type LiveFlowHandlers } from './live-flows.js';
import { mappingMethods, type MappingHandlers } from './mapping.js';
import { runMethods, type RunHandlers } from './runs.js';
import { workspaceMethods, type WorkspaceHandlers } from './workspace.js';

export const apiMethods = {
  ...workspaceMethods,
  ...flowMethods,
  ...mappingMethods,
  ...runMethods,
  ...deadLetterMethods,
  ...credentialMethods,
  ...bundleMethods,
  ...liveFlowMethods,
  ...deployMethods,
} as const satisfies Record<string, MethodSpec>;

export type Handlers = WorkspaceHandlers & FlowHandlers & MappingHandlers & RunHandlers & DeadLetterHandlers & CredentialHandlers & BundleHandlers & LiveFlowHandlers & DeployHandlers;
export type Method = keyof Handlers;
export type Params<M extends Method> = Parameters<Handlers[M]>[0];
export type Result<M extends Method> = Awaited<ReturnType<Handlers[M]>>;

// Compile-time proof that the runtime list and the handler map name the same methods, and that each
// schema's output is exactly the params type its handler takes.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type SchemaOf<M extends Method> = (typeof apiMethods)[M]['params'];
const _sameMethods: Same<keyof typeof apiMethods, Method> = true;
const _sameParams: { [M in Method]: Same<z.output<SchemaOf<M>>, Params<M>> } extends Record<Method, true> ? true : false = true;
void _sameMethods;
void _sameParams;

/** Every method name, sorted: the IPC allowlist and the HTTP routes. */
export const methodNames: ReadonlyArray<Method> = (Object.keys(apiMethods) as Method[]).sort();

const methodSet: ReadonlySet<string> = new Set(methodNames);

export function isMethod(name: unknown): name is Method {
  return typeof name === 'string' && methodSet.has(name);
}

/**
 * Validates a request's params against the method's schema. Throws UNKNOWN_METHOD for a name not in
 * the contract and INVALID_PARAMS listing every problem with its path (`document`, `inputs.orders`).
 * A missing body (`undefined`/`null`) counts as `{}`.
 */
export function parseParams<M extends Method>(method: M, raw: unknown): Params<M>;
export function parseParams(method: string, raw: unknown): unknown;
export function parseParams(method: string, raw: unknown): unknown {
  if (!isMethod(method)) {
    throw new PipewrightError('UNKNOWN_METHOD', `"${method}" is not a Pipewright API method`, { problems: [] });
  }
  const schema: z.ZodType = apiMethods[method].params;
  const parsed = schema.safeParse(raw ?? {}, { error: plainErrorMap });
  if (parsed.success) return parsed.data;
  const problems = issuesToProblems(parsed.error.issues, 'INVALID_PARAMS', []).map((problem) => ({ ...problem, path: problem.path ?? '(params)' }));
  const details = problems.map((problem) => `${problem.path}: ${problem.message}`).join('; ');
  throw new PipewrightError('INVALID_PARAMS', `invalid params for ${method}: ${details}`, { problems });
}
