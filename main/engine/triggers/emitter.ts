// Durable intake for a live trigger (DESIGN.md §4 "Live flows", §3 trigger.webhook): `emit` resolves
// only once its messages are committed to the queue. Requests that arrive while a commit is being
// written wait and go together in the next one (group commit), so intake is bounded by the disk's
// commit rate, not by one transaction per request. An Idempotency-Key is remembered in the same
// transaction as the messages it queued: a re-send, even after a crash between commit and answer,
// gets the original message ids and queues nothing.
import { randomBytes } from 'node:crypto';
import { PipewrightError } from '../../../shared/errors.js';
import { liveMessageId } from '../ids.js';
import { payloadText } from '../json-text.js';
import type { EngineStore, NewMessage } from '../store/types.js';
import type { EmitOptions, TriggerEmitter } from '../types.js';

interface PendingEmit {
  texts: string[];
  idempotencyKey: string | undefined;
  firing: number | undefined;
  resolve(result: { messageIds: string[]; duplicate: boolean }): void;
  reject(error: unknown): void;
}

export class GroupCommitEmitter implements TriggerEmitter {
  private pending: PendingEmit[] = [];
  private writing = false;
  private closedWith: PipewrightError | undefined;
  private counter = 0;
  /** Makes ids unique across activations of the same run in one process. */
  private readonly prefix = randomBytes(3).toString('hex');

  constructor(
    private readonly store: EngineStore,
    private readonly runId: string,
    readonly flowId: string,
    readonly nodeId: string,
    private readonly onQueued: (nodeId: string, count: number) => void,
  ) {}

  emit(messages: unknown[], options: EmitOptions = {}): Promise<{ messageIds: string[]; duplicate: boolean }> {
    if (this.closedWith) return Promise.reject(this.closedWith);
    let texts: string[];
    try {
      texts = messages.map((message, index) => {
        try {
          return payloadText(message);
        } catch (error) {
          throw new PipewrightError('INVALID_INPUT', `message ${index + 1} for trigger "${this.nodeId}" is not JSON: ${(error as Error).message}`);
        }
      });
    } catch (error) {
      return Promise.reject(error);
    }
    return new Promise((resolve, reject) => {
      this.pending.push({ texts, idempotencyKey: options.idempotencyKey, firing: options.firing, resolve, reject });
      if (!this.writing) void this.writeGroups();
    });
  }

  lastFiring(): Promise<number | undefined> {
    return this.store.scheduleFirings.latest(`${this.flowId}/${this.nodeId}`);
  }

  /** Refuses new messages from now on; what was accepted is still written. */
  close(reason: PipewrightError): void {
    this.closedWith ??= reason;
  }

  private async writeGroups(): Promise<void> {
    this.writing = true;
    try {
      while (this.pending.length > 0) {
        const group = this.pending;
        this.pending = [];
        await this.writeGroup(group);
      }
    } finally {
      this.writing = false;
    }
  }

  private async writeGroup(group: PendingEmit[]): Promise<void> {
    const scope = `${this.flowId}/${this.nodeId}`;
    let queued = 0;
    try {
      const results = await this.store.unitOfWork(async (tx) => {
        const out: Array<{ messageIds: string[]; duplicate: boolean }> = [];
        const messages: NewMessage[] = [];
        for (const request of group) {
          const ids = request.firing === undefined
            ? request.texts.map(() => liveMessageId(this.runId, this.nodeId, this.prefix, this.counter++))
            : request.texts.map((_text, index) => `${this.flowId}.${this.nodeId}.at${request.firing}${index === 0 ? '' : `.${index}`}`);
          if (request.firing !== undefined && !(await tx.recordScheduleFiring(scope, request.firing))) {
            out.push({ messageIds: ids, duplicate: true });
            continue;
          }
          if (request.idempotencyKey !== undefined) {
            const known = await tx.rememberIdempotencyKey(scope, request.idempotencyKey, JSON.stringify(ids));
            if (known !== undefined) {
              out.push({ messageIds: JSON.parse(known) as string[], duplicate: true });
              continue;
            }
          }
          request.texts.forEach((text, index) => {
            const id = ids[index] as string;
            messages.push({ id, runId: this.runId, nodeId: this.nodeId, payload: text, idempotencyKey: id });
          });
          out.push({ messageIds: ids, duplicate: false });
        }
        if (messages.length > 0) {
          await tx.enqueue(messages);
          await tx.addReceived(this.runId, messages.length);
        }
        queued = messages.length;
        return out;
      });
      if (queued > 0) this.onQueued(this.nodeId, queued);
      group.forEach((request, index) => request.resolve(results[index] as { messageIds: string[]; duplicate: boolean }));
    } catch (error) {
      for (const request of group) request.reject(error);
    }
  }
}
