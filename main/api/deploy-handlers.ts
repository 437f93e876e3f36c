// deploy.* — the designer's Deploy to server… (DESIGN.md §8 "Deploy"), on the service's host: the
// servers it remembers (addresses in `<workspace>/.pipewright/deploy-servers.json`; their tokens in
// the OS keychain of this process, where `pipewright login` keeps them too, so a server added in the
// designer also works for `pipewright deploy`), adding one, deploying flows through ./deploy.ts (the
// code `pipewright deploy` runs), and pausing or resuming a flow on the server.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DeployFlowOutcome, DeployHandlers, DeployServer } from '../../shared/api/deploy.js';
import { isPipewrightError, PipewrightError } from '../../shared/errors.js';
import { writeFileAtomically } from '../files/atomic-write.js';
import { readWorkspaceFlow, type SourceFlow } from './bundles.js';
import { refusedOutcomes, sendDeploy } from './deploy.js';
import { connectServer, parseServerAddress, type ServerAddress, type ServerClient } from './remote-server.js';

const FORMAT = 'pipewright/deploy-servers@1';

/** The keychain's server tokens (main/credentials/server-tokens.ts), loaded on first use: the keychain addon is not needed before. */
async function serverTokens(): Promise<import('../credentials/server-tokens.js').ServerTokens> {
  const { ServerTokens } = await import('../credentials/server-tokens.js');
  return new ServerTokens();
}

export function createDeployHandlers(workspace: string): DeployHandlers {
  const serversFile = join(workspace, '.pipewright', 'deploy-servers.json');
  const remembered = (): DeployServer[] => readServers(serversFile);
  const remember = (url: string): void => {
    const urls = new Set(remembered().map((server) => server.url)).add(url);
    writeFileAtomically(serversFile, `${JSON.stringify({ format: FORMAT, servers: [...urls].sort() }, null, 2)}\n`);
  };
  /** A client with the keychain's token for the server; SERVER_TOKEN_MISSING when none was added. */
  const clientFor = async (server: string): Promise<ServerClient> => {
    const address = parseServerAddress(server);
    const token = await (await serverTokens()).get(address.base);
    if (token === undefined) throw new PipewrightError('SERVER_TOKEN_MISSING', `no API token for ${address.base} on this host: add the server again with the token \`pipewright serve\` printed there`);
    return connectServer(address, token, { tokenSource: 'kept in the keychain', fix: 'add the server again with the token `pipewright serve` printed there (lost it? restart it with --reset-token)' });
  };
  return {
    'deploy.servers': async () => remembered(),
    'deploy.addServer': async ({ url, token }) => {
      const address: ServerAddress = parseServerAddress(url);
      const client = connectServer(address, token.trim(), { tokenSource: 'given', fix: 'nothing was stored' });
      let info;
      try {
        info = await client.send('workspace.info', {});
      } catch (error) {
        if (isPipewrightError(error) && error.code === 'UNAUTHORIZED') {
          throw new PipewrightError('UNAUTHORIZED', `${address.base} refused this token; nothing was stored. Give the token \`pipewright serve\` printed on its first start (lost it? restart the server with --reset-token)`);
        }
        throw error;
      }
      await (await serverTokens()).set(address.base, token.trim());
      remember(address.base);
      return { url: address.base, workspace: info.name, version: info.version };
    },
    'deploy.flows': async ({ server, flowIds }) => {
      const ids = [...new Set(flowIds)];
      const sources: SourceFlow[] = [];
      const refused: DeployFlowOutcome[] = [];
      for (const id of ids) {
        try {
          sources.push(readWorkspaceFlow(workspace, id));
        } catch (error) {
          if (!isPipewrightError(error)) throw error;
          refused.push({ id, change: 'refused', problems: error.problems?.length ? error.problems : [{ code: error.code, message: error.message }] });
        }
      }
      const address = parseServerAddress(server);
      // Checked here first, as `pipewright deploy` does: an invalid flow sends nothing at all.
      if (refused.length > 0) {
        return { server: address.base, flows: ids.map((id) => refused.find((outcome) => outcome.id === id) ?? { id, change: 'not-sent' }), credentialsAdded: [], credentialsWithoutSecret: [] };
      }
      const client = await clientFor(server);
      const { openCredentialVault } = await import('../credentials/open-vault.js');
      try {
        return (await sendDeploy(client, sources, openCredentialVault(workspace))).report;
      } catch (error) {
        if (!isPipewrightError(error) || !error.problems?.length) throw error;
        const files = new Map(sources.map((source) => [source.flow.id, source.file]));
        return { server: address.base, flows: refusedOutcomes(ids, files, error.problems), credentialsAdded: [], credentialsWithoutSecret: [] };
      }
    },
    'deploy.remoteFlows': async ({ server }) => (await clientFor(server)).send('flows.live', {}),
    'deploy.pause': async ({ server, flowId }) => (await clientFor(server)).send('flows.pause', { flowId }),
    'deploy.resume': async ({ server, flowId }) => (await clientFor(server)).send('flows.resume', { flowId }),
  };
}

function readServers(path: string): DeployServer[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return []; // None added yet.
  }
  try {
    const value = JSON.parse(text) as { format?: unknown; servers?: unknown };
    if (value.format === FORMAT && Array.isArray(value.servers)) return value.servers.filter((url): url is string => typeof url === 'string').map((url) => ({ url }));
  } catch {
    // Damaged: it only lists addresses (the tokens are in the keychain), so the list starts over.
  }
  return [];
}
