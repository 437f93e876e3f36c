// flows.* — the flow files of a workspace. Everything here is synchronous file work between awaits, so
// two calls in one process never interleave halfway through a save; across processes the revision
// check (main/workspace/revision.ts) turns a lost update into a CONFLICT.
import { rmSync } from 'node:fs';
import type { FlowDetail, FlowHandlers, SavedFlow } from '../../shared/api/flows.js';
import { MAX_FLOW_FILE_BYTES } from '../../shared/flow/limits.js';
import { PipewrightError } from '../../shared/errors.js';
import { parseFlowText } from '../../shared/flow/parse.js';
import { FLOW_FORMAT, flowDocumentSchema, type FlowDocument } from '../../shared/flow/schema.js';
import { serializeFlow } from '../../shared/flow/serialize.js';
import { validateFlow } from '../../shared/flow/validate.js';
import { writeFileAtomically } from '../files/atomic-write.js';
import { checkSavedFlowText, parseFlowJson, readFlowText } from '../workspace/flow-file.js';
import { flowInvalidError } from '../workspace/flow-invalid.js';
import { flowFileLabel, flowFilePath } from '../workspace/flow-paths.js';
import { checkRevision, revisionOf } from '../workspace/revision.js';
import { createFlowList } from './flow-list.js';

/** Every flows.* method but flows.test, which needs the engine (./flow-test-handlers.ts). */
export function createFlowHandlers(workspace: string): Omit<FlowHandlers, 'flows.test'> {
  const pathOf = (id: string): string => flowFilePath(workspace, id);
  const list = createFlowList(workspace);

  function readExisting(id: string): string {
    const text = readFlowText(pathOf(id));
    if (text === undefined) throw new PipewrightError('FLOW_NOT_FOUND', `there is no flow "${id}" in this workspace (${flowFileLabel(id)})`);
    return text;
  }

  /** Serialises and writes `document` (its id names the file) once the revision check passes. */
  function write(document: FlowDocument, expectedRevision: string | null | undefined): SavedFlow {
    const path = pathOf(document.id);
    checkRevision(document.id, readFlowText(path), expectedRevision);
    const text = serializeFlow(document);
    checkFlowSize(document.id, text);
    writeFileAtomically(path, text);
    return { ...fileState(document.id, text), document: JSON.parse(text) as FlowDocument, problems: parseFlowText(text, flowFileLabel(document.id)).problems };
  }

  /** A document from an existing file, for rename and duplicate; a file that is not a readable flow cannot be copied safely. */
  function loadForRewrite(id: string): { text: string; document: FlowDocument } {
    const text = readExisting(id);
    const document = structuralDocument(parseFlowJson(text));
    if (!document) {
      throw flowInvalidError(flowFileLabel(id), parseFlowText(text, flowFileLabel(id)).problems, 'it is not a readable flow: fix it first');
    }
    return { text, document };
  }

  function ensureFree(id: string): void {
    if (readFlowText(pathOf(id)) !== undefined) throw new PipewrightError('FLOW_EXISTS', `a flow "${id}" already exists; pick another id`, { location: { file: flowFileLabel(id) } });
  }

  return {
    'flows.list': async () => list(),

    'flows.get': async ({ id }) => {
      const text = readExisting(id);
      checkFlowSize(id, text);
      const { json, problems } = checkSavedFlowText(id, text);
      const detail: FlowDetail = { ...fileState(id, text), problems };
      const document = structuralDocument(json);
      if (document) detail.document = document;
      return detail;
    },

    'flows.create': async ({ id, name, description }) => {
      ensureFree(id);
      const document: FlowDocument = { format: FLOW_FORMAT, id, name, ...(description === undefined ? {} : { description }), nodes: [], edges: [] };
      return write(document, null);
    },

    'flows.save': async ({ document, expectedRevision }) => {
      const structural = structuralDocument(document);
      if (!structural) {
        throw flowInvalidError('the flow', validateFlow(document).problems, 'it cannot be saved until its structure is sound');
      }
      return write(structural, expectedRevision);
    },

    'flows.rename': async ({ id, newId, name, expectedRevision }) => {
      const { text, document } = loadForRewrite(id);
      checkRevision(id, text, expectedRevision);
      const targetId = newId ?? id;
      if (targetId !== id) ensureFree(targetId);
      const saved = write({ ...document, id: targetId, ...(name === undefined ? {} : { name }) }, targetId === id ? revisionOf(text) : null);
      if (targetId !== id) rmSync(pathOf(id), { force: true });
      return saved;
    },

    'flows.duplicate': async ({ id, newId, name }) => {
      const { document } = loadForRewrite(id);
      ensureFree(newId);
      return write({ ...document, id: newId, name: name ?? `${document.name} (copy)` }, null);
    },

    'flows.delete': async ({ id, expectedRevision }) => {
      checkRevision(id, readExisting(id), expectedRevision);
      rmSync(pathOf(id), { force: true });
      return { id };
    },

    'flows.validate': async ({ document }) => {
      const { problems } = validateFlow(document);
      return { valid: problems.length === 0, problems };
    },
  };
}

function fileState(id: string, text: string): { id: string; text: string; revision: string; file: string } {
  return { id, text, revision: revisionOf(text), file: flowFileLabel(id) };
}

/**
 * The document as written when its structure is sound (so it can be written deterministically), even
 * if configs or edges still have problems: work in progress is saved, and runs refuse it instead.
 * The written object is kept rather than zod's copy, which would add defaults and drop odd keys.
 */
function structuralDocument(value: unknown): FlowDocument | undefined {
  return flowDocumentSchema.safeParse(value).success ? (value as FlowDocument) : undefined;
}

/** A flow larger than a flow file may be is neither served nor saved (shared/flow/limits.ts). */
function checkFlowSize(id: string, text: string): void {
  const bytes = Buffer.byteLength(text);
  if (bytes <= MAX_FLOW_FILE_BYTES) return;
  const mb = (n: number): string => `${(n / 1024 / 1024).toFixed(1)} MB`;
  throw new PipewrightError('FLOW_TOO_LARGE', `flow "${id}" is ${mb(bytes)}; a flow may be at most ${mb(MAX_FLOW_FILE_BYTES)}: split it into several flows, or move large data (samples, lookup tables) into files or stores`);
}
