// transform.validate through the real `pipewright` command: rows the schema accepts go on by `out`,
// the others leave by `invalid` naming each failing field; a schema that does not compile is refused by
// `validate` at the schema's path. And the designer's side: where code generation is forbidden (its CSP),
// the shared check steps aside instead of refusing every schema.
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chainFlow, hasStackTrace, REPO, stdoutJson, Workspace } from '../cli/cli-harness.js';

interface RunJson {
  status: string;
  outputs: Record<string, unknown[]>;
  dead: Array<{ nodeId: string; error: { code: string; message: string } }>;
}

const orderSchema = {
  type: 'object',
  required: ['id', 'email'],
  properties: {
    id: { type: 'string' },
    email: { type: 'string', format: 'email' },
    qty: { type: 'integer', minimum: 1 },
    customer: { type: 'object', required: ['country'], properties: { country: { enum: ['NL', 'DE'] } } },
  },
  additionalProperties: false,
};

let ws: Workspace;

beforeAll(() => {
  ws = new Workspace('pipewright-validate-');
});

afterAll(() => ws.remove());

describe('transform.validate', () => {
  it('sends valid rows on by out and invalid ones by invalid with every failing field', async () => {
    const flow = chainFlow('orders', [['in', 'trigger.manual'], ['check', 'transform.validate', { schema: orderSchema }], ['accepted', 'output.log']]);
    (flow.nodes as unknown[]).push({ id: 'rejected', type: 'output.log', position: [520, 200], config: {} });
    (flow.edges as unknown[]).push({ from: 'check', port: 'invalid', to: 'rejected' });
    ws.write('flows/orders.flow.json', flow);
    const rows = [
      { id: 'A-1', email: 'ada@example.org', qty: 2, customer: { country: 'NL' } },
      { id: 'A-2', email: 'not-an-address', qty: 0, customer: {} },
      { email: 'grace@example.org', note: 'extra' },
      { id: 'A-4', email: 'alan@example.org', customer: { country: 'FR' } },
      { id: 'A-5', email: 'edsger@example.org' },
    ];
    ws.write('rows.jsonl', rows.map((row) => JSON.stringify(row)).join('\n'));

    const result = await ws.run(['run', 'orders', '--input', 'rows.jsonl', '--jsonl', '--json']);
    expect(result.code, result.stderr).toBe(0);
    const report = stdoutJson<RunJson>(result);
    expect(report.status).toBe('succeeded');
    expect(report.outputs.accepted).toEqual([rows[0], rows[4]]);
    // ajv reports in its own evaluation order; the order of a message's errors is not part of the contract.
    const rejected = (report.outputs.rejected as Array<{ payload: unknown; errors: Array<{ path: string }> }>)
      .map((entry) => ({ ...entry, errors: [...entry.errors].sort((a, b) => a.path.localeCompare(b.path)) }));
    expect(rejected).toEqual([
      {
        payload: rows[1],
        errors: [
          { path: '/customer/country', message: 'is required' },
          { path: '/email', message: 'must match format "email"' },
          { path: '/qty', message: 'must be >= 1' },
        ],
      },
      { payload: rows[2], errors: [{ path: '/id', message: 'is required' }, { path: '/note', message: 'is not allowed' }] },
      { payload: rows[3], errors: [{ path: '/customer/country', message: 'must be equal to one of the allowed values: "NL", "DE"' }] },
    ]);
  });

  it('refuses a schema that does not compile at nodes[N].config.schema when the flow is validated', async () => {
    const flow = chainFlow('broken-schemas', [
      ['in', 'trigger.manual'],
      ['badType', 'transform.validate', { schema: { type: 'object', properties: { id: { type: 'strang' } } } }],
      ['typo', 'transform.validate', { schema: { type: 'object', requried: ['id'] } }],
      ['danglingRef', 'transform.validate', { schema: { $ref: '#/$defs/order' } }],
      ['badPattern', 'transform.validate', { schema: { type: 'string', pattern: '([' } }],
      ['noSchema', 'transform.validate', {}],
    ]);
    ws.write('flows/broken-schemas.flow.json', flow);
    const result = await ws.run(['validate', 'broken-schemas']);
    expect(result.code).toBe(2);
    expect(hasStackTrace(result.stderr)).toBe(false);
    const lines = result.stderr.trimEnd().split('\n');
    const at = (index: number): string | undefined => lines.find((line) => line.includes(`:nodes[${index}].config.schema `));
    expect(at(1)).toMatch(/INVALID_CONFIG is not a valid JSON Schema: at \/properties\/id\/type must be equal to one of the allowed values \("array", .*"string"\)/);
    expect(at(2)).toMatch(/INVALID_CONFIG is not a usable JSON Schema: strict mode: unknown keyword: "requried"/);
    expect(at(3)).toMatch(/INVALID_CONFIG is not a usable JSON Schema: can't resolve reference #\/\$defs\/order/);
    expect(at(4)).toMatch(/INVALID_CONFIG is not a usable JSON Schema: Invalid regular expression/);
    expect(at(5)).toMatch(/INVALID_CONFIG is required$/);
  });

  it('leaves the compile check to Node where code generation is forbidden, as in the designer', () => {
    // The designer's CSP has no 'unsafe-eval'; ajv compiles to a Function. Node's flag stands in for it.
    const script = "const m = await import('./shared/json-schema/compile.ts'); console.log(JSON.stringify([m.compileJsonSchema({ type: 'object', requried: [] }), m.compileJsonSchema({ type: 'string' }).ok]))";
    const child = spawnSync(process.execPath, ['--disallow-code-generation-from-strings', '--import', 'tsx', '--input-type=module', '-e', script], { cwd: REPO, encoding: 'utf8' });
    expect(child.status, child.stderr).toBe(0);
    expect(JSON.parse(child.stdout)).toEqual([{ ok: 'unchecked' }, 'unchecked']);
  });
});
