// `<workspace>/credentials.json`: the workspace's credential definitions (names, types, non-secret
// fields) and the workspace id that keeps its keychain entries apart from another workspace's. It never
// holds a secret, so it can be committed with the flows. Written deterministically (sorted by name,
// 2-space indent, trailing newline) so that a diff shows only what changed, and atomically.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { z } from 'zod';
import { credentialDefinitionSchema, type CredentialDefinition } from '../../shared/credentials/definition.js';
import { formatPath, PipewrightError, type Problem } from '../../shared/errors.js';
import { writeFileAtomically } from '../files/atomic-write.js';
import { readFileIfExists } from './atomic-file.js';

export const DEFINITIONS_FILE = 'credentials.json';
const FORMAT = 'pipewright.credentials';
const VERSION = 1;

export type StoredDefinition = CredentialDefinition & { updatedAt?: string };

export interface DefinitionsDocument {
  workspaceId: string;
  credentials: StoredDefinition[];
}

const documentSchema = z.strictObject({
  format: z.literal(FORMAT, { message: `must be "${FORMAT}"` }),
  version: z.literal(VERSION, { message: `must be ${VERSION} (a newer Pipewright may have written this file)` }),
  workspaceId: z.string().regex(/^[A-Za-z0-9-]{8,64}$/, { message: 'must be the id Pipewright wrote here (8 to 64 letters, digits and "-")' }),
  credentials: z.array(z.unknown()),
});

const updatedAtSchema = z.iso.datetime({ message: 'must be an ISO date-time' }).optional();

export function definitionsPath(workspace: string): string {
  return join(workspace, DEFINITIONS_FILE);
}

/** Reads and validates the file; a workspace without one has no credentials (and no id yet). */
export function readDefinitions(workspace: string): DefinitionsDocument | undefined {
  const file = definitionsPath(workspace);
  const bytes = readFileIfExists(file);
  if (bytes === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    throw broken(file, `${DEFINITIONS_FILE} is not valid JSON (${(error as Error).message}): fix it by hand or restore it from version control`);
  }
  const problems: Problem[] = [];
  const document = documentSchema.safeParse(value);
  if (!document.success) {
    for (const issue of document.error.issues) problems.push(problem(file, formatPath(issue.path), issue.message));
    throw invalid(file, problems);
  }
  const credentials: StoredDefinition[] = [];
  const seen = new Set<string>();
  document.data.credentials.forEach((entry, index) => {
    const { updatedAt, ...rest } = typeof entry === 'object' && entry !== null ? (entry as Record<string, unknown>) : { entry };
    const definition = credentialDefinitionSchema.safeParse(rest);
    const time = updatedAtSchema.safeParse(updatedAt);
    if (!definition.success) for (const issue of definition.error.issues) problems.push(problem(file, formatPath(['credentials', index, ...issue.path]), issue.message));
    if (!time.success) problems.push(problem(file, `credentials[${index}].updatedAt`, 'must be an ISO date-time'));
    if (!definition.success || !time.success) return;
    if (seen.has(definition.data.name)) problems.push(problem(file, `credentials[${index}].name`, `"${definition.data.name}" is defined twice`));
    seen.add(definition.data.name);
    credentials.push(time.data === undefined ? definition.data : { ...definition.data, updatedAt: time.data });
  });
  if (problems.length > 0) throw invalid(file, problems);
  return { workspaceId: document.data.workspaceId, credentials };
}

/** The deterministic text of the file: credentials sorted by name, keys in a fixed order. */
export function serializeDefinitions(document: DefinitionsDocument): string {
  const credentials = [...document.credentials]
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((c) => ({
      name: c.name, type: c.type, fields: sortKeys(c.fields),
      // An empty list means "any host" just like an absent one (DESIGN.md §6): written only when it says something.
      ...('allowedHosts' in c && c.allowedHosts !== undefined && c.allowedHosts.length > 0 ? { allowedHosts: [...c.allowedHosts].sort() } : {}),
      ...(c.updatedAt ? { updatedAt: c.updatedAt } : {}),
    }));
  return `${JSON.stringify({ format: FORMAT, version: VERSION, workspaceId: document.workspaceId, credentials }, null, 2)}\n`;
}

export function writeDefinitions(workspace: string, document: DefinitionsDocument): void {
  writeFileAtomically(definitionsPath(workspace), serializeDefinitions(document));
}

/** A new stable id for a workspace's keychain entries. */
export function newWorkspaceId(): string {
  return randomUUID();
}

function sortKeys(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.keys(fields).sort().map((key) => [key, fields[key]]));
}

function problem(file: string, path: string, message: string): Problem {
  return { code: 'CREDENTIALS_FILE_INVALID', message, file, ...(path ? { path } : {}) };
}

/** One error for every problem found, its message naming the first so that it stands on its own. */
function invalid(file: string, problems: Problem[]): PipewrightError {
  const first = problems[0];
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
  const detail = first ? `${first.path ?? ''}${first.path ? ': ' : ''}${first.message}${more}` : 'unknown problem';
  return broken(file, `${DEFINITIONS_FILE} is not a valid credentials file: ${detail}; fix it by hand or restore it from version control`, problems);
}

function broken(file: string, message: string, problems?: Problem[]): PipewrightError {
  return new PipewrightError('CREDENTIALS_FILE_INVALID', message, { location: { file }, ...(problems ? { problems } : {}) });
}
