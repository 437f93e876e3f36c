// Credentials in http.request, through the real engine (SQLite state in a temp workspace) against a
// loopback API that checks each credential type: every message is delivered; an OAuth2 token living
// one second is refreshed during a longer run; a forced 401 costs exactly one token fetch and one
// immediate retry; broken credentials dead-letter with clear messages. Then every byte the engine
// wrote (state.db and its -wal/-shm, trace rows, logs, dead letters, log lines handed to the host)
// is searched for every secret and token: none may appear.
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CredentialDefinition } from '../../../shared/credentials/definition.js';
import type { FlowDocument, FlowNode } from '../../../shared/flow/schema.js';
import { createCredentialProvider } from '../../../main/credentials/provider.js';
import { REDACTED } from '../../../main/credentials/types.js';
import { openEngine } from '../../../main/engine/index.js';
import { closeHttpAgent } from '../../../main/http/index.js';
import type { Engine, LogLevel, RunReport } from '../../../main/engine/types.js';
import {
  API_KEY_PREFIX, API_KEY_QUERY, CREDENTIAL_ROUTES as TYPES, credentialsFor, leaksIn, sensitiveValues as sensitive, startAuthServer, testSecrets, type AuthServer,
} from './auth-server.js';
import { stateFolderLeaks } from './state-leaks.js';
import { memoryVault } from './memory-vault.js';

const secrets = testSecrets();
const ORDERS = 24;

let server: AuthServer;
let workspace: string;
let engine: Engine;
const hostLog: Array<{ runId: string; nodeId?: string; level: LogLevel; message: string; data?: unknown }> = [];
let flow: FlowDocument;
let main: RunReport;
let provider: ReturnType<typeof createCredentialProvider>;

function definitions(tokenUrl: string): Array<{ definition: CredentialDefinition; secret?: string }> {
  return [
    ...credentialsFor(server, secrets),
    // Broken on purpose: the endpoint refuses this client, and the other one has no secret stored.
    { definition: { name: 'oauth-wrong-secret', type: 'oauth2ClientCredentials', fields: { tokenUrl, clientId: secrets.oauth.clientId, clientAuth: 'body' } }, secret: 'wrong-client-secret-value' },
    { definition: { name: 'no-secret', type: 'bearer', fields: {} } },
  ];
}

function httpNode(id: string, credential: string, path: string, concurrency = 4): FlowNode {
  return {
    id, type: 'http.request', position: [300, 0],
    config: { method: 'POST', url: `${server.url}/api/${path}/{{ id }}`, credential, concurrency, timeoutMs: 5_000 },
    retry: { maxAttempts: 3, backoffMs: 20, maxBackoffMs: 50 },
  };
}

function deliveryFlow(): FlowDocument {
  return {
    format: 'pipewright/flow@1', id: 'credentials-delivery', name: 'One API call per credential type',
    nodes: [
      { id: 'orders', type: 'trigger.manual', position: [0, 0], config: {} },
      ...TYPES.map((type) => httpNode(type, type, type, type === 'oauth' ? 1 : 4)),
      // Logs what the API echoed: the Authorization header, which must reach no log unredacted.
      { id: 'audit', type: 'output.log', position: [600, 0], config: { expression: 'echo.authorization' } },
    ],
    edges: [...TYPES.map((type) => ({ from: 'orders', to: type })), { from: 'oauth', to: 'audit' }],
  };
}

function brokenFlow(): FlowDocument {
  return {
    format: 'pipewright/flow@1', id: 'credentials-broken', name: 'Broken credentials',
    nodes: [
      { id: 'orders', type: 'trigger.manual', position: [0, 0], config: {} },
      httpNode('unknown', 'no-such-credential', 'bearer'),
      httpNode('missing', 'no-secret', 'bearer'),
      httpNode('refused', 'oauth-wrong-secret', 'oauth'),
    ],
    edges: [{ from: 'orders', to: 'unknown' }, { from: 'orders', to: 'missing' }, { from: 'orders', to: 'refused' }],
  };
}

const sensitiveValues = (): string[] => sensitive(server, secrets, ['wrong-client-secret-value']);
const leaks = (label: string, text: string): string[] => leaksIn(sensitiveValues(), label, text);

const stateFileLeaks = (): string[] => stateFolderLeaks(sensitiveValues(), workspace);

beforeAll(async () => {
  server = await startAuthServer(secrets, { lifetimeSeconds: 1 });
  server.apiDelayMs = 60;
  workspace = mkdtempSync(join(tmpdir(), 'pipewright-credentials-'));
  provider = createCredentialProvider(memoryVault(definitions(server.tokenUrl)));
  engine = openEngine({ workspace, credentials: provider, onLog: (line) => hostLog.push(line) });
  flow = deliveryFlow();
  mkdirSync(join(workspace, 'flows'));
  writeFileSync(join(workspace, 'flows', `${flow.id}.flow.json`), `${JSON.stringify(flow, null, 2)}\n`);
  const orders = Array.from({ length: ORDERS }, (_, i) => ({ id: `A-${i + 1}` }));
  main = await engine.drive(await engine.startRun({ flow, inputs: [{ triggerId: 'orders', messages: orders }] }));
}, 60_000);

afterAll(async () => {
  engine?.close();
  await closeHttpAgent();
  await server?.close();
  if (workspace) rmSync(workspace, { recursive: true, force: true });
});

describe('credentials in http.request through the engine', () => {
  it('delivers every message with each credential type', () => {
    expect(main.status).toBe('succeeded');
    expect(main.dead).toEqual([]);
    for (const type of TYPES) expect(main.outputs[type === 'oauth' ? 'audit' : type], type).toHaveLength(ORDERS);
    for (const type of TYPES) {
      const accepted = server.requests.filter((r) => r.type === type && r.status === 200).map((r) => r.id);
      expect(new Set(accepted).size, type).toBe(ORDERS);
    }
  });

  it('refreshes the one-second OAuth2 token during a longer run', () => {
    const oauthCalls = server.requests.filter((r) => r.type === 'oauth');
    const tokensUsed = new Set(oauthCalls.map((r) => r.token));
    expect(server.tokens.length).toBeGreaterThan(1);
    expect(tokensUsed.size).toBeGreaterThan(1);
    // Refreshed early, so the API should not refuse a token; if a stalled event loop ever delivers one
    // late, that message gets one more call, which must succeed.
    expect(oauthCalls.filter((r) => r.status === 401).length).toBeLessThanOrEqual(1);
    expect(oauthCalls.filter((r) => r.status === 200)).toHaveLength(ORDERS);
    expect(server.tokens.every((t) => t.form.scope === 'orders:write' && t.clientAuth === 'basic')).toBe(true);
  });

  it('after a forced 401 fetches exactly one new token and retries the request once, at once', async () => {
    server.lifetimeSeconds = 3600;
    provider.forget('oauth'); // Start without a cached token, whatever the first run left.
    const tokensBefore = server.tokens.length;
    const requestsBefore = server.requests.length;
    const orders = [{ id: 'B-1' }, { id: 'B-2', force401: true }, { id: 'B-3' }];
    const oauthOnly: FlowDocument = { ...flow, id: 'credentials-oauth', nodes: flow.nodes.filter((n) => ['orders', 'oauth'].includes(n.id)), edges: [{ from: 'orders', to: 'oauth' }] };
    const report = await engine.drive(await engine.startRun({ flow: oauthOnly, inputs: [{ triggerId: 'orders', messages: orders }] }));
    expect(report.status).toBe('succeeded');
    expect(report.outputs.oauth).toHaveLength(3);
    // One fetch to start, one after the 401.
    expect(server.tokens.length - tokensBefore).toBe(2);
    const forced = server.requests.slice(requestsBefore).filter((r) => r.id === 'B-2');
    expect(forced.map((r) => r.status)).toEqual([401, 200]);
    expect(forced[0]!.token).not.toBe(forced[1]!.token);
    expect(forced[1]!.token).toBe(server.tokens.at(-1)!.value);
    // The retry happened inside the step: the engine saw one attempt.
    expect((await engine.traces(report.runId, { nodeId: 'oauth' })).map((t) => t.attempt)).toEqual([1, 1, 1]);
  });

  it('after a token is revoked under many in-flight messages fetches one new token, each message retrying once', async () => {
    provider.forget('oauth');
    server.revokeNextToken = true;
    const tokensBefore = server.tokens.length;
    const requestsBefore = server.requests.length;
    const orders = Array.from({ length: 8 }, (_, i) => ({ id: `R-${i + 1}` }));
    const concurrent: FlowDocument = {
      ...flow, id: 'credentials-revoked',
      nodes: [flow.nodes[0]!, { ...httpNode('oauth', 'oauth', 'oauth', 8) }],
      edges: [{ from: 'orders', to: 'oauth' }],
    };
    const report = await engine.drive(await engine.startRun({ flow: concurrent, inputs: [{ triggerId: 'orders', messages: orders }] }));
    expect(report.status).toBe('succeeded');
    expect(server.tokens.length - tokensBefore).toBe(2);
    const calls = server.requests.slice(requestsBefore);
    expect(calls.filter((r) => r.status === 401)).toHaveLength(8);
    expect(calls.filter((r) => r.status === 200).map((r) => r.token)).toEqual(Array.from({ length: 8 }, () => server.tokens.at(-1)!.value));
  });

  it('dead-letters messages whose credential is unknown, has no secret or is refused, with clear messages', async () => {
    const requestsBefore = server.requests.length;
    const broken = brokenFlow();
    const report = await engine.drive(await engine.startRun({ flow: broken, inputs: [{ triggerId: 'orders', messages: [{ id: 'C-1' }, { id: 'C-2' }] }] }));
    expect(report.status).toBe('failed');
    const byNode = new Map(report.dead.map((d) => [d.nodeId, d]));
    expect(report.dead).toHaveLength(6);
    expect(byNode.get('unknown')?.error).toMatchObject({
      code: 'CREDENTIAL_NOT_FOUND', location: { path: 'nodes[1].config.credential' },
      message: expect.stringContaining('credential "no-such-credential" is not defined') as unknown,
    });
    expect(byNode.get('missing')?.error).toMatchObject({ code: 'CREDENTIAL_SECRET_MISSING', location: { path: 'nodes[2].config.credential' } });
    const refused = byNode.get('refused')!;
    expect(refused.error.code).toBe('OAUTH2_TOKEN_REJECTED');
    expect(refused.error.message).toContain('invalid_client');
    expect(refused.attempts).toBe(1);
    // Nothing reached the API: the credential failed before the request.
    expect(server.requests.length).toBe(requestsBefore);
  });

  it('stores what the API echoed with the secret replaced by [redacted]', async () => {
    for (const type of TYPES) {
      const outputs = (await engine.traces(main.runId, { nodeId: type, limit: 1 }))[0]?.outputs;
      const echo = (outputs?.[0]?.payload as { echo: { authorization: string | null; apiKey: string | null; url: string } }).echo;
      if (type === 'apikey-header') expect(echo.apiKey).toBe(`${API_KEY_PREFIX}${REDACTED}`);
      if (type === 'apikey-query') expect(echo.url).toContain(`${API_KEY_QUERY}=${REDACTED}`);
      if (type === 'basic') expect(echo.authorization).toBe(`Basic ${REDACTED}`);
      if (type === 'bearer' || type === 'oauth') expect(echo.authorization).toBe(`Bearer ${REDACTED}`);
    }
    expect((await engine.logs(main.runId)).filter((l) => l.nodeId === 'audit').every((l) => l.message === `Bearer ${REDACTED}`)).toBe(true);
    expect(hostLog.filter((l) => l.nodeId === 'audit').every((l) => l.message === `Bearer ${REDACTED}` && l.data === `Bearer ${REDACTED}`)).toBe(true);
  });

  it('writes no secret or token anywhere people read: traces, logs, dead letters, host log lines, the flow file', async () => {
    expect(sensitiveValues().length).toBeGreaterThan(7);
    const found: string[] = [];
    for (const run of (await engine.listRuns())) {
      found.push(...leaks(`traces of ${run.runId}`, JSON.stringify((await engine.traces(run.runId, { limit: 100_000 })))));
      found.push(...leaks(`logs of ${run.runId}`, JSON.stringify((await engine.logs(run.runId)))));
      found.push(...leaks(`report of ${run.runId}`, JSON.stringify((await engine.report(run.runId)))));
    }
    for (const letter of (await engine.deadLetters({ includeReplayed: true }))) found.push(...leaks(`dead letter ${letter.id}`, JSON.stringify((await engine.deadLetter(letter.id)))));
    found.push(...leaks('host log lines', JSON.stringify(hostLog)));
    found.push(...leaks('flow file', readFileSync(join(workspace, 'flows', `${flow.id}.flow.json`), 'utf8')));
    found.push(...stateFileLeaks());
    engine.close(); // Checkpoints the WAL into state.db: look at the result too.
    found.push(...stateFileLeaks().map((leak) => `${leak} (after close)`));
    expect(found).toEqual([]);
  });
});
