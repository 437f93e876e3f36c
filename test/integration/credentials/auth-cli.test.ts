// Credentials through the real `pipewright run`: the workspace's credentials.json names them, the
// secrets sit in the AES-256-GCM file under PIPEWRIGHT_SECRETS_KEY (no keychain needed), and a flow
// with one http.request per credential type runs against the loopback API — every message delivered,
// the one-second OAuth2 token refreshed. Then stdout, stderr, the state files, the flow file,
// credentials.json and the encrypted file are searched for every secret and token: none may appear.
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FlowDocument } from '../../../shared/flow/schema.js';
import { openCredentialVault } from '../../../main/credentials/open-vault.js';
import { REDACTED } from '../../../main/credentials/types.js';
import { cli, type CliResult } from '../cli/cli-harness.js';
import { CREDENTIAL_ROUTES, credentialFlow, credentialsFor, leaksIn, sensitiveValues, startAuthServer, testSecrets, type AuthServer } from './auth-server.js';
import { stateFolderLeaks } from './state-leaks.js';

const secrets = testSecrets();
const ORDERS = 20;
let server: AuthServer;
let workspace: string;
let env: Record<string, string>;
let logged: CliResult;
let json: CliResult;

beforeAll(async () => {
  server = await startAuthServer(secrets, { lifetimeSeconds: 1 });
  server.apiDelayMs = 70;
  workspace = mkdtempSync(join(tmpdir(), 'pipewright-credentials-cli-'));
  env = { PIPEWRIGHT_SECRETS_KEY: randomBytes(32).toString('hex'), PIPEWRIGHT_SECRET_STORE: '' };
  const vault = openCredentialVault(workspace, env);
  for (const { definition, secret } of credentialsFor(server, secrets)) await vault.save(definition, secret);
  mkdirSync(join(workspace, 'flows'));
  writeFileSync(join(workspace, 'flows', 'credentials-cli.flow.json'), `${JSON.stringify(credentialFlow('credentials-cli', server.url), null, 2)}\n`);
  writeFileSync(join(workspace, 'orders.jsonl'), Array.from({ length: ORDERS }, (_, i) => JSON.stringify({ id: `A-${i + 1}` })).join('\n'));
  logged = await cli(['run', 'credentials-cli', '--input', 'orders.jsonl', '--jsonl'], { cwd: workspace, env });
  json = await cli(['run', 'credentials-cli', '--input', 'orders.jsonl', '--jsonl', '--json'], { cwd: workspace, env });
}, 90_000);

afterAll(async () => {
  await server?.close();
  if (workspace) rmSync(workspace, { recursive: true, force: true });
});

describe('credentials through pipewright run', () => {
  it('delivers every message with each credential type, from the encrypted secrets file', () => {
    expect(logged.code, logged.stderr).toBe(0);
    expect(json.code, json.stderr).toBe(0);
    const report = JSON.parse(json.stdout) as { status: string; outputs: Record<string, unknown[]>; dead: unknown[] };
    expect(report.status).toBe('succeeded');
    expect(report.dead).toEqual([]);
    for (const route of CREDENTIAL_ROUTES) expect(report.outputs[route === 'oauth' ? 'audit' : route], route).toHaveLength(ORDERS);
    for (const route of CREDENTIAL_ROUTES) expect(server.requests.filter((r) => r.type === route && r.status === 200), route).toHaveLength(2 * ORDERS);
  });

  it('refreshes the one-second OAuth2 token while the runs last longer', () => {
    expect(server.tokens.length).toBeGreaterThan(2);
    // Refreshed early: the API should refuse no token (one late delivery on a stalled machine is retried once).
    expect(server.requests.filter((r) => r.type === 'oauth' && r.status === 401).length).toBeLessThanOrEqual(1);
  });

  it('prints what the API echoed with the token redacted', () => {
    expect(logged.stderr).toContain(`audit info: Bearer ${REDACTED}`);
  });

  it('leaves no secret or token in its output, the traces, logs and errors of the state database, the secrets file, the flow, credentials.json or the secrets file', () => {
    const values = sensitiveValues(server, secrets);
    const found = [
      ...leaksIn(values, 'stdout', logged.stdout + json.stdout),
      ...leaksIn(values, 'stderr', logged.stderr + json.stderr),
      ...leaksIn(values, 'flow file', readFileSync(join(workspace, 'flows', 'credentials-cli.flow.json'), 'utf8')),
      ...leaksIn(values, 'credentials.json', readFileSync(join(workspace, 'credentials.json'), 'utf8')),
    ];
    expect(readdirSync(join(workspace, '.pipewright'))).toEqual(expect.arrayContaining(['state.db', 'secrets.enc']));
    // The encrypted secrets file, and what state.db keeps for people to read (traces, logs, errors): plaintext in none.
    found.push(...stateFolderLeaks(values, workspace));
    expect(found).toEqual([]);
  });

  it('opens no secret store for a flow without credentials, and reports a broken one only to the node that asks', async () => {
    const broken = { ...env, PIPEWRIGHT_SECRETS_KEY: '', PIPEWRIGHT_SECRET_STORE: 'vault-that-does-not-exist' };
    const plain: FlowDocument = {
      format: 'pipewright/flow@1', id: 'plain', name: 'No credentials',
      nodes: [{ id: 'in', type: 'trigger.manual', position: [0, 0], config: {} }, { id: 'out', type: 'output.log', position: [200, 0], config: {} }],
      edges: [{ from: 'in', to: 'out' }],
    };
    const asking: FlowDocument = {
      ...plain, id: 'asking',
      nodes: [plain.nodes[0]!, { id: 'call', type: 'http.request', position: [200, 0], config: { url: `${server.url}/api/bearer/1`, credential: 'bearer' } }],
      edges: [{ from: 'in', to: 'call' }],
    };
    for (const flow of [plain, asking]) writeFileSync(join(workspace, 'flows', `${flow.id}.flow.json`), `${JSON.stringify(flow, null, 2)}\n`);
    writeFileSync(join(workspace, 'one.json'), '{"n":1}');
    const ok = await cli(['run', 'plain', '--input', 'one.json', '--json'], { cwd: workspace, env: broken });
    expect(ok.code, ok.stderr).toBe(0);
    const failed = await cli(['run', 'asking', '--input', 'one.json', '--json'], { cwd: workspace, env: broken });
    expect(failed.code, failed.stderr).toBe(1);
    const report = JSON.parse(failed.stdout) as { dead: Array<{ error: { code: string; message: string; location?: { path?: string } } }> };
    expect(report.dead[0]!.error).toMatchObject({ code: 'SECRET_STORE_INVALID', location: { path: 'nodes[1].config.credential' } });
    expect(report.dead[0]!.error.message).toContain('vault-that-does-not-exist');
  });
});
