// Deploying flows to another Pipewright server (DESIGN.md §7 `deploy`, §8 "Deploy"): the one
// implementation behind `pipewright deploy` and the designer's Deploy to server… (deploy.flows). Both
// check every flow first and send nothing when one is invalid; `sendDeploy` then builds the bundle
// `pipewright export` writes (flows plus the definitions, never the secrets, of the credentials they
// name) and sends it to the server's bundles.import with overwrite — one call the server checks again
// and writes all or nothing — and answers each flow's change and version. A refusal by the server names
// its problems by place in the bundle (`flows[1].nodes[2]…`); they are pointed back at the flow files.
import type { ImportedBundle } from '../../shared/api/bundles.js';
import type { DeployFlowOutcome, DeployReport } from '../../shared/api/deploy.js';
import type { FlowBundle } from '../../shared/bundle.js';
import { isPipewrightError, PipewrightError, type Problem } from '../../shared/errors.js';
import { buildBundle, type CredentialDefinitions, type SourceFlow } from './bundles.js';
import type { ServerClient } from './remote-server.js';

/**
 * Sends checked flows to the server as one bundle. Throws what the user must fix: a credential this
 * workspace does not define (nothing sent), the server's refusal with every problem in the flows'
 * files (nothing written there), or the connection's own errors (remote-server.ts).
 */
export async function sendDeploy(client: ServerClient, sources: SourceFlow[], definitions: CredentialDefinitions): Promise<{ report: DeployReport; bundle: FlowBundle }> {
  let bundle: FlowBundle;
  try {
    bundle = buildBundle(sources, definitions);
  } catch (error) {
    if (!isPipewrightError(error)) throw error;
    throw new PipewrightError(error.code, `${error.message.replace(/^cannot export/, 'cannot deploy')}; nothing was deployed`, error.problems ? { problems: error.problems } : {});
  }
  let result: ImportedBundle;
  try {
    result = await client.send('bundles.import', { bundle, overwrite: true });
  } catch (error) {
    throw inFlowFiles(error, bundle, sources);
  }
  const versions = result.versions ?? []; // an older server answers without them
  const flows = result.flows.map((id): DeployFlowOutcome => {
    const known = versions.find((entry) => entry.id === id);
    return known === undefined ? { id, change: 'updated', version: 0 } : { id, change: known.change, version: known.version };
  });
  return { report: { server: client.address.base, flows, credentialsAdded: result.credentialsAdded, credentialsWithoutSecret: result.credentialsWithoutSecret }, bundle };
}

/**
 * The outcome per flow when a deploy was refused as a whole: each flow with problems `refused` with
 * them, the others `not-sent` (a deploy is all or nothing). Problems that name no flow go to every flow.
 */
export function refusedOutcomes(ids: string[], files: Map<string, string>, problems: Problem[]): DeployFlowOutcome[] {
  const byFile = new Map([...files].map(([id, file]) => [file, id]));
  const unplaced = problems.filter((problem) => problem.file === undefined || !byFile.has(problem.file));
  return ids.map((id): DeployFlowOutcome => {
    const own = problems.filter((problem) => problem.file !== undefined && byFile.get(problem.file) === id);
    if (own.length > 0) return { id, change: 'refused', problems: own };
    return unplaced.length > 0 ? { id, change: 'refused', problems: unplaced } : { id, change: 'not-sent' };
  });
}

/** A problem of a bundled flow pointed back at its file and the path inside it. */
function inFlowFiles(error: unknown, bundle: FlowBundle, sources: SourceFlow[]): unknown {
  if (!isPipewrightError(error) || !error.problems) return error;
  const files = new Map(sources.map((source) => [source.flow.id, source.file]));
  const problems = error.problems.map((problem): Problem => {
    const match = /^flows\[(\d+)\](?:\.(.*))?$/.exec(problem.path ?? '');
    const file = match ? files.get(String(bundle.flows[Number(match[1])]?.id)) : undefined;
    if (!match || file === undefined) return problem;
    const { path: _path, ...rest } = problem;
    return { ...rest, file, ...(match[2] === undefined ? {} : { path: match[2] }) };
  });
  return new PipewrightError(error.code, `the server refused the deploy, nothing was deployed: ${error.message}`, { problems });
}
