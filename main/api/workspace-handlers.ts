// workspace.info and catalog.list: what the designer loads once at start.
import { readdirSync } from 'node:fs';
import { basename } from 'node:path';
import { z } from 'zod';
import type { CatalogKind, WorkspaceHandlers } from '../../shared/api/workspace.js';
import { nodeCatalog, type NodeKind } from '../../shared/catalog/index.js';
import { FLOW_FILE_SUFFIX } from '../../shared/flow/parse.js';
import { flowsFolder } from '../workspace/flow-paths.js';
import { packageVersion } from './package-version.js';

export function createWorkspaceHandlers(workspace: string): WorkspaceHandlers {
  // The catalog is fixed for the life of the process: build it once.
  let catalog: CatalogKind[] | undefined;
  return {
    'workspace.info': async () => ({
      path: workspace,
      name: basename(workspace),
      flowsFolder: flowsFolder(workspace),
      flowCount: countFlows(workspace),
      version: packageVersion(),
    }),
    'catalog.list': async () => ({ kinds: (catalog ??= [...nodeCatalog.values()].map(catalogKind)) }),
  };
}

function catalogKind(kind: NodeKind): CatalogKind {
  return {
    type: kind.type,
    title: kind.title,
    category: kind.category,
    description: kind.description,
    isTrigger: kind.isTrigger === true,
    defaultConfig: structuredClone(kind.defaultConfig) as Record<string, unknown>,
    ports: kind.ports(kind.defaultConfig),
    jsonataFields: kind.jsonataFields(kind.defaultConfig).map(({ path, kind: fieldKind }) => ({ path, kind: fieldKind })),
    configSchema: jsonSchemaOf(kind.configSchema),
  };
}

/** The config schema as JSON Schema; refinements cannot be expressed there and are checked by flows.validate. */
function jsonSchemaOf(schema: z.ZodType): Record<string, unknown> {
  try {
    return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  } catch {
    return {};
  }
}

function countFlows(workspace: string): number {
  try {
    return readdirSync(flowsFolder(workspace)).filter((name) => name.endsWith(FLOW_FILE_SUFFIX)).length;
  } catch {
    return 0;
  }
}
