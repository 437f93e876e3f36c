// Credentials from the OS keychain through the real CLI, as on the desktop: `pipewright credentials
// set` stores each secret in a private gnome-keyring (Secret Service on its own session bus, see
// test/support/secret-service.ts), then `pipewright run` calls the loopback API with every credential
// type. Every message is delivered, and no secret or token appears in any output or workspace file.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireSecretService, startSecretService, type SecretService } from '../../support/secret-service.js';
import { cli, type CliResult } from '../cli/cli-harness.js';
import { CREDENTIAL_ROUTES, credentialFlow, credentialsFor, leaksIn, sensitiveValues, startAuthServer, testSecrets, type AuthServer } from './auth-server.js';
import { stateFolderLeaks } from './state-leaks.js';

const keychain = requireSecretService();
const secrets = testSecrets();
const ORDERS = 6;

describe.skipIf(!keychain.present)('credentials from the keychain through pipewright run', () => {
  let service: SecretService;
  let server: AuthServer;
  let workspace: string;
  const results: CliResult[] = [];
  let report: { status: string; outputs: Record<string, unknown[]>; dead: unknown[] };

  beforeAll(async () => {
    service = await startSecretService();
    server = await startAuthServer(secrets);
    workspace = mkdtempSync(join(tmpdir(), 'pipewright-credentials-keychain-'));
    const env = { ...service.env, PIPEWRIGHT_SECRET_STORE: 'keychain' };
    for (const { definition, secret } of credentialsFor(server, secrets)) {
      const fields = definition.type === 'apiKey'
        ? ['--in', definition.fields.in, '--param-name', definition.fields.name, ...(definition.fields.prefix ? ['--prefix', definition.fields.prefix] : [])]
        : definition.type === 'basic' ? ['--username', definition.fields.username]
          : definition.type === 'oauth2ClientCredentials' ? ['--token-url', definition.fields.tokenUrl, '--client-id', definition.fields.clientId]
            : [];
      results.push(await cli(['credentials', 'set', definition.name, '--type', definition.type, ...fields], { cwd: workspace, env, stdin: secret }));
    }
    mkdirSync(join(workspace, 'flows'));
    writeFileSync(join(workspace, 'flows', 'keychain.flow.json'), `${JSON.stringify(credentialFlow('keychain', server.url), null, 2)}\n`);
    writeFileSync(join(workspace, 'orders.jsonl'), Array.from({ length: ORDERS }, (_, i) => JSON.stringify({ id: `K-${i + 1}` })).join('\n'));
    const run = await cli(['run', 'keychain', '--input', 'orders.jsonl', '--jsonl', '--json'], { cwd: workspace, env });
    results.push(run);
    report = JSON.parse(run.stdout || '{}') as typeof report;
  }, 90_000);

  afterAll(async () => {
    await server?.close();
    await service?.stop();
    if (workspace) rmSync(workspace, { recursive: true, force: true });
  });

  it('stores every secret in the keychain and delivers every message with it', () => {
    for (const result of results) expect(result.code, result.stderr).toBe(0);
    expect(report.status).toBe('succeeded');
    expect(report.dead).toEqual([]);
    for (const route of CREDENTIAL_ROUTES) expect(report.outputs[route === 'oauth' ? 'audit' : route], route).toHaveLength(ORDERS);
  });

  it('leaves no secret or token in any output or workspace file', () => {
    const values = sensitiveValues(server, secrets);
    const found = results.flatMap((result, i) => leaksIn(values, `output of call ${i + 1}`, result.stdout + result.stderr));
    found.push(...leaksIn(values, 'flow file', readFileSync(join(workspace, 'flows', 'keychain.flow.json'), 'utf8')));
    found.push(...leaksIn(values, 'credentials.json', readFileSync(join(workspace, 'credentials.json'), 'utf8')));
    found.push(...stateFolderLeaks(values, workspace));
    expect(found).toEqual([]);
  });
});
