// A classified failure of an outgoing HTTP exchange: a code, a message that names the target and says
// what to do, and whether trying again can help. It is neutral on purpose — main/http and
// main/credentials raise it without knowing who called them; the engine turns it into a NodeError
// (main/engine/nodes/http/classify.ts), a credential test into an answer for the user.
import { PipewrightError, type ErrorCode } from '../../shared/errors.js';

export interface HttpFailureOptions {
  /** True when the same request may succeed later (time-out, connection, 429, 5xx, endpoint down). */
  transient: boolean;
  /** How long the server asked us to wait (Retry-After), already capped. */
  retryAfterMs?: number;
  cause?: unknown;
}

export class HttpFailure extends PipewrightError {
  readonly transient: boolean;
  readonly retryAfterMs?: number;

  constructor(code: ErrorCode, message: string, options: HttpFailureOptions) {
    super(code, message, options.cause === undefined ? {} : { cause: options.cause });
    this.name = 'HttpFailure';
    this.transient = options.transient;
    if (options.retryAfterMs !== undefined) this.retryAfterMs = options.retryAfterMs;
  }
}
