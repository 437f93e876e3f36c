// `pipewright login URL` and `pipewright logout URL`: keep a server's API token in the OS keychain for
// `deploy` and `flows --server`. Login reads the token at a hidden prompt or from stdin (never from an
// argument: shell history, `ps`), checks it with an authenticated call before it stores anything, and
// stores it under the server's address. PIPEWRIGHT_TOKEN, when set, wins over a stored token.
import type { Command } from 'commander';
import type { WorkspaceInfo } from '../../../shared/api/workspace.js';
import { isPipewrightError, PipewrightError } from '../../../shared/errors.js';
import { EXIT, type CliContext } from '../context.js';
import { readSecret } from '../prompt/read-secret.js';
import { connectServer, parseServerAddress } from '../../api/remote-server.js';
import { serverTokens, warnIfPlainHttp } from '../remote/server-token.js';
import type { Runner } from '../runner.js';

export function registerLogin(program: Command, runner: Runner): void {
  program
    .command('login')
    .description('check a server\'s API token and keep it in the OS keychain for `deploy` and `flows --server` (asked at a hidden prompt, or piped on stdin)')
    .argument('<url>', 'the server, e.g. http://127.0.0.1:4870')
    .action((url: string, _options: unknown, command: Command) => runner.run(command, (ctx) => login(ctx, url)));
  program
    .command('logout')
    .description('remove a server\'s API token from the OS keychain')
    .argument('<url>', 'the server, e.g. http://127.0.0.1:4870')
    .action((url: string, _options: unknown, command: Command) => runner.run(command, (ctx) => logout(ctx, url)));
}

async function login(ctx: CliContext, url: string): Promise<number> {
  const address = parseServerAddress(url);
  warnIfPlainHttp(address, ctx.terminal);
  const token = (await readSecret(`API token for ${address.base}`, `printf %s "$TOKEN" | pipewright login ${address.base}`)).trim();
  const client = connectServer(address, token, { tokenSource: 'given', fix: 'nothing was stored' });
  let info: WorkspaceInfo;
  try {
    info = await client.send('workspace.info', {});
  } catch (error) {
    if (isPipewrightError(error) && error.code === 'UNAUTHORIZED') {
      throw new PipewrightError('UNAUTHORIZED', `${address.base} refused this token; nothing was stored. Give the token \`pipewright serve\` printed on its first start (lost it? restart the server with --reset-token)`);
    }
    throw error;
  }
  await (await serverTokens()).set(address.base, token);
  ctx.terminal.out(`logged in to ${address.base} (workspace "${info.name}", Pipewright ${info.version}); the token is kept in the OS keychain`);
  return EXIT.ok;
}

async function logout(ctx: CliContext, url: string): Promise<number> {
  const address = parseServerAddress(url);
  const removed = await (await serverTokens()).delete(address.base);
  ctx.terminal.out(removed ? `removed the token for ${address.base} from the OS keychain` : `no token was stored for ${address.base}`);
  return EXIT.ok;
}
