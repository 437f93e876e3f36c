// `pipewright run`, `runs` and `runs show` against a real workspace: happy paths, the --json shape,
// exit codes, and every kind of bad input answered with one clear line per problem.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chainFlow, hasStackTrace, stdoutJson, Workspace, type CliResult } from './cli-harness.js';

interface Report {
  runId: string;
  status: string;
  outputs: Record<string, unknown[]>;
  dead: unknown[];
  counts: { received: number; processed: number; pending: number; dead: number };
}

let ws: Workspace;

beforeAll(() => {
  ws = new Workspace();
  ws.copyExample('orders-to-erp.flow.json');
  ws.copyExample('orders-to-erp.input.json', 'orders.json');
  const twoDoors = chainFlow('two-doors', [['web', 'trigger.manual'], ['shape', 'transform.map', { expression: '{ "id": id }' }]]);
  // A second trigger feeding the same map: `run` must then be told which one to feed.
  (twoDoors.nodes as unknown[]).push({ id: 'batch', type: 'trigger.manual', position: [0, 200], config: {} });
  (twoDoors.edges as unknown[]).push({ from: 'batch', to: 'shape' });
  ws.write('flows/two-doors.flow.json', twoDoors);
});

afterAll(() => ws.remove());

/** A user error: non-zero exit, nothing on stdout, each stderr line led by a place or `pipewright:`, no stack. */
function expectUserError(result: CliResult, code: number): string[] {
  expect(result.code, result.stderr).toBe(code);
  expect(hasStackTrace(result.stderr)).toBe(false);
  const lines = result.stderr.trimEnd().split('\n');
  for (const line of lines) expect(line).toMatch(/^(pipewright: |\S+: |\S+:\S+ )[A-Z_]+ /);
  return lines;
}

describe('pipewright run', () => {
  let first: Report;

  it('runs a flow found by id and prints the report as JSON', async () => {
    const result = await ws.run(['run', 'orders-to-erp', '--input', 'orders.json', '--json']);
    expect(result.code, result.stderr).toBe(0);
    first = stdoutJson<Report>(result);
    expect(Object.keys(first).sort()).toEqual(['counts', 'dead', 'outputCounts', 'outputs', 'runId', 'status']);
    expect(first.status).toBe('succeeded');
    expect(first.dead).toEqual([]);
    expect(first.outputs.erpNl).toHaveLength(1);
    expect(first.outputs.erpNl?.[0]).toMatchObject({ orderNo: 'WEB-1001', company: 'NL01', grossTotal: 66.43, orderDate: '05.03.2024' });
    expect(first.counts.dead).toBe(0);
  });

  it('reads JSON lines from stdin and prints a short summary', async () => {
    const orders = [1, 2, 3].map((n) => JSON.stringify({ id: n }));
    const result = await ws.run(['run', 'two-doors', '--trigger', 'batch', '--jsonl', '--input', '-'], { stdin: `${orders.join('\n')}\n\n` });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^run \S+ succeeded: 3 messages in, \d+ steps done, 0 dead/m);
    expect(result.stdout).toMatch(/^ {2}shape: 3 messages$/m);
  });

  it('lists runs and shows one in the same shape as run --json', async () => {
    const listed = await ws.run(['runs', '--json', '--limit', '5']);
    expect(listed.code, listed.stderr).toBe(0);
    const runs = stdoutJson<Array<{ runId: string; status: string; flowId: string }>>(listed);
    expect(runs.map((run) => run.flowId)).toEqual(expect.arrayContaining(['orders-to-erp', 'two-doors']));
    const shown = await ws.run(['runs', 'show', first.runId, '--json']);
    expect(shown.code, shown.stderr).toBe(0);
    expect(stdoutJson<Report>(shown)).toEqual(first);
  });

  it('says which flow file is missing', async () => {
    const lines = expectUserError(await ws.run(['run', 'flows/missing.flow.json', '--input', 'orders.json']), 2);
    expect(lines).toEqual(['flows/missing.flow.json: FLOW_NOT_FOUND no such flow file']);
  });

  it('points at the line and column of malformed JSON input', async () => {
    ws.write('broken.json', '{\n  "id": 1,\n  "lines": [1, 2\n}\n');
    const lines = expectUserError(await ws.run(['run', 'orders-to-erp', '--input', 'broken.json']), 2);
    expect(lines).toEqual([expect.stringMatching(/^broken\.json:4:1 INPUT_INVALID_JSON not valid JSON: /)]);
  });

  it('rejects input that is not JSON at all', async () => {
    const lines = expectUserError(await ws.run(['run', 'orders-to-erp', '--input', '-'], { stdin: 'id,total\nA-1,120\n' }), 2);
    expect(lines).toEqual([expect.stringMatching(/^<stdin>:1:1 INPUT_INVALID_JSON /)]);
  });

  it('lists every bad line of JSON-lines input with its line number and queues nothing', async () => {
    ws.write('mixed.jsonl', '{"id":1}\n{"id":2\n\n{"id":3}\nnot json\n');
    const lines = expectUserError(await ws.run(['run', 'orders-to-erp', '--jsonl', '--input', 'mixed.jsonl']), 2);
    expect(lines).toEqual([
      expect.stringMatching(/^pipewright: INPUT_INVALID_JSONL 2 of 5 lines/),
      expect.stringMatching(/^mixed\.jsonl:2:8 INPUT_INVALID_JSON /),
      expect.stringMatching(/^mixed\.jsonl:5:1 INPUT_INVALID_JSON /),
    ]);
  });

  it('names the triggers when --trigger is unknown or missing', async () => {
    const unknown = expectUserError(await ws.run(['run', 'two-doors', '--trigger', 'shape', '--input', 'orders.json']), 2);
    expect(unknown).toEqual([expect.stringMatching(/UNKNOWN_TRIGGER node "shape" is not a trigger .*its triggers: "web", "batch"/)]);
    const missing = expectUserError(await ws.run(['run', 'two-doors', '--input', 'orders.json']), 2);
    expect(missing).toEqual([expect.stringMatching(/TRIGGER_REQUIRED .*several triggers \("web", "batch"\): choose one with --trigger ID/)]);
  });

  it('refuses an invalid flow and lists all its problems', async () => {
    ws.copyFixture('twelve-mistakes.flow.json');
    const lines = expectUserError(await ws.run(['run', 'twelve-mistakes.flow.json', '--input', 'orders.json']), 2);
    expect(lines[0]).toMatch(/^pipewright: FLOW_INVALID twelve-mistakes\.flow\.json has \d+ problems/);
    expect(lines.length).toBeGreaterThanOrEqual(13);
  });

  it('answers a file where the state folder should be with one line naming it, no stack', async () => {
    const broken = new Workspace();
    try {
      broken.write('.pipewright', 'a file where the state folder should be');
      const lines = expectUserError(await broken.run(['runs']), 2);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^pipewright: STATE_DB_UNAVAILABLE cannot open the state database .*\.pipewright/);
    } finally {
      broken.remove();
    }
  });
});
