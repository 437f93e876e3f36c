// The desktop transport between main and the utility process, run in one Node process: main's
// connection and the utility process's runtime exchange structured-cloned messages as Electron would,
// and the service behind them is the real one on a real workspace folder and SQLite file.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { ApiEvent } from '../../../shared/api/events.js';
import type { FlowDocument } from '../../../shared/flow/schema.js';
import { createService } from '../../../main/api/service.js';
import { connectService, SERVICE_STOPPED, type ServiceProcess } from '../../../main/electron/service-connection.js';
import type { FromService, ToService } from '../../../main/electron/service-messages.js';
import { createServiceRuntime } from '../../../main/electron/service-runtime.js';
import { STATE_DB_DAMAGED } from '../../../main/electron/state-db-errors.js';

const base = mkdtempSync(join(tmpdir(), 'pw-service-relay-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

/** A utility process stand-in: messages are cloned and delivered asynchronously, both ways. */
function fakeUtilityProcess(options: { createService?: typeof createService; hang?: boolean } = {}) {
  const toMain = new Set<(message: FromService) => void>();
  const onExit = new Set<(code: number) => void>();
  let alive = true;
  const runtime = createServiceRuntime({
    createService: options.createService ?? createService,
    post: (message) => setImmediate(() => alive && toMain.forEach((listener) => listener(structuredClone(message)))),
    log: () => undefined,
  });
  const exit = (code: number) => {
    if (!alive) return;
    alive = false;
    setImmediate(() => onExit.forEach((listener) => listener(code)));
  };
  const child = {
    postMessage(message: ToService) {
      if (options.hang && message.type === 'call') return;
      const copy = structuredClone(message);
      setImmediate(() => alive && void runtime.handle(copy));
    },
    on(event: 'message' | 'exit', listener: ((message: FromService) => void) | ((code: number) => void)) {
      if (event === 'message') toMain.add(listener as (message: FromService) => void);
      else onExit.add(listener as (code: number) => void);
      return child;
    },
    kill: vi.fn(() => {
      exit(0);
      return true;
    }),
    crash: (code: number) => exit(code),
  };
  return child satisfies ServiceProcess;
}

function workspace(name: string): string {
  const folder = join(base, name);
  mkdirSync(folder, { recursive: true });
  return folder;
}

const flow: FlowDocument = {
  format: 'pipewright/flow@1',
  id: 'hello',
  name: 'Hello',
  nodes: [
    { id: 'start', type: 'trigger.manual', position: [0, 0], config: {} },
    { id: 'log', type: 'output.log', position: [260, 0], config: {} },
  ],
  edges: [{ from: 'start', to: 'log' }],
} as FlowDocument;

describe('the service in its utility process', () => {
  it('answers contract calls and relays run events to main', async () => {
    const events: ApiEvent[] = [];
    const folder = workspace('ok');
    const connection = await connectService(fakeUtilityProcess(), { workspace: folder, onEvent: (event) => events.push(event) });
    expect(await connection.call('workspace.info', {})).toMatchObject({ ok: true, result: { path: folder } });
    expect(await connection.call('flows.save', { document: flow })).toMatchObject({ ok: true });
    expect(await connection.call('flows.list', {})).toMatchObject({ ok: true, result: [{ id: 'hello' }] });
    const started = await connection.call('runs.start', { flowId: 'hello', inputs: { start: [{ n: 1 }] } });
    expect(started).toMatchObject({ ok: true, result: { runId: expect.any(String) } });
    await vi.waitFor(() => expect(events.map((event) => event.type)).toContain('run.finished'), { timeout: 10_000 });
    await connection.stop();
  });

  it('validates params again on the service side (the contract error shape, never a crash)', async () => {
    const connection = await connectService(fakeUtilityProcess(), { workspace: workspace('validate'), onEvent: () => undefined });
    expect(await connection.call('flows.get', { id: 42 })).toMatchObject({ ok: false, error: { code: 'INVALID_PARAMS' } });
    expect(await connection.call('flows.get', { id: 'missing' })).toMatchObject({ ok: false, error: { code: 'FLOW_NOT_FOUND' } });
    await connection.stop();
  });

  it('fails to start with the service\'s error: a missing folder, a damaged state database', async () => {
    await expect(connectService(fakeUtilityProcess(), { workspace: join(base, 'nowhere'), onEvent: () => undefined })).rejects.toMatchObject({ code: 'WORKSPACE_NOT_FOUND' });
    const damaged = workspace('damaged');
    mkdirSync(join(damaged, '.pipewright'));
    writeFileSync(join(damaged, '.pipewright', 'state.db'), 'not sqlite at all '.repeat(100));
    const child = fakeUtilityProcess();
    await expect(connectService(child, { workspace: damaged, onEvent: () => undefined })).rejects.toMatchObject({ code: STATE_DB_DAMAGED });
    expect(child.kill).toHaveBeenCalled();
  });

  it('fails calls in flight when the process dies, and says so once', async () => {
    const child = fakeUtilityProcess({ hang: true });
    const onUnexpectedExit = vi.fn();
    const connection = await connectService(child, { workspace: workspace('crash'), onEvent: () => undefined, onUnexpectedExit });
    const pending = connection.call('flows.list', {});
    child.crash(134);
    expect(await pending).toMatchObject({ ok: false, error: { code: SERVICE_STOPPED } });
    expect(await connection.call('flows.list', {})).toMatchObject({ ok: false, error: { code: SERVICE_STOPPED } });
    expect(onUnexpectedExit).toHaveBeenCalledWith(134);
  });

  it('closes the engine on stop, ends the process and does not call that a crash', async () => {
    const child = fakeUtilityProcess();
    const onUnexpectedExit = vi.fn();
    const connection = await connectService(child, { workspace: workspace('stop'), onEvent: () => undefined, onUnexpectedExit });
    await connection.stop();
    await connection.stop();
    expect(child.kill).toHaveBeenCalledOnce();
    await new Promise((resolve) => setImmediate(resolve));
    expect(onUnexpectedExit).not.toHaveBeenCalled();
    expect(await connection.call('flows.list', {})).toMatchObject({ ok: false, error: { code: SERVICE_STOPPED } });
  });
});
