// `POST /api/rpc/<method>`: the contract over HTTP. The body is the method's params as JSON (an empty
// body counts as `{}`); the answer is shared/api's RpcResponse, `{ ok: true, result }` or
// `{ ok: false, error }`. Validation and the method list come from the contract through main/api's
// `dispatch`, so this file names no method.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Handlers } from '../../shared/api/contract.js';
import { PipewrightError } from '../../shared/errors.js';
import { findJsonSyntaxError, lineAndColumn } from '../../shared/flow/json-syntax.js';
import { MAX_FLOW_FILE_BYTES } from '../../shared/flow/limits.js';
import { dispatch } from '../api/dispatch.js';
import { sendFailure, type ServerLog } from './http-errors.js';
import { depthExceededAt, MAX_JSON_DEPTH } from './json-depth.js';

export interface RpcRouteOptions {
  service: Handlers;
  log: ServerLog;
}

/** Room for the request's envelope around a flow document of the largest size. */
const FLOW_SAVE_BODY_LIMIT = MAX_FLOW_FILE_BYTES + 1024 * 1024;

export function registerRpcRoute(app: FastifyInstance, options: RpcRouteOptions): void {
  const handle = async (method: string, request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
    try {
      const result = await dispatch(options.service, method, request.body);
      // `undefined` cannot travel as JSON; the contract has no such result today, but say `null` if one appears.
      return reply.type('application/json; charset=utf-8').send({ ok: true, result: result ?? null });
    } catch (error) {
      return sendFailure(reply, error, options.log, method);
    }
  };
  app.post<{ Params: { method: string } }>('/api/rpc/:method', (request, reply) => handle(request.params.method, request, reply));
  // A flow the server serves can always be saved back: flows.save takes a body as large as a flow file may be.
  app.post('/api/rpc/flows.save', { bodyLimit: Math.max(app.initialConfig.bodyLimit ?? 0, FLOW_SAVE_BODY_LIMIT) }, (request, reply) => handle('flows.save', request, reply));
}

/**
 * The only body parser of the server: JSON. An empty body is "no params"; malformed JSON is BAD_JSON
 * with where it breaks, JSON nested deeper than MAX_JSON_DEPTH is JSON_TOO_DEEP (./json-depth.ts);
 * `__proto__` / `constructor.prototype` keys are dropped, as fastify's own parser
 * does, so no payload can reach an object's prototype. Other content types get 415.
 */
export function useJsonBodies(app: FastifyInstance, bodyLimit: number): void {
  const parseJson = app.getDefaultJsonParser('remove', 'remove');
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit }, (request: FastifyRequest, body: string | Buffer, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.trim() === '') {
      done(null, undefined);
      return;
    }
    const tooDeep = depthExceededAt(text);
    if (tooDeep !== undefined) {
      const { line, column } = lineAndColumn(text, tooDeep);
      done(new PipewrightError('JSON_TOO_DEEP', `the request body nests deeper than ${MAX_JSON_DEPTH} levels (line ${line}, column ${column}); flatten the data`, { location: { line, column } }), undefined);
      return;
    }
    parseJson(request, text, (error, value) => {
      if (error) done(badJson(text), undefined);
      else done(null, value);
    });
  });
}

function badJson(text: string): PipewrightError {
  const found = findJsonSyntaxError(text);
  if (!found) return new PipewrightError('BAD_JSON', 'the request body is not valid JSON');
  const { line, column } = lineAndColumn(text, found.offset);
  return new PipewrightError('BAD_JSON', `the request body is not valid JSON: ${found.message} (line ${line}, column ${column})`, { location: { line, column } });
}
