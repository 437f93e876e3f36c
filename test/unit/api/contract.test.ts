// The contract on its own: one method list for every transport, params checked with paths, and the
// engine's log lines in the contract's shape (a compile-time check).
import { describe, expect, expectTypeOf, it } from 'vitest';
import { apiMethods, isMethod, methodNames, parseParams, type Handlers, type Method } from '../../../shared/api/contract.js';
import { createInMemoryTransport } from '../../../shared/api/client.js';
import { fromErrorData, toErrorData } from '../../../shared/api/errors.js';
import type * as Api from '../../../shared/runs.js';
import type * as EngineTypes from '../../../main/engine/types.js';
import { PipewrightError } from '../../../shared/errors.js';

function paramsError(method: string, raw: unknown): PipewrightError {
  try {
    parseParams(method, raw);
  } catch (error) {
    if (error instanceof PipewrightError) return error;
    throw error;
  }
  throw new Error(`${method} accepted ${JSON.stringify(raw)}`);
}

describe('the API contract', () => {
  it('derives the method names from the one runtime list, sorted and without duplicates', () => {
    expect(methodNames).toEqual(Object.keys(apiMethods).sort());
    expect(new Set(methodNames).size).toBe(methodNames.length);
    expect(methodNames).toEqual(expect.arrayContaining(['flows.save', 'mapping.evaluate', 'runs.start', 'runs.steps', 'dlq.replay', 'workspace.info', 'catalog.list']));
    expectTypeOf<keyof typeof apiMethods>().toEqualTypeOf<Method>();
    expectTypeOf<keyof Handlers>().toEqualTypeOf<Method>();
  });

  it('describes every method in a sentence', () => {
    for (const name of methodNames) expect(apiMethods[name].description).toMatch(/^[A-Z].*\.$/);
  });

  it('knows its methods and nothing else', () => {
    expect(isMethod('flows.save')).toBe(true);
    expect(isMethod('close')).toBe(false);
    expect(isMethod('__proto__')).toBe(false);
    expect(isMethod(42)).toBe(false);
    expect(paramsError('flows.nuke', {}).code).toBe('UNKNOWN_METHOD');
  });

  it('names the path of every bad param', () => {
    const error = paramsError('runs.steps', { runId: 7, nodeId: '../etc', limit: 0, extra: true });
    expect(error.code).toBe('INVALID_PARAMS');
    expect(error.problems?.map((problem) => problem.path).sort()).toEqual(['extra', 'limit', 'nodeId', 'runId']);
    expect(error.problems?.find((problem) => problem.path === 'runId')?.message).toBe('must be a string, not a number');
    expect(error.message).toContain('runs.steps');
  });

  it('refuses flow ids that could leave the flows folder', () => {
    for (const id of ['../secret', 'a/b', '', '.hidden', 'x\u0000']) {
      expect(paramsError('flows.get', { id }).problems?.[0]?.path).toBe('id');
    }
  });

  it('needs exactly one of flowId and document to start a run', () => {
    expect(paramsError('runs.start', {}).code).toBe('INVALID_PARAMS');
    expect(paramsError('runs.start', { flowId: 'a', document: { id: 'a' } }).message).toContain('either flowId or document');
    expect(parseParams('runs.start', { flowId: 'a', inputs: { in: [{ n: 1 }] } })).toEqual({ flowId: 'a', inputs: { in: [{ n: 1 }] } });
  });

  it('treats a missing body as no params', () => {
    expect(parseParams('workspace.info', undefined)).toEqual({});
    expect(parseParams('flows.list', null)).toEqual({});
  });

  it('carries errors across a transport intact', () => {
    const original = new PipewrightError('CONFLICT', 'changed on disk', { location: { file: 'flows/a.flow.json' }, problems: [{ code: 'X', message: 'y', path: 'nodes[0]' }] });
    const copy = fromErrorData(JSON.parse(JSON.stringify(toErrorData(original))));
    expect(copy.toData()).toEqual(original.toData());
    expect(toErrorData(new TypeError('boom'))).toEqual({ code: 'INTERNAL', message: 'internal error: boom' });
  });

  it('serves component tests from a partial service, validating params like the real transports', async () => {
    const transport = createInMemoryTransport({ 'flows.validate': async () => ({ valid: true, problems: [] }) });
    await expect(transport.send('flows.validate', { document: {} })).resolves.toEqual({ valid: true, problems: [] });
    await expect(transport.send('flows.list', {})).rejects.toMatchObject({ code: 'NOT_IMPLEMENTED' });
    await expect(transport.send('flows.get', { id: '../x' })).rejects.toMatchObject({ code: 'INVALID_PARAMS' });
    const seen: string[] = [];
    const unsubscribe = transport.subscribe((event) => seen.push(event.type));
    transport.emit({ type: 'log', runId: 'r', level: 'info', message: 'hi', at: '2024-01-01T00:00:00.000Z' });
    unsubscribe();
    transport.emit({ type: 'log', runId: 'r', level: 'info', message: 'again', at: '2024-01-01T00:00:00.000Z' });
    expect(seen).toEqual(['log']);
  });

  it('returns the engine\'s log lines in the contract\'s shape', () => {
    expectTypeOf<Awaited<ReturnType<EngineTypes.Engine['logs']>>[number]>().toEqualTypeOf<Api.LogLine>();
  });
});
