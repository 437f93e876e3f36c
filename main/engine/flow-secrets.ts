// The secrets a flow uses are known to the redactor before its first message moves (DESIGN.md §6).
// A credential registers its secret when a node first asks for it; without this, a payload that already
// carries the secret (an echo of an earlier call, a partner's export) would be written to traces and
// logs by the nodes before that one, unredacted. Resolving is local (keychain, secrets file, environment):
// an OAuth2 token is still fetched on first use. A credential that cannot be resolved now is left to
// the node that needs it, which reports it with its own error.
import type { NodeServices } from './node-services/index.js';
import type { RunPlan } from './run-plan.js';

export async function registerFlowSecrets(plan: RunPlan, services: NodeServices): Promise<void> {
  const credentials = services.credentials;
  if (!credentials) return;
  const http = new Set<string>();
  const databases = new Set<string>();
  for (const { node } of plan.nodes.values()) {
    const config = node.config as Record<string, unknown>;
    if (node.type === 'http.request' && typeof config.credential === 'string') http.add(config.credential);
    if (node.type === 'db.query' && typeof config.database === 'string' && !config.database.startsWith('sqlite:')) databases.add(config.database);
  }
  await Promise.all([
    ...[...http].map((name) => credentials.authorizer(name).catch(() => undefined)),
    ...[...databases].map((name) => credentials.database?.(name).catch(() => undefined)),
  ]);
}
