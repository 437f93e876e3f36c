// Errors across the transports. A service call either answers or fails with ErrorData (shared/errors.ts);
// transports send `RpcResponse` and the client turns a failure back into a PipewrightError, so the
// designer sees the same code, message, location and problems the service raised.
import { asErrorCode, PipewrightError, isPipewrightError, type ErrorCode, type ErrorData } from '../errors.js';

/** Codes the service uses; a client may switch on them. */
export const apiErrorCodes = {
  /** The method name is not in the contract. */
  unknownMethod: 'UNKNOWN_METHOD',
  /** Params do not match the method's schema; `problems` name each path. */
  invalidParams: 'INVALID_PARAMS',
  flowNotFound: 'FLOW_NOT_FOUND',
  flowExists: 'FLOW_EXISTS',
  /** The flow file changed since the revision the caller loaded (or exists when it must not). */
  conflict: 'CONFLICT',
  /** The document cannot be saved or run; `problems` lists why. */
  flowInvalid: 'FLOW_INVALID',
  runNotFound: 'RUN_NOT_FOUND',
  deadLetterNotFound: 'DEAD_LETTER_NOT_FOUND',
  /** A run has nothing to process (no inputs, no samples). */
  noInput: 'NO_INPUT',
  /** Not caused by the caller: a bug or a broken environment. */
  internal: 'INTERNAL',
} as const satisfies Record<string, ErrorCode>;

export type RpcResponse<Result> = { ok: true; result: Result } | { ok: false; error: ErrorData };

/** Any thrown value as ErrorData; anything but a PipewrightError becomes INTERNAL (message kept, no stack). */
export function toErrorData(error: unknown): ErrorData {
  if (isPipewrightError(error)) return error.toData();
  const message = error instanceof Error ? error.message : String(error);
  return { code: apiErrorCodes.internal, message: `internal error: ${message}` };
}

export function fromErrorData(data: ErrorData): PipewrightError {
  const options: { location?: ErrorData['location']; problems?: ErrorData['problems'] } = {};
  if (data.location) options.location = data.location;
  if (data.problems) options.problems = data.problems;
  return new PipewrightError(asErrorCode(data.code), data.message, options);
}
