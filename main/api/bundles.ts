// Flow bundles (DESIGN.md §7): building one from saved flows, writing it as deterministic JSON, checking
// one that arrives, and importing it into a workspace. The service (bundles.export/import) and the CLI
// (`pipewright export/import`) both call these functions, so a bundle means the same thing everywhere.
//
// Decisions worth knowing:
// - A flow names a credential in its node config under the key `credential` (http.request today,
//   db.query later): that convention, not a list of node types, is how references are found.
// - Export refuses a flow that names a credential the workspace does not define (CREDENTIAL_NOT_FOUND,
//   each reference with its file and path): a bundle whose flows cannot run on the target is a trap,
//   and the bundle format has no place for "missing".
// - Import checks everything before it writes anything: the bundle's shape, every flow (shared/flow),
//   duplicate ids, credential references that nothing defines, and flows that already exist. Then it is
//   all or nothing for the flows too: a write that fails (disk full, a name too long for the file
//   system) puts back what the earlier writes replaced, so a deploy never leaves half a bundle live.
//   Credential definitions go first: a definition without its flows is inert, a flow without its
//   credential's definition is not.
// - A bundle carries definitions only (name, type, non-secret fields); the schema has no room for a
//   secret, and definitions are re-parsed through it on the way out.
import { rmSync } from 'node:fs';
import type { ImportResult } from '../../shared/api/bundles.js';
import { BUNDLE_FORMAT, BUNDLE_VERSION, flowBundleSchema, type FlowBundle } from '../../shared/bundle.js';
import { credentialDefinitionSchema, type CredentialDefinition, type CredentialSummary } from '../../shared/credentials/definition.js';
import { asErrorCode, formatPath, PipewrightError, type Problem } from '../../shared/errors.js';
import { issuesToProblems, plainErrorMap } from '../../shared/flow/issues.js';
import type { FlowDocument } from '../../shared/flow/schema.js';
import { serializeFlow } from '../../shared/flow/serialize.js';
import { validateFlow } from '../../shared/flow/validate.js';
import { writeFileAtomically } from '../files/atomic-write.js';
import { checkFlowFileText, readFlowText } from '../workspace/flow-file.js';
import { flowInvalidError } from '../workspace/flow-invalid.js';
import { flowFileLabel, flowFilePath } from '../workspace/flow-paths.js';
import { packageVersion } from './package-version.js';

/** What bundles need of the workspace's credentials (a CredentialVault is one). */
export interface CredentialDefinitions {
  definition(name: string): CredentialDefinition | undefined;
  /** Saves a definition; without a secret the stored secret (if any) is kept. */
  save(definition: CredentialDefinition): Promise<CredentialSummary>;
  list(): Promise<CredentialSummary[]>;
}

/** A flow to export and where it was read from (for problems). */
export interface SourceFlow {
  flow: FlowDocument;
  file: string;
}

export interface CredentialReference {
  name: string;
  /** `nodes[2].config.credential` */
  path: string;
}

/** Every credential a flow names: a string `credential` key in a node's config. */
export function credentialReferences(flow: FlowDocument): CredentialReference[] {
  const references: CredentialReference[] = [];
  flow.nodes.forEach((node, index) => {
    const name = (node.config as Record<string, unknown> | undefined)?.credential;
    if (typeof name === 'string' && name !== '') references.push({ name, path: formatPath(['nodes', index, 'config', 'credential']) });
  });
  return references;
}

/** A saved flow of the workspace, checked; FLOW_NOT_FOUND or FLOW_INVALID (every problem) otherwise. */
export function readWorkspaceFlow(workspace: string, id: string): SourceFlow {
  const file = flowFileLabel(id);
  const text = readFlowText(flowFilePath(workspace, id));
  if (text === undefined) throw new PipewrightError('FLOW_NOT_FOUND', `there is no flow "${id}" in this workspace (${file})`, { location: { file } });
  return checkedFlowText(text, file);
}

/** A flow file's text, checked: the flow, or FLOW_INVALID listing every problem (a bundle carries only valid flows). */
export function checkedFlowText(text: string, file: string): SourceFlow {
  const { flow, problems } = checkFlowFileText(text, file);
  if (!flow) throw flowInvalidError(file, problems, 'fix it before exporting');
  // The file as written (validateFlow's copy would add schema defaults, e.g. to retry policies).
  return { flow: JSON.parse(text.startsWith('\uFEFF') ? text.slice(1) : text) as FlowDocument, file };
}

/** The bundle of `flows` and the definitions of every credential they name. */
export function buildBundle(flows: SourceFlow[], definitions: CredentialDefinitions, now: Date = new Date()): FlowBundle {
  const problems: Problem[] = [];
  // The same file named twice (by id and by path) goes in once; two files with one id cannot both go in.
  const seen = new Map<string, string>();
  const unique: SourceFlow[] = [];
  for (const source of flows) {
    const first = seen.get(source.flow.id);
    if (first === undefined) {
      seen.set(source.flow.id, source.file);
      unique.push(source);
    } else if (first !== source.file) {
      problems.push({ code: 'DUPLICATE_FLOW', message: `flow id "${source.flow.id}" is also used by ${first}; a bundle holds each id once`, file: source.file, path: 'id' });
    }
  }
  const credentials = new Map<string, CredentialDefinition>();
  for (const { flow, file } of unique) {
    for (const { name, path } of credentialReferences(flow)) {
      const definition = definitions.definition(name);
      if (definition) credentials.set(name, definition);
      else problems.push({ code: 'CREDENTIAL_NOT_FOUND', message: `credential "${name}" is not defined in this workspace; create it (designer: Credentials, or \`pipewright credentials set ${name} --type TYPE\`) or remove it from the node`, file, path });
    }
  }
  if (problems.length > 0) {
    throw new PipewrightError(asErrorCode((problems[0] as Problem).code), `cannot export: ${describe(problems)}`, { problems });
  }
  return {
    format: BUNDLE_FORMAT,
    version: BUNDLE_VERSION,
    exportedAt: now.toISOString(),
    pipewrightVersion: packageVersion(),
    // Each flow in its canonical form, so an import writes the same bytes the source workspace holds.
    flows: unique.map(({ flow }) => JSON.parse(serializeFlow(flow)) as Record<string, unknown>),
    credentials: [...credentials.keys()].sort().map((name) => canonicalDefinition(credentials.get(name) as CredentialDefinition)),
  };
}

/** The bundle as a file: fixed key order, 2-space indent, trailing newline. */
export function serializeBundle(bundle: FlowBundle): string {
  const ordered: FlowBundle = {
    format: bundle.format,
    version: bundle.version,
    exportedAt: bundle.exportedAt,
    pipewrightVersion: bundle.pipewrightVersion,
    flows: bundle.flows.map((flow) => JSON.parse(serializeFlow(flow as unknown as FlowDocument)) as Record<string, unknown>),
    credentials: bundle.credentials.map(canonicalDefinition),
  };
  return `${JSON.stringify(ordered, null, 2)}\n`;
}

/** Only the schema's keys, in the schema's order: whatever else an object carried stays behind. */
function canonicalDefinition(definition: CredentialDefinition): CredentialDefinition {
  const parsed = credentialDefinitionSchema.parse(definition);
  return { name: parsed.name, type: parsed.type, fields: parsed.fields } as CredentialDefinition;
}

export interface CheckedBundle {
  bundle: FlowBundle;
  /** The bundle's flows as written, each valid. */
  flows: FlowDocument[];
}

export interface CheckOptions {
  /** Set on every problem (the bundle file, for the CLI). */
  file?: string;
  /** Whether the target workspace defines a credential; a reference neither it nor the bundle defines is a problem. */
  isDefined?: (name: string) => boolean;
}

/** Checks a parsed bundle; BUNDLE_INVALID listing every problem (with its path inside the bundle) otherwise. */
export function checkBundle(value: unknown, options: CheckOptions = {}): CheckedBundle {
  const parsed = flowBundleSchema.safeParse(value, { error: plainErrorMap });
  const problems: Problem[] = parsed.success ? [] : issuesToProblems(parsed.error.issues, 'BUNDLE_SCHEMA', []);
  const record = typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  const flows = Array.isArray(record.flows) ? (record.flows as unknown[]) : [];
  const defined = new Set<string>();
  if (Array.isArray(record.credentials)) {
    record.credentials.forEach((entry: unknown, index) => {
      const name = typeof entry === 'object' && entry !== null ? (entry as { name?: unknown }).name : undefined;
      if (typeof name !== 'string') return;
      if (defined.has(name)) problems.push({ code: 'DUPLICATE_CREDENTIAL', message: `credential "${name}" is defined twice in the bundle`, path: formatPath(['credentials', index, 'name']) });
      defined.add(name);
    });
  }

  const valid: FlowDocument[] = [];
  const ids = new Set<string>();
  flows.forEach((flow, index) => {
    const base = ['flows', index];
    const result = validateFlow(flow);
    for (const problem of result.problems) problems.push({ ...problem, path: problem.path === undefined ? formatPath(base) : `${formatPath(base)}.${problem.path}` });
    // Ids are compared even for broken flows: the duplicate is a problem of its own.
    const id = typeof flow === 'object' && flow !== null ? (flow as { id?: unknown }).id : undefined;
    if (typeof id === 'string') {
      if (ids.has(id)) problems.push({ code: 'DUPLICATE_FLOW', message: `flow id "${id}" appears twice in the bundle`, path: formatPath([...base, 'id']) });
      ids.add(id);
    }
    if (!result.flow) return;
    const written = flow as FlowDocument;
    for (const reference of credentialReferences(written)) {
      if (defined.has(reference.name) || options.isDefined?.(reference.name) === true) continue;
      problems.push({ code: 'CREDENTIAL_NOT_DEFINED', message: `credential "${reference.name}" is neither in the bundle nor in this workspace`, path: `${formatPath(base)}.${reference.path}` });
    }
    valid.push(written);
  });

  if (problems.length > 0 || !parsed.success) {
    const located = options.file === undefined ? problems : problems.map((problem) => ({ ...problem, file: options.file }));
    const count = located.length === 1 ? 'a problem' : `${located.length} problems`;
    throw new PipewrightError('BUNDLE_INVALID', `the bundle has ${count}: ${describe(located)}`, { problems: located });
  }
  return { bundle: parsed.data, flows: valid };
}

export interface ImportOptions {
  overwrite?: boolean;
  /** The bundle file, for problems. */
  file?: string;
  /** Called once every check passed, before anything is written, with the flows about to be written. */
  beforeWrite?: (flows: FlowDocument[]) => Promise<void>;
}

/**
 * Imports a parsed bundle into `workspace`: missing credential definitions are added (existing ones are
 * kept as they are), then each flow is written atomically in the deterministic format. Nothing is
 * written when any check fails; existing flows are replaced only with `overwrite` (CONFLICT otherwise).
 */
export async function importBundle(workspace: string, value: unknown, definitions: CredentialDefinitions, options: ImportOptions = {}): Promise<ImportResult> {
  const { bundle, flows } = checkBundle(value, {
    ...(options.file === undefined ? {} : { file: options.file }),
    isDefined: (name) => definitions.definition(name) !== undefined,
  });
  const existing = flows.filter((flow) => readFlowText(flowFilePath(workspace, flow.id)) !== undefined);
  if (existing.length > 0 && options.overwrite !== true) {
    const names = existing.map((flow) => flowFileLabel(flow.id));
    throw new PipewrightError('CONFLICT', `${names.join(', ')} already ${existing.length === 1 ? 'exists' : 'exist'}; import with overwrite (\`--overwrite\`) to replace ${existing.length === 1 ? 'it' : 'them'}`, {
      problems: existing.map((flow) => ({ code: 'FLOW_EXISTS', message: `flow "${flow.id}" already exists in this workspace`, file: flowFileLabel(flow.id) })),
    });
  }

  await options.beforeWrite?.(flows);
  const credentialsAdded: string[] = [];
  for (const definition of bundle.credentials) {
    if (definitions.definition(definition.name) !== undefined) continue;
    await definitions.save(definition);
    credentialsAdded.push(definition.name);
  }
  writeAllFlows(workspace, flows);

  const named = [...new Set(flows.flatMap((flow) => credentialReferences(flow).map((reference) => reference.name)))].sort();
  return { flows: flows.map((flow) => flow.id), credentialsAdded, credentialsWithoutSecret: await withoutSecret(named, definitions) };
}

/** Writes every flow or none: when one write fails, the files written before it get their old bytes back. */
function writeAllFlows(workspace: string, flows: FlowDocument[]): void {
  const written: Array<{ path: string; previous: string | undefined }> = [];
  try {
    for (const flow of flows) {
      const path = flowFilePath(workspace, flow.id);
      const previous = readFlowText(path);
      writeFileAtomically(path, serializeFlow(flow));
      written.push({ path, previous });
    }
  } catch (error) {
    for (const { path, previous } of written.reverse()) {
      try {
        if (previous === undefined) rmSync(path, { force: true });
        else writeFileAtomically(path, previous);
      } catch {
        // The first failure is the one to report; this one leaves that file at the bundle's version.
      }
    }
    throw error;
  }
}

/** The names that have no stored secret; when the secret store cannot be asked, all of them (the user must check). */
async function withoutSecret(names: string[], definitions: CredentialDefinitions): Promise<string[]> {
  if (names.length === 0) return [];
  let summaries: CredentialSummary[];
  try {
    summaries = await definitions.list();
  } catch {
    return names;
  }
  const stored = new Set(summaries.filter((summary) => summary.hasSecret).map((summary) => summary.name));
  return names.filter((name) => !stored.has(name));
}

function describe(problems: Problem[]): string {
  const shown = problems.slice(0, 3).map((problem) => `${[problem.file, problem.path].filter(Boolean).join(':') || 'bundle'}: ${problem.message}`);
  return problems.length > 3 ? `${shown.join('; ')}; and ${problems.length - 3} more` : shown.join('; ');
}
