// Which token a command sends to a server: PIPEWRIGHT_TOKEN when set (scripts, CI), else the one
// `pipewright login URL` stored in the OS keychain for that address. The keychain library is loaded
// only when it is needed, so a command given PIPEWRIGHT_TOKEN runs where no keychain exists.
import { PipewrightError } from '../../../shared/errors.js';
import type { Terminal } from '../context.js';
import { PREFIX } from '../format/problems.js';
import { connectServer, isLoopbackAddress, type ServerAddress, type ServerClient } from '../../api/remote-server.js';

export const TOKEN_VARIABLE = 'PIPEWRIGHT_TOKEN';

/** The keychain's server tokens (main/credentials/server-tokens.ts), loaded on first use. */
export async function serverTokens(): Promise<import('../../credentials/server-tokens.js').ServerTokens> {
  const { ServerTokens } = await import('../../credentials/server-tokens.js');
  return new ServerTokens();
}

/** A client for `address` with the token from the environment or the keychain; SERVER_TOKEN_MISSING without one. */
export async function connectWithStoredToken(address: ServerAddress, terminal: Terminal, env: NodeJS.ProcessEnv = process.env): Promise<ServerClient> {
  warnIfPlainHttp(address, terminal);
  const fromEnv = env[TOKEN_VARIABLE]?.trim();
  const printed = 'the token `pipewright serve` printed on its first start (lost it? restart the server with --reset-token)';
  if (fromEnv !== undefined && fromEnv !== '') {
    return connectServer(address, fromEnv, { tokenSource: `from ${TOKEN_VARIABLE}`, fix: `set ${TOKEN_VARIABLE} to ${printed}` });
  }
  const stored = await (await serverTokens()).get(address.base);
  if (stored === undefined) {
    throw new PipewrightError('SERVER_TOKEN_MISSING', `no API token for ${address.base}: run \`pipewright login ${address.base}\` (it asks for the token \`pipewright serve\` printed) or set ${TOKEN_VARIABLE}`);
  }
  return connectServer(address, stored, { tokenSource: 'stored by `pipewright login`', fix: `run \`pipewright login ${address.base}\` again with ${printed}` });
}

/** A token sent over plain HTTP to another machine can be read on the way: say so, once per command. */
export function warnIfPlainHttp(address: ServerAddress, terminal: Terminal): void {
  if (address.url.protocol === 'http:' && !isLoopbackAddress(address)) {
    terminal.err(`${PREFIX}: warning: ${address.base} is plain HTTP: the API token travels unencrypted; put the server behind HTTPS`);
  }
}
