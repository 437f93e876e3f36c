// bundles.* — export saved flows with the definitions of the credentials they name, and import a bundle
// into the workspace. The logic lives in ./bundles.ts, shared with `pipewright export/import`; this file
// adds what only a service with an engine can say: each imported flow's version (`pipewright deploy`
// prints it). A flow's version is the engine's (identical content keeps its version), taken of the
// file before and after the write, the same way live flows register it.
import type { BundleHandlers, ImportedFlowVersion } from '../../shared/api/bundles.js';
import type { Engine } from '../engine/types.js';
import { loadSavedFlow } from '../workspace/runnable-flow.js';
import { buildBundle, importBundle, readWorkspaceFlow } from './bundles.js';
import type { CredentialAccess } from './credential-access.js';

export function createBundleHandlers(workspace: string, credentials: CredentialAccess, engine: Engine): BundleHandlers {
  // Imports run one at a time: two deploys of one flow must not read each other's half-taken versions.
  let importing: Promise<unknown> = Promise.resolve();

  /** The engine's version of a saved flow, or undefined when there is no valid file of that id. */
  const versionOf = async (id: string): Promise<number | undefined> => {
    let saved: ReturnType<typeof loadSavedFlow>;
    try {
      saved = loadSavedFlow(workspace, id);
    } catch {
      return undefined;
    }
    return (await engine.registerFlow(saved.flow, saved.flowPath)).version;
  };

  return {
    'bundles.export': async ({ flowIds }) => {
      const flows = [...new Set(flowIds)].map((id) => readWorkspaceFlow(workspace, id));
      return buildBundle(flows, await credentials.vault());
    },
    'bundles.import': ({ bundle, overwrite }) => {
      const run = importing.then(async () => {
        const before = new Map<string, number | undefined>();
        const result = await importBundle(workspace, bundle, await credentials.vault(), {
          overwrite: overwrite === true,
          beforeWrite: async (flows) => {
            for (const flow of flows) before.set(flow.id, await versionOf(flow.id));
          },
        });
        const versions: ImportedFlowVersion[] = [];
        for (const id of result.flows) {
          const version = await versionOf(id);
          if (version === undefined) continue; // Cannot happen: the bundle's flows were checked and written.
          const previous = before.get(id);
          versions.push({ id, version, change: previous === undefined ? 'new' : previous === version ? 'unchanged' : 'updated' });
        }
        return { ...result, versions };
      });
      importing = run.catch(() => undefined);
      return run;
    },
  };
}
