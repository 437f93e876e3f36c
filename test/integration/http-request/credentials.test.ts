// http.request with a credential, against the fault server: the authorizer's header wins over one the
// node set, the Idempotency-Key stays the message's, a 401 is retried once at once only when the
// authorizer dropped a token, an unusable credential fails for good before any request, and an error
// response that repeats the secret is stored redacted.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PipewrightError } from '../../../shared/errors.js';
import type { FlowDocument } from '../../../shared/flow/schema.js';
import { createCredentialProvider } from '../../../main/credentials/provider.js';
import type { Authorizer, CredentialProvider } from '../../../main/credentials/types.js';
import { createRedactor } from '../../../main/credentials/redactor.js';
import { NodeError } from '../../../main/engine/errors.js';
import { openEngine } from '../../../main/engine/index.js';
import { closeHttpAgent, HttpFailure } from '../../../main/http/index.js';
import { httpRequestExecutor } from '../../../main/engine/nodes/http-request.js';
import { startFaultServer, type FaultServer } from '../../fixtures/http/fault-server.js';
import { memoryVault } from '../credentials/memory-vault.js';
import { httpContext, message } from './node-context.js';

let server: FaultServer;

beforeAll(async () => {
  server = await startFaultServer({
    scenarios: {
      unauthorized: { steps: [{ status: 401, body: { error: 'invalid_token' } }] },
      always401: { then: { status: 401, body: { error: 'invalid_token' } } },
    },
  });
});

beforeEach(() => server.reset());

afterAll(async () => {
  await closeHttpAgent();
  await server?.close();
});

/**
 * A provider with one authorizer that sends `Bearer token-<generation>`; `refreshable` makes it answer a
 * 401 like OAuth2 (drop the token: the next one is the next generation), `rotateAfterFirst` makes it
 * behave as if another message had fetched a new token right after the first request left.
 */
function tokenProvider(refreshable: boolean, rotateAfterFirst = false): CredentialProvider & { generation: number; invalidated: number } {
  const state = { generation: 1, invalidated: 0, applied: 0 };
  const authorizer: Authorizer = {
    apply(request) {
      state.applied += 1;
      if (rotateAfterFirst && state.applied === 2) state.generation += 1;
      request.headers.authorization = `Bearer token-${state.generation}`;
      return Promise.resolve();
    },
    invalidate() {
      state.invalidated += 1;
      if (refreshable) state.generation += 1;
      return refreshable;
    },
  };
  return Object.assign(state, { redactor: createRedactor(), authorizer: () => Promise.resolve(authorizer) });
}

async function failure(promise: Promise<unknown>): Promise<NodeError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(NodeError);
    return error as NodeError;
  }
  throw new Error('expected the node to fail');
}

describe('http.request with a credential', () => {
  it('sends the credential in place of an Authorization header the node set, keeping the other headers', async () => {
    const provider = tokenProvider(false);
    const input = message({ id: 1 });
    const ctx = { ...httpContext({ url: `${server.url}/ok`, method: 'POST', credential: 'erp', headers: { Authorization: 'Bearer stale', 'X-Tenant': 't1' } }), credentials: provider };
    await httpRequestExecutor.execute(input, ctx);
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]!.headers).toMatchObject({ authorization: 'Bearer token-1', 'x-tenant': 't1', 'idempotency-key': input.meta.idempotencyKey });
  });

  it('after a 401 retries once at once when the authorizer dropped its token, with the same Idempotency-Key', async () => {
    const provider = tokenProvider(true);
    const input = message({});
    const out = await httpRequestExecutor.execute(input, { ...httpContext({ url: `${server.url}/unauthorized`, credential: 'erp' }), credentials: provider });
    expect(out).toHaveLength(1);
    expect(server.requests.map((r) => [r.answer, r.headers.authorization, r.idempotencyKey])).toEqual([
      ['status 401', 'Bearer token-1', input.meta.idempotencyKey],
      ['status 200', 'Bearer token-2', input.meta.idempotencyKey],
    ]);
  });

  it('retries a 401 with the token another message already fetched, without dropping that one', async () => {
    const provider = tokenProvider(true, true);
    await httpRequestExecutor.execute(message({}), { ...httpContext({ url: `${server.url}/unauthorized`, credential: 'erp' }), credentials: provider });
    expect(server.requests.map((r) => [r.answer, r.headers.authorization])).toEqual([['status 401', 'Bearer token-1'], ['status 200', 'Bearer token-2']]);
    expect(provider.invalidated).toBe(0);
  });

  it('does not retry a second 401: the request is refused for good', async () => {
    const provider = tokenProvider(true);
    const error = await failure(httpRequestExecutor.execute(message({}), { ...httpContext({ url: `${server.url}/always401`, credential: 'erp' }), credentials: provider }));
    expect(error).toMatchObject({ code: 'HTTP_4XX', transient: false });
    expect(server.requests).toHaveLength(2);
    expect(provider.invalidated).toBe(1);
  });

  it('does not retry a 401 with a static secret', async () => {
    const provider = tokenProvider(false);
    const error = await failure(httpRequestExecutor.execute(message({}), { ...httpContext({ url: `${server.url}/unauthorized`, credential: 'erp' }), credentials: provider }));
    expect(error).toMatchObject({ code: 'HTTP_4XX', transient: false });
    expect(error.message).toContain('401');
    expect(error.message).toContain('invalid_token');
    expect(server.requests).toHaveLength(1);
  });

  it('fails for good with the vault\'s message and the field\'s path when the credential cannot be resolved', async () => {
    const provider: CredentialProvider = {
      redactor: createRedactor(),
      authorizer: () => Promise.reject(new PipewrightError('SECRET_STORE_UNAVAILABLE', 'the keychain is locked; unlock it and replay')),
    };
    const error = await failure(httpRequestExecutor.execute(message({}), { ...httpContext({ url: `${server.url}/ok`, credential: 'erp' }), credentials: provider }));
    expect(error).toMatchObject({
      code: 'SECRET_STORE_UNAVAILABLE', transient: false, message: 'the keychain is locked; unlock it and replay', location: { path: 'nodes[1].config.credential' },
    });
    expect(server.requests).toHaveLength(0);
  });

  it('keeps the code and the verdict of a credential whose token cannot be fetched, so the engine retries it or not', async () => {
    const down = new HttpFailure('OAUTH2_TOKEN_UNAVAILABLE', 'the OAuth2 token endpoint of credential "erp" failed with 503; will retry', { transient: true });
    const refusing = new HttpFailure('OAUTH2_TOKEN_REJECTED', 'the OAuth2 token endpoint of credential "erp" refused to issue a token (401)', { transient: false });
    for (const cause of [down, refusing]) {
      const provider: CredentialProvider = {
        redactor: createRedactor(),
        authorizer: () => Promise.resolve({ apply: () => Promise.reject(cause), invalidate: () => true }),
      };
      const error = await failure(httpRequestExecutor.execute(message({}), { ...httpContext({ url: `${server.url}/ok`, credential: 'erp' }), credentials: provider }));
      expect(error).toMatchObject({ code: cause.code, transient: cause.transient, message: cause.message });
    }
    expect(server.requests).toHaveLength(0);
  });
});

describe('http.request with a credential in the engine', () => {
  it('stores an error response that repeats the secret with the secret redacted', async () => {
    const token = 'tok_live_5f2d8c1e9a7b';
    server.script({ echo: { then: { status: 400, body: { error: `token ${token} lacks scope orders:write` } } } });
    const workspace = mkdtempSync(join(tmpdir(), 'pipewright-http-credentials-'));
    const provider = createCredentialProvider(memoryVault([{ definition: { name: 'erp', type: 'bearer', fields: {} }, secret: token }]));
    const lines: string[] = [];
    const engine = openEngine({ workspace, credentials: provider, onLog: (line) => lines.push(line.message) });
    try {
      const flow: FlowDocument = {
        format: 'pipewright/flow@1', id: 'echo-errors', name: 'Echo errors',
        nodes: [
          { id: 'in', type: 'trigger.manual', position: [0, 0], config: {} },
          { id: 'call', type: 'http.request', position: [200, 0], config: { method: 'POST', url: `${server.url}/echo`, credential: 'erp' } },
        ],
        edges: [{ from: 'in', to: 'call' }],
      };
      const report = await engine.drive(await engine.startRun({ flow, inputs: [{ triggerId: 'in', messages: [{ n: 1 }] }] }));
      expect(server.requests[0]!.headers.authorization).toBe(`Bearer ${token}`);
      expect(report.dead).toHaveLength(1);
      const letter = await engine.deadLetter(report.dead[0]!.id);
      expect(letter.error.message).toContain('token [redacted] lacks scope');
      expect(JSON.stringify([letter, (await engine.traces(report.runId)), (await engine.logs(report.runId)), lines])).not.toContain(token);
    } finally {
      engine.close();
      rmSync(workspace, { recursive: true, force: true });
    }
  });
});
