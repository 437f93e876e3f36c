import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createInMemoryTransport } from '../../../shared/api/index.js';
import { PipewrightError } from '../../../shared/errors.js';
import { createConnectionMonitor, watchCalls } from '../../../renderer/src/connect/connection-monitor.js';

describe('the connection monitor', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('turns disconnected when a check fails, and connected again when one succeeds, at the retry pace', async () => {
    let up = true;
    const monitor = createConnectionMonitor({ check: async () => up, everyMs: 3000, retryMs: 1000 });
    const seen: string[] = [];
    monitor.subscribe(() => seen.push(monitor.getState()));
    monitor.start();
    await vi.advanceTimersByTimeAsync(3000);
    expect(monitor.getState()).toBe('connected');
    up = false;
    await vi.advanceTimersByTimeAsync(3000);
    expect(monitor.getState()).toBe('disconnected');
    up = true;
    await vi.advanceTimersByTimeAsync(1000);
    expect(monitor.getState()).toBe('connected');
    expect(seen).toEqual(['disconnected', 'connected']);
    monitor.stop();
  });

  it('a check that throws counts as unreachable; stop ends the checks', async () => {
    const check = vi.fn(async (): Promise<boolean> => {
      throw new Error('refused');
    });
    const monitor = createConnectionMonitor({ check, everyMs: 100, retryMs: 100 });
    monitor.start();
    await vi.advanceTimersByTimeAsync(100);
    expect(monitor.getState()).toBe('disconnected');
    monitor.stop();
    const calls = check.mock.calls.length;
    await vi.advanceTimersByTimeAsync(1000);
    expect(check.mock.calls.length).toBe(calls);
  });

  it('hears from calls: a NETWORK failure disconnects at once, any answer (even an error) connects', async () => {
    const monitor = createConnectionMonitor({ check: async () => true });
    let failWith: PipewrightError | undefined = new PipewrightError('NETWORK', 'Cannot reach the Pipewright server');
    const inner = createInMemoryTransport({
      'flows.list': async () => {
        if (failWith) throw failWith;
        return [];
      },
    });
    const client = watchCalls(inner, monitor);
    await expect(client.send('flows.list', {})).rejects.toThrow('Cannot reach');
    expect(monitor.getState()).toBe('disconnected');
    failWith = new PipewrightError('FLOW_NOT_FOUND', 'no such flow');
    await expect(client.send('flows.list', {})).rejects.toThrow('no such flow');
    expect(monitor.getState()).toBe('connected');
  });
});
