// flows.* — the flow files of a workspace. Everything here is synchronous file work between awaits, so
// two calls in one process never interleave halfway through a save; across processes the revision
// check (see ./flow-files.ts) turns a lost update into a CONFLICT.
import { readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { FlowDetail, FlowHandlers, FlowListItem, SavedFlow } from '../../shared/api/flows.js';
import { PipewrightError, type Problem } from '../../shared/errors.js';
import { FLOW_FILE_SUFFIX, parseFlowText } from '../../shared/flow/parse.js';
import { FLOW_FORMAT, ID_PATTERN, flowDocumentSchema, type FlowDocument } from '../../shared/flow/schema.js';
import { serializeFlow } from '../../shared/flow/serialize.js';
import { validateFlow } from '../../shared/flow/validate.js';
import { checkRevision, flowFileLabel, flowFilePath, flowsFolderOf, readFlowText, revisionOf, writeFileAtomically } from './flow-files.js';

export function createFlowHandlers(workspace: string): FlowHandlers {
  const pathOf = (id: string): string => flowFilePath(workspace, id);

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
    writeFileAtomically(path, text);
    return { ...fileState(document.id, text), document: JSON.parse(text) as FlowDocument, problems: parseFlowText(text, flowFileLabel(document.id)).problems };
  }

  /** A document from an existing file, for rename and duplicate; a file that is not a readable flow cannot be copied safely. */
  function loadForRewrite(id: string): { text: string; document: FlowDocument } {
    const text = readExisting(id);
    const document = structuralDocument(parseJson(text));
    if (!document) {
      throw new PipewrightError('FLOW_INVALID', `${flowFileLabel(id)} is not a readable flow; fix it first`, { problems: parseFlowText(text, flowFileLabel(id)).problems });
    }
    return { text, document };
  }

  function ensureFree(id: string): void {
    if (readFlowText(pathOf(id)) !== undefined) throw new PipewrightError('FLOW_EXISTS', `a flow "${id}" already exists; pick another id`, { location: { file: flowFileLabel(id) } });
  }

  return {
    'flows.list': async () => {
      let names: string[];
      try {
        names = readdirSync(flowsFolderOf(workspace));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
        throw error;
      }
      const items: FlowListItem[] = [];
      for (const name of names.sort()) {
        const id = name.slice(0, -FLOW_FILE_SUFFIX.length);
        if (!name.endsWith(FLOW_FILE_SUFFIX) || !ID_PATTERN.test(id)) continue;
        const text = readFlowText(join(flowsFolderOf(workspace), name));
        if (text !== undefined) items.push(listItem(id, text, statSync(join(flowsFolderOf(workspace), name)).mtime));
      }
      return items;
    },

    'flows.get': async ({ id }) => {
      const text = readExisting(id);
      const detail: FlowDetail = { ...fileState(id, text), problems: parseFlowText(text, flowFileLabel(id)).problems };
      const document = structuralDocument(parseJson(text));
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
        const { problems } = validateFlow(document);
        throw new PipewrightError('FLOW_INVALID', `the flow cannot be saved: ${describeProblems(problems)}`, { problems });
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

function listItem(id: string, text: string, modified: Date): FlowListItem {
  const { problems } = parseFlowText(text, flowFileLabel(id));
  const loose = parseJson(text);
  const record = typeof loose === 'object' && loose !== null ? (loose as Record<string, unknown>) : {};
  const item: FlowListItem = {
    id,
    name: typeof record.name === 'string' && record.name !== '' ? record.name : id,
    nodeCount: Array.isArray(record.nodes) ? record.nodes.length : 0,
    problemCount: problems.length,
    revision: revisionOf(text),
    modifiedAt: modified.toISOString(),
  };
  if (typeof record.description === 'string') item.description = record.description;
  return item;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text.startsWith('\uFEFF') ? text.slice(1) : text);
  } catch {
    return undefined;
  }
}

/**
 * The document as written when its structure is sound (so it can be written deterministically), even
 * if configs or edges still have problems: work in progress is saved, and runs refuse it instead.
 * The written object is kept rather than zod's copy, which would add defaults and drop odd keys.
 */
function structuralDocument(value: unknown): FlowDocument | undefined {
  return flowDocumentSchema.safeParse(value).success ? (value as FlowDocument) : undefined;
}

function describeProblems(problems: Problem[]): string {
  const shown = problems.slice(0, 3).map((problem) => `${problem.path ?? 'document'}: ${problem.message}`);
  return problems.length > 3 ? `${shown.join('; ')}; and ${problems.length - 3} more` : shown.join('; ');
}
