import { describe, expect, it } from 'vitest';
import { methodNames } from '../../../shared/api/contract.js';
import type { ApiEvent } from '../../../shared/api/events.js';
import { createBridge, type IpcRendererLike } from '../../../main/electron/bridge.js';
import { IPC_CHANNELS, type PipewrightBridge } from '../../../main/electron/channels.js';
import { createIpcClient, findIpcBridge, type IpcBridge } from '../../../renderer/src/api/ipc-client.js';

type Listener = (event: unknown, ...args: unknown[]) => void;

function fakeIpc(answer: (method: unknown, params: unknown) => unknown = () => ({ ok: true, result: null })) {
  const invoked: Array<{ channel: string; args: unknown[] }> = [];
  const listeners = new Map<string, Set<Listener>>();
  const ipc: IpcRendererLike = {
    async invoke(channel, ...args) {
      invoked.push({ channel, args });
      return answer(args[0], args[1]);
    },
    on(channel, listener) {
      if (!listeners.has(channel)) listeners.set(channel, new Set());
      listeners.get(channel)?.add(listener);
    },
    removeListener(channel, listener) {
      listeners.get(channel)?.delete(listener);
    },
  };
  const send = (channel: string, payload: unknown) => listeners.get(channel)?.forEach((listener) => listener({ sender: 'ipc internals' }, payload));
  return { ipc, invoked, send, listeners };
}

// The preload's type and the renderer's type of the bridge must stay the same shape.
const _bridgeFitsRenderer: IpcBridge = {} as PipewrightBridge;
const _rendererFitsBridge: PipewrightBridge = {} as IpcBridge;
void _bridgeFitsRenderer;
void _rendererFitsBridge;

describe('the preload bridge', () => {
  it('lets exactly the contract methods through, on the one invoke channel', async () => {
    const { ipc, invoked } = fakeIpc();
    const bridge = createBridge(ipc);
    for (const method of methodNames) await bridge.call(method, {});
    for (const method of ['flows.hack', 'close', '__proto__', 'constructor', '', 42]) {
      const answer = await bridge.call(method as string, {});
      expect(answer).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    }
    expect(invoked.map((call) => call.args[0])).toEqual([...methodNames]);
    expect(new Set(invoked.map((call) => call.channel))).toEqual(new Set([IPC_CHANNELS.call]));
  });

  it('exposes only call and onEvent', () => {
    expect(Object.keys(createBridge(fakeIpc().ipc)).sort()).toEqual(['call', 'onEvent']);
  });

  it('answers INVALID_PARAMS when the params cannot be sent', async () => {
    const { ipc } = fakeIpc(() => {
      throw new Error('An object could not be cloned.');
    });
    await expect(createBridge(ipc).call('flows.list', { callback: () => 1 })).resolves.toMatchObject({ ok: false, error: { code: 'INVALID_PARAMS' } });
  });

  it('hands the page the event alone, never the IPC event, until it unsubscribes', () => {
    const { ipc, send, listeners } = fakeIpc();
    const seen: unknown[] = [];
    const stop = createBridge(ipc).onEvent((event) => seen.push(event));
    const event: ApiEvent = { type: 'run.started', runId: 'r1', flowId: 'f', kind: 'test' } as ApiEvent;
    send(IPC_CHANNELS.event, event);
    stop();
    send(IPC_CHANNELS.event, event);
    expect(seen).toEqual([event]);
    expect(listeners.get(IPC_CHANNELS.event)?.size).toBe(0);
  });
});

describe('the designer IPC client', () => {
  it('is used only when the bridge is there', () => {
    expect(findIpcBridge({})).toBeUndefined();
    expect(findIpcBridge({ pipewright: { send() {}, subscribe() {} } })).toBeUndefined();
    const bridge = createBridge(fakeIpc().ipc);
    expect(findIpcBridge({ pipewright: bridge })).toBe(bridge);
  });

  it('returns results and throws the service error with its code and problems', async () => {
    const problems = [{ code: 'INVALID_PARAMS', message: 'expected string', path: 'id' }];
    const { ipc } = fakeIpc((method) => method === 'flows.list'
      ? { ok: true, result: [] }
      : { ok: false, error: { code: 'INVALID_PARAMS', message: 'invalid params for flows.get: id: expected string', problems } });
    const client = createIpcClient(createBridge(ipc));
    await expect(client.send('flows.list', {})).resolves.toEqual([]);
    await expect(client.send('flows.get', { id: 'x' })).rejects.toMatchObject({ name: 'PipewrightError', code: 'INVALID_PARAMS', problems });
  });

  it('refuses an answer that is not an RpcResponse', async () => {
    const client = createIpcClient({ call: async () => 'nonsense' as never, onEvent: () => () => undefined });
    await expect(client.send('flows.list', {})).rejects.toMatchObject({ code: 'BAD_RESPONSE' });
  });
});
