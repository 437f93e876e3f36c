// Errors a node raises while handling a message. `transient` decides retry vs. dead letter
// (DESIGN.md §4 "Retries"); `retryAfterMs` lets a node pass on a server's Retry-After.
import { PipewrightError, type ErrorCode, type ErrorLocation } from '../../shared/errors.js';

export class NodeError extends PipewrightError {
  readonly transient: boolean;
  readonly retryAfterMs?: number;

  constructor(
    code: ErrorCode,
    message: string,
    options: { transient: boolean; retryAfterMs?: number; location?: ErrorLocation; cause?: unknown },
  ) {
    super(code, message, options);
    this.name = 'NodeError';
    this.transient = options.transient;
    if (options.retryAfterMs !== undefined) this.retryAfterMs = options.retryAfterMs;
  }
}

/** A JSONata problem: syntax, runtime, time limit or depth limit. Always permanent. */
export class MappingError extends NodeError {
  /** JSONata's own code (e.g. S0202, T2001), or PW-TIMEOUT / PW-DEPTH for the engine's limits. */
  readonly jsonataCode: string;

  constructor(jsonataCode: string, message: string, location?: ErrorLocation) {
    super('MAPPING_ERROR', message, { transient: false, ...(location ? { location } : {}) });
    this.name = 'MappingError';
    this.jsonataCode = jsonataCode;
  }
}
