// `pipewright test`, `validate` and `eval`: the example flows' tests pass, a failing test shows a diff,
// a broken flow lists all its problems, and eval reports bad expressions with their range.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chainFlow, EXAMPLES, hasStackTrace, Workspace } from './cli-harness.js';

let ws: Workspace;

beforeAll(() => {
  ws = new Workspace();
  ws.copyExample('orders-to-erp.input.json', 'order.json');
  ws.copyFixture('twelve-mistakes.flow.json', 'flows/twelve-mistakes.flow.json');
});

afterAll(() => ws.remove());

describe('pipewright test', () => {
  it('passes every test of the example flows', async () => {
    const result = await ws.run(['test', EXAMPLES]);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines.at(-1)).toMatch(/^(\d+) passed, 0 failed$/);
    expect(Number(/^(\d+)/.exec(lines.at(-1) ?? '')?.[1])).toBeGreaterThanOrEqual(12);
    expect(lines).toContain('✓ orders-to-erp › a Dutch order becomes an NL01 sales order with 21% VAT');
    expect(lines.filter((line) => line.startsWith('✗'))).toEqual([]);
  });

  it('prints a compact diff for a failing test and exits 1', async () => {
    const flow = chainFlow('totals', [
      ['orders', 'trigger.manual'],
      ['total', 'transform.map', { expression: '{ "orderNo": id, "total": $sum(lines.(qty * price)) }' }],
    ]);
    flow.tests = [
      { name: 'sums the lines', input: { orders: [{ id: 'A-1', lines: [{ qty: 2, price: 60 }] }] }, expect: { total: [{ orderNo: 'A-1', total: 120 }] } },
      { name: 'expects a wrong total', input: { orders: [{ id: 'A-2', lines: [{ qty: 1, price: 5 }] }] }, expect: { total: [{ orderNo: 'A-2', total: 6 }, { orderNo: 'A-3' }] } },
    ];
    ws.write('flows/totals.flow.json', flow);
    const result = await ws.run(['test', 'totals']);
    expect(result.code, result.stderr).toBe(1);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('✓ totals › sums the lines');
    expect(lines[1]).toBe('✗ totals › expects a wrong total');
    expect(lines).toContain('    total: expected 2 items, got 1');
    expect(lines).toContain('    total[0].total: expected 6, got 5');
    expect(lines).toContain('    total[1]: expected {"orderNo":"A-3"}, got nothing');
    expect(lines.at(-1)).toBe('1 passed, 1 failed');
  });
});

describe('pipewright validate', () => {
  it('accepts valid flows and lists every problem of a broken one, one per line', async () => {
    const result = await ws.run(['validate', `${EXAMPLES}/orders-to-erp.flow.json`, 'twelve-mistakes']);
    expect(result.code).toBe(2);
    expect(result.stdout).toMatch(/orders-to-erp\.flow\.json: valid/);
    expect(hasStackTrace(result.stderr)).toBe(false);
    const problems = result.stderr.trimEnd().split('\n').filter((line) => line.startsWith('flows/twelve-mistakes.flow.json:'));
    expect(problems.length).toBeGreaterThanOrEqual(12);
    for (const line of problems) expect(line).toMatch(/^flows\/twelve-mistakes\.flow\.json:\S+ [A-Z_]+ \S/);
    expect(problems).toEqual(
      expect.arrayContaining([
        'flows/twelve-mistakes.flow.json:format SCHEMA must be "pipewright/flow@1"',
        expect.stringMatching(/^flows\/twelve-mistakes\.flow\.json:nodes\[3\]\.config\.condition:8-9 JSONATA_SYNTAX /),
        expect.stringMatching(/:nodes\[2\]\.id DUPLICATE_NODE_ID /),
        expect.stringMatching(/:edges\[2\]\.port UNKNOWN_PORT .*"rejectd"/),
        expect.stringMatching(/:edges\[4\]\.from UNKNOWN_EDGE_SOURCE /),
        expect.stringMatching(/:nodes\[5\]\.type UNKNOWN_NODE_TYPE /),
      ]),
    );
    expect(result.stderr.trimEnd().split('\n').at(-1)).toBe('pipewright: 1 of 2 flows are invalid');
  });
});

describe('pipewright eval', () => {
  it('evaluates an expression against JSON from stdin', async () => {
    const result = await ws.run(['eval', '{ "total": $sum(line_items.(quantity * $number(price))), "country": shipping_address.country_code }', '--input', '-'], {
      stdin: JSON.stringify({ line_items: [{ quantity: 2, price: '12.50' }, { quantity: 1, price: '24.95' }], shipping_address: { country_code: 'nl' } }),
    });
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ total: 49.95, country: 'nl' });
  });

  it('shows a syntax error with a caret under its range', async () => {
    const result = await ws.run(['eval', '$sum(lines.(qty * price)', '--input', 'order.json']);
    expect(result.code).toBe(2);
    expect(hasStackTrace(result.stderr)).toBe(false);
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^pipewright: MAPPING_ERROR S0\d{3} at \d+(-\d+)? /);
    expect(lines[1]).toBe('  $sum(lines.(qty * price)');
    expect(lines[2]).toMatch(/^ {2} *\^+$/);
  });

  it('stops a runaway expression with a clear message', async () => {
    const result = await ws.run(['eval', '(function($f){ $f($f) })(function($f){ $f($f) })']);
    expect(result.code).toBe(2);
    expect(hasStackTrace(result.stderr)).toBe(false);
    expect(result.stderr.split('\n')[0]).toMatch(/^pipewright: MAPPING_ERROR PW-(DEPTH|TIMEOUT) at \d+ .*(time|depth|deeper)/);
    const deep = await ws.run(['eval', '($down := function($n){ $n = 0 ? 0 : 1 + $down($n - 1) }; $down(100000))']);
    expect(deep.code).toBe(2);
    expect(deep.stderr.split('\n')[0]).toMatch(/^pipewright: MAPPING_ERROR PW-DEPTH .*recursive/);
  });
});
