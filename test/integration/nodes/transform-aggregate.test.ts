// transform.aggregate through the real `pipewright` command (groups closed by count, by the end of the
// input and by a window in real time; bad configs refused by `validate`; a failing groupBy dead-lettered)
// and through the engine for durability: a run stopped mid-window and resumed by a new engine emits each
// group once, with every item.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chainFlow, hasStackTrace, stdoutJson, Workspace } from '../cli/cli-harness.js';
import { chain, TempWorkspace } from '../../fixtures/engine/workspace.js';

interface Group {
  key: unknown;
  items: Array<{ customer?: unknown; n: number }>;
}

interface RunJson {
  status: string;
  outputs: Record<string, unknown[]>;
  dead: Array<{ nodeId: string; error: { code: string; message: string; location?: { path?: string } } }>;
}

/** Groups closed by the end of the input come in no promised order: compare them by key, then first item. */
function byKey(groups: unknown[] | undefined): Group[] {
  return [...((groups ?? []) as Group[])].sort((a, b) => JSON.stringify(a.key).localeCompare(JSON.stringify(b.key)) || (a.items[0]?.n ?? 0) - (b.items[0]?.n ?? 0));
}

const orders = [
  { customer: 'ada', n: 1 }, { customer: 'bob', n: 2 }, { customer: 'ada', n: 3 }, { customer: 'ada', n: 4 },
  { customer: 'cy', n: 5 }, { customer: 'bob', n: 6 }, { customer: 'ada', n: 7 },
];

let ws: Workspace;

beforeAll(() => {
  ws = new Workspace('pipewright-aggregate-');
  ws.write('orders.jsonl', orders.map((order) => JSON.stringify(order)).join('\n'));
});

afterAll(() => ws.remove());

describe('transform.aggregate through pipewright run', () => {
  it('groups per customer by count, and flushes what is left, and groups without a count, at the end of the input', async () => {
    const flow = chainFlow('per-customer', [['in', 'trigger.manual'], ['pairs', 'transform.aggregate', { groupBy: 'customer', count: 2 }], ['pairsOut', 'output.log']]);
    (flow.nodes as unknown[]).push(
      { id: 'whole', type: 'transform.aggregate', position: [260, 200], config: { groupBy: 'customer' } },
      { id: 'wholeOut', type: 'output.log', position: [520, 200], config: {} },
      { id: 'all', type: 'transform.aggregate', position: [260, 400], config: {} },
      { id: 'allOut', type: 'output.log', position: [520, 400], config: {} },
    );
    (flow.edges as unknown[]).push({ from: 'in', to: 'whole' }, { from: 'whole', to: 'wholeOut' }, { from: 'in', to: 'all' }, { from: 'all', to: 'allOut' });
    ws.write('flows/per-customer.flow.json', flow);

    const result = await ws.run(['run', 'per-customer', '--input', 'orders.jsonl', '--jsonl', '--json']);
    expect(result.code, result.stderr).toBe(0);
    const report = stdoutJson<RunJson>(result);
    expect(report.status).toBe('succeeded');
    // Full pairs leave as soon as they are complete, in arrival order; the rest when the input ends.
    expect(report.outputs.pairsOut?.slice(0, 2)).toEqual([
      { key: 'ada', items: [{ customer: 'ada', n: 1 }, { customer: 'ada', n: 3 }] },
      { key: 'bob', items: [{ customer: 'bob', n: 2 }, { customer: 'bob', n: 6 }] },
    ]);
    expect(byKey(report.outputs.pairsOut)).toEqual([
      { key: 'ada', items: [{ customer: 'ada', n: 1 }, { customer: 'ada', n: 3 }] },
      { key: 'ada', items: [{ customer: 'ada', n: 4 }, { customer: 'ada', n: 7 }] },
      { key: 'bob', items: [{ customer: 'bob', n: 2 }, { customer: 'bob', n: 6 }] },
      { key: 'cy', items: [{ customer: 'cy', n: 5 }] },
    ]);
    expect(byKey(report.outputs.wholeOut)).toEqual([
      { key: 'ada', items: orders.filter((order) => order.customer === 'ada') },
      { key: 'bob', items: orders.filter((order) => order.customer === 'bob') },
      { key: 'cy', items: [{ customer: 'cy', n: 5 }] },
    ]);
    expect(report.outputs.allOut).toEqual([{ key: null, items: orders }]);
  });

  it('closes a window windowMs after its first message, in real time, while the run goes on', async () => {
    // Each message is held back `after` ms; a slow branch keeps the run going, so only the clock can close
    // a window before the end: ada's first two orders share one, her third arrives after it closed.
    const flow = chainFlow('windows', [
      ['in', 'trigger.manual'],
      ['arrive', 'control.delay', { until: '$millis() + after' }],
      ['window', 'transform.aggregate', { groupBy: 'customer', windowMs: 1000 }],
      ['windowOut', 'output.log'],
    ]);
    (flow.nodes as unknown[]).push(
      { id: 'keepGoing', type: 'control.delay', position: [260, 200], config: { ms: 3200 } },
      { id: 'done', type: 'output.log', position: [520, 200], config: {} },
    );
    (flow.edges as unknown[]).push({ from: 'in', to: 'keepGoing' }, { from: 'keepGoing', to: 'done' });
    ws.write('flows/windows.flow.json', flow);
    ws.write('timed.jsonl', [
      { customer: 'ada', n: 1, after: 0 }, { customer: 'ada', n: 2, after: 200 }, { customer: 'bob', n: 3, after: 100 }, { customer: 'ada', n: 4, after: 2400 },
    ].map((order) => JSON.stringify(order)).join('\n'));

    const result = await ws.run(['run', 'windows', '--input', 'timed.jsonl', '--jsonl', '--json']);
    expect(result.code, result.stderr).toBe(0);
    const report = stdoutJson<RunJson>(result);
    const windows = byKey(report.outputs.windowOut).map((group) => ({ key: group.key, n: group.items.map((item) => item.n) }));
    expect(windows).toEqual([{ key: 'ada', n: [1, 2] }, { key: 'ada', n: [4] }, { key: 'bob', n: [3] }]);
    expect(report.outputs.done).toHaveLength(4);
  });

  it('dead-letters a message whose groupBy fails, naming the expression, and groups the others', async () => {
    const flow = chainFlow('bad-key', [['in', 'trigger.manual'], ['group', 'transform.aggregate', { groupBy: '$substring(customer, 0, 1)', count: 2 }], ['out', 'output.log']]);
    ws.write('flows/bad-key.flow.json', flow);
    ws.write('mixed.jsonl', [{ customer: 'ada', n: 1 }, { customer: 42, n: 2 }, { customer: 'al', n: 3 }].map((order) => JSON.stringify(order)).join('\n'));
    const result = await ws.run(['run', 'bad-key', '--input', 'mixed.jsonl', '--jsonl', '--json']);
    expect(result.code).toBe(1);
    expect(hasStackTrace(result.stderr)).toBe(false);
    const report = stdoutJson<RunJson>(result);
    expect(report.outputs.out).toEqual([{ key: 'a', items: [{ customer: 'ada', n: 1 }, { customer: 'al', n: 3 }] }]);
    expect(report.dead).toHaveLength(1);
    expect(report.dead[0]).toMatchObject({ nodeId: 'group', error: { code: 'MAPPING_ERROR', location: { path: 'nodes[1].config.groupBy' } } });
    expect(report.dead[0]?.error.message).toMatch(/substring/);
  });

  it('refuses bad configs with the field path', async () => {
    const flow = chainFlow('bad-aggregates', [
      ['in', 'trigger.manual'],
      ['zero', 'transform.aggregate', { count: 0, windowMs: -5 }],
      ['tooBig', 'transform.aggregate', { count: 50, maxItems: 10, groupBy: 'customer.' }],
      ['typo', 'transform.aggregate', { count: 2, windowMS: 100 }],
    ]);
    ws.write('flows/bad-aggregates.flow.json', flow);
    const result = await ws.run(['validate', 'bad-aggregates']);
    expect(result.code).toBe(2);
    const lines = result.stderr.trimEnd().split('\n').map((line) => line.replace(/^.*bad-aggregates\.flow\.json:/, ''));
    expect(lines).toEqual(expect.arrayContaining([
      'nodes[1].config.count INVALID_CONFIG must be at least 1',
      'nodes[1].config.windowMs INVALID_CONFIG must be at least 1',
      'nodes[2].config.count INVALID_CONFIG must be at most maxItems (10); raise maxItems to hold bigger groups',
      expect.stringMatching(/^nodes\[2\]\.config\.groupBy:\d+ JSONATA_SYNTAX /),
      'nodes[3].config.windowMS INVALID_CONFIG unknown key "windowMS" (check the spelling)',
    ]));
  });
});

describe('transform.aggregate durability', () => {
  const engines = new TempWorkspace();
  afterAll(() => engines.remove());

  it('emits each group once with all its items after a run stopped mid-window is resumed by a new engine', async () => {
    // A delayed branch keeps the run going past the stop, so the groups are still open when it comes.
    const flow = chain('durable-groups', [['in', 'trigger.manual'], ['group', 'transform.aggregate', { groupBy: 'customer', count: 3, windowMs: 60_000 }], ['groups', 'output.log']], {
      edges: [{ from: 'in', to: 'slow' }, { from: 'slow', to: 'after' }],
    });
    flow.nodes.push(
      { id: 'slow', type: 'control.delay', position: [0, 200], config: { ms: 1500 } },
      { id: 'after', type: 'output.log', position: [200, 200], config: {} },
    );
    const first = await engines.open({ batchSize: 2 });
    const runId = await first.startRun({ flow, inputs: [{ triggerId: 'in', messages: orders }] });
    const stop = new AbortController();
    const driving = first.drive(runId, { signal: stop.signal });
    // Stop once every order went through the aggregate (its steps are traced), with the window still open.
    while ((await first.traces(runId, { nodeId: 'group' })).length < orders.length) await new Promise((resolve) => setTimeout(resolve, 20));
    stop.abort();
    const stopped = await driving;
    expect(stopped.status).toBe('interrupted');
    // ada's first three orders made a full group before the stop; everything else is held in state.
    expect(stopped.outputs.groups).toEqual([{ key: 'ada', items: [orders[0], orders[2], orders[3]] }]);
    await first.close();

    const second = await engines.open();
    const finished = await second.resume(runId);
    expect(finished.status).toBe('succeeded');
    expect(finished.outputs.after).toHaveLength(orders.length);
    expect(byKey(finished.outputs.groups)).toEqual([
      { key: 'ada', items: [orders[0], orders[2], orders[3]] },
      { key: 'ada', items: [orders[6]] },
      { key: 'bob', items: [orders[1], orders[5]] },
      { key: 'cy', items: [orders[4]] },
    ]);

    // A new run starts from empty groups: nothing was left behind in the node's state.
    const again = await second.drive(await second.startRun({ flow, inputs: [{ triggerId: 'in', messages: [{ customer: 'ada', n: 8 }] }] }));
    expect(again.outputs.groups).toEqual([{ key: 'ada', items: [{ customer: 'ada', n: 8 }] }]);
  });
});
