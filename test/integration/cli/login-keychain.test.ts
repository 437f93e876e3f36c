// `pipewright login URL` / `logout URL` with the OS keychain, as on a desktop: a private gnome-keyring
// (Secret Service on its own session bus, see test/support/secret-service.ts) keeps the server's token,
// and `deploy` and `flows --server` use it without PIPEWRIGHT_TOKEN. A token the server refuses is never
// stored; after logout the commands say to log in again; the token is in no output.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireSecretService, startSecretService, type SecretService } from '../../support/secret-service.js';
import { hasStackTrace, Workspace, type CliResult } from './cli-harness.js';
import { startServeChild, type ServeChild } from './serve-child.js';

const keychain = requireSecretService();

const hookFlow = {
  format: 'pipewright/flow@1', id: 'orders', name: 'Orders in',
  nodes: [{ id: 'hook', type: 'trigger.webhook', position: [0, 0], config: {} }, { id: 'log', type: 'output.log', position: [200, 0], config: {} }],
  edges: [{ from: 'hook', to: 'log' }],
};

describe.skipIf(!keychain.present)('pipewright login with the OS keychain', () => {
  let secrets: SecretService;
  let server: ServeChild;
  const ws = new Workspace('pipewright-login-');
  const outputs: CliResult[] = [];

  beforeAll(async () => {
    [secrets, server] = await Promise.all([startSecretService(), startServeChild('pipewright-login-server-')]);
    ws.write('flows/orders.flow.json', hookFlow);
  });
  afterAll(async () => {
    await server?.stop();
    await secrets?.stop();
    ws.remove();
  });

  /** The CLI with the private keychain and no PIPEWRIGHT_TOKEN from the environment running the tests. */
  async function run(args: string[], stdin?: string): Promise<CliResult> {
    const result = await ws.run(args, { env: { ...secrets.env, PIPEWRIGHT_TOKEN: '' }, ...(stdin === undefined ? {} : { stdin }) });
    outputs.push(result);
    expect(hasStackTrace(result.stderr)).toBe(false);
    return result;
  }

  it('refuses a wrong token and stores nothing; without a stored token, deploy says to log in', async () => {
    const wrong = await run(['login', server.url], 'pw_not-the-token\n');
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/^pipewright: UNAUTHORIZED http:\/\/127\.0\.0\.1:\d+ refused this token; nothing was stored/m);
    const deploy = await run(['deploy', 'orders', '--server', server.url]);
    expect(deploy.code).toBe(2);
    expect(deploy.stderr).toBe(`pipewright: SERVER_TOKEN_MISSING no API token for ${server.url}: run \`pipewright login ${server.url}\` (it asks for the token \`pipewright serve\` printed) or set PIPEWRIGHT_TOKEN\n`);
  });

  it('stores a token the server accepts; deploy and flows --server use it', async () => {
    const login = await run(['login', `${server.url}/`], `${server.token}\n`);
    expect(login.code, login.stderr).toBe(0);
    expect(login.stdout).toMatch(new RegExp(`^logged in to ${server.url.replace(/[.]/g, '\\.')} \\(workspace "pipewright-login-server-\\w+", Pipewright [\\w.-]+\\); the token is kept in the OS keychain$`, 'm'));

    const deploy = await run(['deploy', 'orders', '--server', server.url]);
    expect(deploy.code, deploy.stderr).toBe(0);
    expect(deploy.stdout).toContain('orders: new (version 1)\n');
    const flows = await run(['flows', '--server', server.url]);
    expect(flows.code, flows.stderr).toBe(0);
    expect(flows.stdout).toMatch(/^orders\s+1\s+live\s+trigger\.webhook$/m);
  });

  it('forgets the token on logout, after which deploy says to log in again', async () => {
    const logout = await run(['logout', server.url]);
    expect(logout.code, logout.stderr).toBe(0);
    expect(logout.stdout).toBe(`removed the token for ${server.url} from the OS keychain\n`);
    const again = await run(['logout', server.url]);
    expect(again.stdout).toBe(`no token was stored for ${server.url}\n`);
    const deploy = await run(['deploy', 'orders', '--server', server.url]);
    expect(deploy.code).toBe(2);
    expect(deploy.stderr).toMatch(/SERVER_TOKEN_MISSING .*run `pipewright login/);
  });

  it('never prints the token', () => {
    for (const result of outputs) expect(result.stdout + result.stderr).not.toContain(server.token);
  });
});
