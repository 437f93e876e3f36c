// The contract over HTTP: real service calls round-trip, and every kind of bad request gets a 4xx with
// an error that says what is wrong and where, carried exactly as the service raised it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FlowDetail, SavedFlow } from '../../../shared/api/flows.js';
import { PipewrightError } from '../../../shared/errors.js';
import { DEFAULT_BODY_LIMIT } from '../../../main/server/index.js';
import { call, ordersFlow, rpc, startHarness, type Harness } from './server-harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({
    override: {
      'mapping.evaluate': async () => {
        throw new Error('disk on fire at /secret/path');
      },
      'workspace.info': async () => {
        throw new PipewrightError('FLOW_INVALID', 'the flow cannot run', { location: { file: 'flows/x.flow.json', path: 'nodes[1].config.expression', range: { start: 3, end: 7 } }, problems: [{ code: 'JSONATA_SYNTAX', message: 'bad', path: 'nodes[1].config.expression' }] });
      },
    },
  });
});
afterAll(async () => {
  await h.close();
});

describe('rpc calls', () => {
  it('creates a flow and reads it back over HTTP', async () => {
    const created = await rpc<SavedFlow>(h, 'flows.create', { id: 'orders', name: 'Orders' });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ ok: true, result: { id: 'orders', file: 'flows/orders.flow.json', revision: expect.any(String) } });
    const saved = await call<SavedFlow>(h, 'flows.save', { document: ordersFlow(), expectedRevision: created.body.ok ? created.body.result.revision : null });
    const detail = await call<FlowDetail>(h, 'flows.get', { id: 'orders' });
    expect(detail).toMatchObject({ id: 'orders', revision: saved.revision, text: saved.text, problems: [] });
    expect(detail.document?.nodes.map((node) => node.id)).toEqual(['orders', 'toErp', 'log']);
    expect(await call(h, 'flows.list', {})).toEqual([expect.objectContaining({ id: 'orders', name: 'Orders', nodeCount: 3 })]);
  });

  it('treats an empty body as no params', async () => {
    const answer = await rpc(h, 'flows.list', undefined);
    expect(answer).toMatchObject({ status: 200, body: { ok: true } });
  });

  it('carries a service error intact with the status for its code', async () => {
    const missing = await rpc(h, 'flows.get', { id: 'nope' });
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ ok: false, error: { code: 'FLOW_NOT_FOUND', message: expect.stringContaining('nope') } });

    const taken = await rpc(h, 'flows.create', { id: 'orders', name: 'Again' });
    expect(taken.status).toBe(409);
    expect(taken.body).toMatchObject({ ok: false, error: { code: 'FLOW_EXISTS' } });

    const stale = await rpc(h, 'flows.save', { document: ordersFlow(), expectedRevision: 'stale' });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });

    const invalid = await rpc(h, 'workspace.info', {});
    expect(invalid.status).toBe(422);
    expect(invalid.body).toEqual({
      ok: false,
      error: { code: 'FLOW_INVALID', message: 'the flow cannot run', location: { file: 'flows/x.flow.json', path: 'nodes[1].config.expression', range: { start: 3, end: 7 } }, problems: [{ code: 'JSONATA_SYNTAX', message: 'bad', path: 'nodes[1].config.expression' }] },
    });
  });

  it('answers an unexpected failure with a generic 500 and logs the details', async () => {
    const answer = await rpc(h, 'mapping.evaluate', { expression: '$', input: {} });
    expect(answer.status).toBe(500);
    expect(answer.body).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'internal server error; the server log has the details' } });
    expect(JSON.stringify(answer.body)).not.toContain('disk on fire');
    expect(h.logged.join('\n')).toMatch(/mapping\.evaluate: internal error: Error: disk on fire[\s\S]*at /);
  });
});

describe('bad requests', () => {
  it('answers malformed JSON with 400 BAD_JSON and where it breaks', async () => {
    const answer = await rpc(h, 'flows.get', undefined, { body: '{\n  "id": "orders",\n  oops\n}' });
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ ok: false, error: { code: 'BAD_JSON', message: expect.stringContaining('line 3, column 3'), location: { line: 3, column: 3 } } });
  });

  it('answers an unknown method with 404 UNKNOWN_METHOD', async () => {
    for (const method of ['flows.explode', 'close', 'constructor', '__proto__']) {
      const answer = await rpc(h, method, {});
      expect(answer.status, method).toBe(404);
      expect(answer.body).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD', message: expect.stringContaining(method) } });
    }
  });

  it('answers invalid params with 400 INVALID_PARAMS naming each problem path', async () => {
    const answer = await rpc(h, 'flows.get', { id: 42, extra: true });
    expect(answer.status).toBe(400);
    if (answer.body.ok) throw new Error('expected a failure');
    expect(answer.body.error.code).toBe('INVALID_PARAMS');
    expect(answer.body.error.problems?.map((problem) => problem.path).sort()).toEqual(['extra', 'id']);
    const notObject = await rpc(h, 'flows.get', ['orders']);
    expect(notObject.status).toBe(400);
    expect(notObject.body).toMatchObject({ ok: false, error: { code: 'INVALID_PARAMS' } });
  });

  it('answers a body over the 10 MiB limit with 413 TOO_LARGE', async () => {
    const body = JSON.stringify({ id: 'x'.repeat(DEFAULT_BODY_LIMIT) });
    const answer = await rpc(h, 'flows.get', undefined, { body });
    expect(answer.status).toBe(413);
    expect(answer.body).toMatchObject({ ok: false, error: { code: 'TOO_LARGE', message: expect.stringContaining('10 MiB') } });
  });

  it('answers a body that is not JSON with 415', async () => {
    const answer = await rpc(h, 'flows.list', undefined, { body: 'id=orders', contentType: 'application/x-www-form-urlencoded' });
    expect(answer.status).toBe(415);
    expect(answer.body).toMatchObject({ ok: false, error: { code: 'UNSUPPORTED_MEDIA_TYPE' } });
  });

  it('drops prototype keys from bodies instead of passing them on', async () => {
    const answer = await rpc(h, 'flows.get', undefined, { body: '{"id":"orders","__proto__":{"polluted":true}}' });
    expect(answer.status).toBe(200);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('answers only POST on rpc routes', async () => {
    const response = await fetch(new URL('api/rpc/flows.list', h.url), { headers: { authorization: `Bearer ${h.token}` } });
    expect(response.status).toBe(404);
    await response.body?.cancel();
  });
});
