// The folder watch of trigger.file against an emitter the test holds in its hand: what one file's
// emit carries, that stop() lets a file being queued finish (queued and moved) and takes no more, and
// that a failed emit leaves the file where it is for a later try.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { triggerFileConfig } from '../../../shared/catalog/kinds/trigger-file.js';
import type { EmitOptions, TriggerEmitter, TriggerSource } from '../../../main/engine/types.js';
import { fileSourceFactory } from '../../../main/triggers/file-source.js';

interface HeldEmit {
  messages: unknown[];
  options: EmitOptions | undefined;
  resolve(): void;
  reject(error: Error): void;
}

/** An emitter whose emits wait until the test settles them. */
function heldEmitter(): TriggerEmitter & { held: HeldEmit[] } {
  const held: HeldEmit[] = [];
  return {
    flowId: 'drop', nodeId: 'files', held,
    emit: (messages, options) => new Promise((resolve, reject) => {
      held.push({ messages, options, resolve: () => resolve({ messageIds: messages.map((_m, i) => `m${i}`), duplicate: false }), reject });
    }),
    lastFiring: () => Promise.resolve(undefined),
  };
}

const dirs: string[] = [];
const sources: TriggerSource[] = [];
afterEach(async () => {
  for (const source of sources.splice(0)) await source.stop();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A folder source; with `backlog`, the host reports that many messages waiting in the flow (queue bound 5). */
function folderSource(log: string[] = [], backlog?: () => number): { dir: string; inbox: (name: string) => string; source: TriggerSource } {
  const dir = mkdtempSync(join(tmpdir(), 'pipewright-file-source-'));
  dirs.push(dir);
  const config = triggerFileConfig.parse({ dir: 'inbox', pattern: '*.json', settleMs: 100 });
  const live = backlog ? { backlog: () => Promise.resolve(backlog()) } : undefined;
  const source = fileSourceFactory({ roots: [dir], pollMs: 50, log: (line) => log.push(line) })({ id: 'files', type: 'trigger.file', position: [0, 0], config, queueLimit: 5 }, config, live);
  sources.push(source);
  return { dir, inbox: (name) => join(dir, 'inbox', name), source };
}

async function until(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('the trigger.file folder watch', () => {
  it('emits all of a file\'s messages at once under a key naming the file\'s identity', async () => {
    const { inbox, source } = folderSource();
    const emitter = heldEmitter();
    await source.start(emitter);
    writeFileSync(inbox('a.json'), '[{"id":1},{"id":2}]');
    await until(() => emitter.held.length === 1, 'the file was emitted');
    expect(emitter.held[0]?.messages).toEqual([[{ id: 1 }, { id: 2 }]]);
    expect(emitter.held[0]?.options?.idempotencyKey).toMatch(/^file:a\.json:\d+:19:\d+$/);
    emitter.held[0]?.resolve();
    await until(() => existsSync(inbox('done/a.json')), 'the file was moved to done/');
  });

  it('stop() lets the file being queued finish, then takes no more', async () => {
    const { inbox, source } = folderSource();
    const emitter = heldEmitter();
    await source.start(emitter);
    writeFileSync(inbox('a.json'), '{"id":1}');
    await until(() => emitter.held.length === 1, 'the file was emitted');
    let stopped = false;
    const stopping = source.stop().then(() => (stopped = true));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(stopped).toBe(false);
    expect(existsSync(inbox('a.json'))).toBe(true);
    emitter.held[0]?.resolve();
    await stopping;
    expect(existsSync(inbox('done/a.json'))).toBe(true);
    writeFileSync(inbox('b.json'), '{"id":2}');
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(emitter.held).toHaveLength(1);
    expect(existsSync(inbox('b.json'))).toBe(true);
  });

  it('leaves a file whose emit failed where it is, to be tried again', async () => {
    const log: string[] = [];
    const { inbox, source } = folderSource(log);
    const emitter = heldEmitter();
    await source.start(emitter);
    writeFileSync(inbox('a.json'), '{"id":1}');
    await until(() => emitter.held.length === 1, 'the file was emitted');
    emitter.held[0]?.reject(new Error('the state database is locked'));
    await until(() => log.length > 0, 'the failure was logged');
    expect(log[0]).toBe('flow "drop" trigger "files": a.json stays in inbox and is tried again: the state database is locked');
    expect(existsSync(inbox('a.json'))).toBe(true);
    expect(existsSync(inbox('done'))).toBe(false);
  });

  it('leaves settled files in the folder while the flow holds its queue bound, and takes them once it drains', async () => {
    const log: string[] = [];
    let waiting = 5;
    const { inbox, source } = folderSource(log, () => waiting);
    const emitter = heldEmitter();
    await source.start(emitter);
    writeFileSync(inbox('a.json'), '{"id":1}');
    writeFileSync(inbox('b.json'), '{"id":2}');
    await until(() => log.length > 0, 'the wait was logged');
    expect(log).toEqual(['flow "drop" trigger "files": 2 files wait in inbox: 5 or more messages wait in the flow (the queue bound of "files"); taken once they drain']);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(emitter.held).toHaveLength(0);
    expect(existsSync(inbox('a.json')) && existsSync(inbox('b.json'))).toBe(true);

    waiting = 3;
    await until(() => emitter.held.length === 1, 'the first file was emitted');
    emitter.held[0]?.resolve();
    await until(() => emitter.held.length === 2, 'the second file was emitted');
    emitter.held[1]?.resolve();
    await until(() => existsSync(inbox('done/b.json')), 'both files were moved to done/');
    expect(log).toContain('flow "drop" trigger "files": the queue drained: taking files again');
  });
});
