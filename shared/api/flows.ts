// Flow file calls: the flows list, open, save with conflict detection, create, rename, duplicate,
// delete, and validation of an unsaved document. Flows are `<workspace>/flows/<id>.flow.json`, written
// in the deterministic format the CLI reads (DESIGN.md §2).
import { z } from 'zod';
import type { Problem } from '../errors.js';
import type { FlowDocument } from '../flow/schema.js';
import { flowDocumentParam, idSchema, method, noParams } from './common.js';
import type { FlowTestReport } from './flow-tests.js';

/**
 * A flow file's revision: an opaque token that changes whenever the file's bytes change. `null` in
 * `expectedRevision` means "the file must not exist yet".
 */
const revisionParam = z.string().min(1).nullable();

export const listFlowsParams = noParams;
export const getFlowParams = z.strictObject({ id: idSchema });
export const createFlowParams = z.strictObject({ id: idSchema, name: z.string(), description: z.string().optional() });
export const saveFlowParams = z.strictObject({
  document: flowDocumentParam,
  /** The revision the editor loaded; the save fails with CONFLICT when the file changed since. Omit to overwrite. */
  expectedRevision: revisionParam.optional(),
});
export const renameFlowParams = z.strictObject({
  id: idSchema,
  /** The new id (and file name); omit to keep it. */
  newId: idSchema.optional(),
  /** The new display name; omit to keep it. */
  name: z.string().optional(),
  expectedRevision: revisionParam.optional(),
});
export const duplicateFlowParams = z.strictObject({ id: idSchema, newId: idSchema, name: z.string().optional() });
export const deleteFlowParams = z.strictObject({ id: idSchema, expectedRevision: revisionParam.optional() });
export const validateFlowParams = z.strictObject({ document: z.unknown() });
export const testFlowParams = z
  .strictObject({
    /** A saved flow, loaded from its file… */
    flowId: idSchema.optional(),
    /** …or the document open in the designer, unsaved changes included (as runs.start takes it). */
    document: flowDocumentParam.optional(),
  })
  .refine((params) => (params.flowId === undefined) !== (params.document === undefined), {
    message: 'give either flowId or document',
  });

export const flowMethods = {
  'flows.list': method(listFlowsParams, 'Every flow file in the workspace, sorted by id, with its problem count.'),
  'flows.get': method(getFlowParams, 'One flow: the document, its file text and revision, and its problems.'),
  'flows.create': method(createFlowParams, 'Creates an empty flow file; FLOW_EXISTS when the id is taken.'),
  'flows.save': method(saveFlowParams, 'Writes the document deterministically and returns its problems; CONFLICT when the file changed since expectedRevision.'),
  'flows.rename': method(renameFlowParams, 'Changes a flow\'s id (file name) and/or display name.'),
  'flows.duplicate': method(duplicateFlowParams, 'Copies a flow under a new id.'),
  'flows.delete': method(deleteFlowParams, 'Deletes a flow file.'),
  'flows.validate': method(validateFlowParams, 'Checks an unsaved document: every problem with its JSON path and expression range.'),
  'flows.test': method(testFlowParams, 'Runs the flow\'s tests as test runs and answers, per test, pass or fail with what each node emitted instead.'),
} as const;

export interface FlowListItem {
  id: string;
  /** The flow's name; its id when the file cannot be read. */
  name: string;
  description?: string;
  nodeCount: number;
  problemCount: number;
  revision: string;
  /** ISO time of the file's last change. */
  modifiedAt: string;
}

export interface FlowFileState {
  id: string;
  revision: string;
  /** The file's text exactly as on disk (the deterministic serialisation after a save). */
  text: string;
  /** Path relative to the workspace, e.g. `flows/orders.flow.json`. */
  file: string;
}

export interface FlowDetail extends FlowFileState {
  /** Absent only when the file is not even a structurally readable flow (then `problems` says why). */
  document?: FlowDocument;
  problems: Problem[];
}

export interface SavedFlow extends FlowFileState {
  document: FlowDocument;
  /** Problems still in the saved flow (a flow with problems is saved, but cannot run). */
  problems: Problem[];
}

export interface DeletedFlow {
  id: string;
}

export interface FlowValidation {
  valid: boolean;
  problems: Problem[];
}

type Params<Schema extends z.ZodType> = z.infer<Schema>;

export interface FlowHandlers {
  'flows.list': (params: Params<typeof listFlowsParams>) => Promise<FlowListItem[]>;
  'flows.get': (params: Params<typeof getFlowParams>) => Promise<FlowDetail>;
  'flows.create': (params: Params<typeof createFlowParams>) => Promise<SavedFlow>;
  'flows.save': (params: Params<typeof saveFlowParams>) => Promise<SavedFlow>;
  'flows.rename': (params: Params<typeof renameFlowParams>) => Promise<SavedFlow>;
  'flows.duplicate': (params: Params<typeof duplicateFlowParams>) => Promise<SavedFlow>;
  'flows.delete': (params: Params<typeof deleteFlowParams>) => Promise<DeletedFlow>;
  'flows.validate': (params: Params<typeof validateFlowParams>) => Promise<FlowValidation>;
  'flows.test': (params: Params<typeof testFlowParams>) => Promise<FlowTestReport>;
}
