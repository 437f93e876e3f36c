// trigger.manual as a live source (DESIGN.md §3): its messages come from the host — the designer's
// Run, `pipewright run`, or Activation.send — so starting it only keeps the emitter to send through.
import { PipewrightError } from '../../../shared/errors.js';
import type { TriggerEmitter, TriggerSource } from '../types.js';

export class ManualTriggerSource implements TriggerSource {
  private emitter: TriggerEmitter | undefined;

  async start(emitter: TriggerEmitter): Promise<void> {
    this.emitter = emitter;
  }

  async stop(): Promise<void> {
    this.emitter = undefined;
  }

  send(messages: unknown[], options?: { idempotencyKey?: string }): Promise<{ messageIds: string[]; duplicate: boolean }> {
    if (!this.emitter) return Promise.reject(new PipewrightError('TRIGGER_STOPPED', 'this manual trigger is not active'));
    return this.emitter.emit(messages, options);
  }
}
