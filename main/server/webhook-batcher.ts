// Gathers the requests one turn of the event loop brings to a webhook and hands them to the emitter
// together, so they share one commit. The emitter groups what arrives while it is writing, but SQLite
// writes synchronously and the emitter starts a group from a microtask: over HTTP every request became
// its own transaction (measured: 1.0 message per commit with 64 clients). Waiting for setImmediate
// lets the whole I/O phase's requests in first (about 40 per commit in the same run), at the cost of
// one loop turn of latency. Requests without an Idempotency-Key go in one emit (one transaction, ids
// in order); a keyed request is its own emit, since the key belongs to it alone, and joins the group
// the emitter writes next.
import { isPipewrightError } from '../../shared/errors.js';
import type { TriggerEmitter } from '../engine/types.js';

interface Waiting {
  message: unknown;
  key: string | undefined;
  resolve(result: { messageId: string; duplicate: boolean }): void;
  reject(error: unknown): void;
}

export class IntakeBatcher {
  private waiting: Waiting[] = [];

  constructor(private readonly emitter: TriggerEmitter) {}

  /** Resolves once the message is committed (or was known by its key), like TriggerEmitter.emit. */
  emit(message: unknown, key: string | undefined): Promise<{ messageId: string; duplicate: boolean }> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ message, key, resolve, reject });
      if (this.waiting.length === 1) setImmediate(() => this.flush());
    });
  }

  private flush(): void {
    const batch = this.waiting;
    this.waiting = [];
    const plain = batch.filter((request) => request.key === undefined);
    if (plain.length > 0) this.emitTogether(plain);
    for (const request of batch) if (request.key !== undefined) this.emitOne(request);
  }

  private emitTogether(requests: Waiting[]): void {
    this.emitter.emit(requests.map((request) => request.message)).then(
      ({ messageIds }) => requests.forEach((request, index) => request.resolve({ messageId: messageIds[index] as string, duplicate: false })),
      (error: unknown) => {
        // One message the queue cannot hold must not fail the others: each goes on its own.
        if (requests.length > 1 && isPipewrightError(error) && (error.code === 'INVALID_INPUT' || error.code === 'PAYLOAD_NOT_JSON')) requests.forEach((request) => this.emitOne(request));
        else requests.forEach((request) => request.reject(error));
      },
    );
  }

  private emitOne(request: Waiting): void {
    this.emitter.emit([request.message], request.key === undefined ? {} : { idempotencyKey: request.key }).then(
      ({ messageIds, duplicate }) => request.resolve({ messageId: messageIds[0] as string, duplicate }),
      request.reject,
    );
  }
}
