// mapping.evaluate: the engine's evaluator and limits behind the mapping editor's live output.
import { afterAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../../main/api/index.js';
import { ApiWorkspace } from './api-workspace.js';

const ws = new ApiWorkspace();
afterAll(async () => {
  await ws.remove();
});

describe('mapping.evaluate', () => {
  it('evaluates an expression against the sample input', async () => {
    const result = await ws.service['mapping.evaluate']({ expression: '{ "orderNo": id, "total": $sum(lines.(qty*price)) }', input: { id: 'A-1', lines: [{ qty: 2, price: 60 }] } });
    expect(result).toMatchObject({ ok: true, hasResult: true, result: { orderNo: 'A-1', total: 120 } });
  });

  it('says when an expression matches nothing', async () => {
    expect(await ws.service['mapping.evaluate']({ expression: 'missing', input: { id: 1 } })).toMatchObject({ ok: true, hasResult: false });
  });

  it('sees $meta and extra bindings like a run does', async () => {
    const result = await ws.service['mapping.evaluate']({ expression: '[$meta.attempt, $rate * 2]', input: {}, bindings: { rate: 21 } });
    expect(result).toMatchObject({ ok: true, result: [1, 42] });
  });

  it('answers a syntax error with its code and the range to underline', async () => {
    const result = await ws.service['mapping.evaluate']({ expression: '{ "a": b + }', input: {} });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toMatchObject({ code: 'MAPPING_ERROR', jsonataCode: expect.stringMatching(/^S0/) });
    expect(result.error.location?.range?.start).toBeGreaterThan(0);
  });

  it('stops a runaway expression at the limit instead of hanging', async () => {
    const result = await ws.service['mapping.evaluate']({ expression: '( $f := function($n) { $f($n + 1) + 1 }; $f(0) )', input: {}, timeoutMs: 200 });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(['PW-TIMEOUT', 'PW-DEPTH']).toContain(result.error.jsonataCode);
    expect(result.durationMs).toBeLessThan(5_000);
  });

  it('renders templates with ranges inside the whole template', async () => {
    expect(await ws.service['mapping.evaluate']({ expression: 'https://erp/{{ id }}', input: { id: 7 }, kind: 'template' })).toMatchObject({ ok: true, result: 'https://erp/7' });
    const broken = await ws.service['mapping.evaluate']({ expression: 'https://erp/{{ id + }}', input: {}, kind: 'template' });
    expect(broken.ok).toBe(false);
    if (!broken.ok) expect(broken.error.location?.range?.start).toBeGreaterThanOrEqual(12);
  });

  it('will not raise the time limit above the engine\'s', async () => {
    await expect(dispatch(ws.service, 'mapping.evaluate', { expression: '1', timeoutMs: 60_000 })).rejects.toMatchObject({
      code: 'INVALID_PARAMS',
      problems: [expect.objectContaining({ path: 'timeoutMs' })],
    });
  });
});
