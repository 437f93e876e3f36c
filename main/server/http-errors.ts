// How errors leave the server: always `{ ok: false, error: ErrorData }` (shared/api's RpcResponse), with
// a status that says whose fault it is. A PipewrightError keeps its code, message, location and problems
// intact; anything else is our bug, logged here and answered with a generic 500 (no stack, no detail).
import type { FastifyError, FastifyReply } from 'fastify';
import type { ErrorData } from '../../shared/errors.js';
import { isPipewrightError, PipewrightError } from '../../shared/errors.js';

export type ServerLog = (line: string) => void;

/** The status for an error code the service or the server raised. */
export function statusForCode(code: string): number {
  if (code === 'UNAUTHORIZED') return 401;
  if (code === 'UNKNOWN_METHOD' || code === 'NOT_FOUND' || code.endsWith('_NOT_FOUND')) return 404;
  if (code === 'CONFLICT' || code.endsWith('_EXISTS')) return 409;
  if (code === 'TOO_LARGE') return 413;
  if (code === 'UNSUPPORTED_MEDIA_TYPE') return 415;
  if (code === 'NOT_IMPLEMENTED') return 501;
  if (code === 'INTERNAL') return 500;
  // The request itself is malformed: its JSON or its params.
  if (code === 'BAD_JSON' || code === 'JSON_TOO_DEEP' || code === 'BAD_REQUEST' || code === 'INVALID_PARAMS') return 400;
  // Everything else a caller can cause (an invalid flow, a broken expression, no input to run) is a
  // well-formed request the service cannot carry out as asked.
  return 422;
}

export function sendError(reply: FastifyReply, error: ErrorData, status: number = statusForCode(error.code)): FastifyReply {
  return reply.code(status).type('application/json; charset=utf-8').send({ ok: false, error });
}

/** A handler's failure: its own words when it is a PipewrightError, a logged generic 500 otherwise. */
export function sendFailure(reply: FastifyReply, error: unknown, log: ServerLog, context: string): FastifyReply {
  if (isPipewrightError(error)) return sendError(reply, error.toData());
  log(`${context}: internal error: ${describe(error)}`);
  return sendError(reply, { code: 'INTERNAL', message: 'internal server error; the server log has the details' }, 500);
}

/**
 * Errors fastify raises before a handler runs (body parsing, limits) and anything a hook throws. The
 * codes are fastify's documented ones (`FST_ERR_CTP_*`); each becomes a stable Pipewright code.
 */
export function sendFrameworkError(reply: FastifyReply, error: FastifyError | PipewrightError, log: ServerLog, bodyLimit: number): FastifyReply {
  if (isPipewrightError(error)) return sendError(reply, error.toData());
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return sendError(reply, { code: 'TOO_LARGE', message: `request body is larger than the limit of ${formatBytes(bodyLimit)}` });
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return sendError(reply, { code: 'UNSUPPORTED_MEDIA_TYPE', message: 'send the params as JSON with Content-Type: application/json' });
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return sendError(reply, { code: 'BAD_REQUEST', message: 'the Content-Length header does not match the body' });
    default:
      break;
  }
  const status = typeof error.statusCode === 'number' ? error.statusCode : 500;
  if (status >= 400 && status < 500) return sendError(reply, { code: 'BAD_REQUEST', message: error.message }, status);
  return sendFailure(reply, error, log, 'request');
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.stack ?? `${error.name}: ${error.message}`;
  return String(error);
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MiB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}
