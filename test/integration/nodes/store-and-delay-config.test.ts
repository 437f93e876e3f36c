// store.get, store.put and control.delay as a user meets them in `pipewright validate`: a bad config
// is named by its path inside the flow, and a good one passes.
import { afterAll, describe, expect, it } from 'vitest';
import { chainFlow, Workspace } from '../cli/cli-harness.js';

const ws = new Workspace('pipewright-store-delay-');
afterAll(() => ws.remove());

describe('store and delay configs in pipewright validate', () => {
  it('names each bad field by its path', async () => {
    ws.write('flows/bad.flow.json', chainFlow('bad', [
      ['in', 'trigger.manual'],
      ['wait', 'control.delay', { ms: 5, until: 'when' }],
      ['seen', 'store.get', { store: 'has space', key: 'id', target: '1st' }],
      ['keep', 'store.put', { store: 'ok', key: '(', ttlMs: 0 }],
    ]));
    const result = await ws.run(['validate', 'flows/bad.flow.json']);
    expect(result.code).toBe(2);
    expect(result.stdout + result.stderr).toContain('nodes[1].config');
    expect(result.stdout + result.stderr).toMatch(/set either ms or until/);
    expect(result.stdout + result.stderr).toContain('nodes[2].config.store');
    expect(result.stdout + result.stderr).toContain('nodes[2].config.target');
    expect(result.stdout + result.stderr).toContain('nodes[3].config.key');
    expect(result.stdout + result.stderr).toContain('nodes[3].config.ttlMs');
  });

  it('accepts good ones', async () => {
    ws.write('flows/good.flow.json', chainFlow('good', [
      ['in', 'trigger.manual'],
      ['wait', 'control.delay', { until: '$now()' }],
      ['seen', 'store.get', { store: 'orders', key: 'id', target: 'erp.previous' }],
      ['keep', 'store.put', { store: 'orders', key: 'id', ttlMs: 86_400_000 }],
    ]));
    const result = await ws.run(['validate', 'flows/good.flow.json']);
    expect(result.code, result.stdout + result.stderr).toBe(0);
  });
});
