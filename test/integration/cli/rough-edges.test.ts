// What a newcomer tripped over in the CLI (issue "The designer as people meet it"): a mistyped run id
// answered "no dead letters" with exit 0, a report kept saying "fix the flow" after the replay that
// fixed it, an import conflict did not name --overwrite, `test` on flows without tests printed
// "0 passed, 0 failed". (`credentials set` without a keychain now says it cannot *save* the secret:
// test/integration/credentials/keychain.test.ts.)
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chainFlow, stdoutJson, Workspace } from './cli-harness.js';

const ws = new Workspace();
let failedRun: string;

function flowWith(expression: string): Record<string, unknown> {
  return chainFlow('prices', [['in', 'trigger.manual'], ['price', 'transform.map', { expression }]]);
}

beforeAll(async () => {
  // Fails every message: the order's price is text, and multiplying text is a type error.
  ws.write('flows/prices.flow.json', flowWith('{ "gross": price * 1.21 }'));
  ws.write('orders.jsonl', '{"price":"10"}\n{"price":"20"}\n');
  const run = await ws.run(['run', 'prices', '--input', 'orders.jsonl', '--jsonl', '--json']);
  expect(run.code, run.stderr).toBe(1);
  failedRun = stdoutJson<{ runId: string }>(run).runId;
}, 60_000);
afterAll(() => ws.remove());

describe('dead letters of a run that does not exist', () => {
  it('are a RUN_NOT_FOUND with exit 2 for replay and list, not "no dead letters"', async () => {
    const replay = await ws.run(['dlq', 'replay', '--all', '--run', 'r-typo']);
    expect(replay.code).toBe(2);
    expect(replay.stderr).toMatch(/RUN_NOT_FOUND run "r-typo" does not exist/);
    const list = await ws.run(['dlq', 'list', '--run', 'r-typo']);
    expect(list.code).toBe(2);
    expect(list.stderr).toMatch(/RUN_NOT_FOUND/);
  });
});

describe('a report after its dead letters were replayed', () => {
  it('stops telling the user to fix the flow once the replay succeeded', async () => {
    const before = await ws.run(['runs', 'show', failedRun]);
    expect(before.stdout).toContain(`fix the flow, then: pipewright dlq replay --all --run ${failedRun}`);
    writeFileSync(ws.path('flows/prices.flow.json'), `${JSON.stringify(flowWith('{ "gross": $number(price) * 1.21 }'), null, 2)}\n`);
    const replay = await ws.run(['dlq', 'replay', '--all', '--run', failedRun]);
    expect(replay.code, replay.stderr).toBe(0);
    const after = await ws.run(['runs', 'show', failedRun]);
    expect(after.stdout).not.toContain('fix the flow');
    expect(after.stdout).toContain('every dead letter was replayed');
  }, 60_000);
});

describe('importing a bundle over existing flows', () => {
  it('names --overwrite', async () => {
    const exported = await ws.run(['export', 'prices', '-o', ws.path('prices.bundle.json')]);
    expect(exported.code, exported.stderr).toBe(0);
    const again = await ws.run(['import', ws.path('prices.bundle.json')]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('--overwrite');
  });
});

describe('flow tests', () => {
  it('say there are none instead of "0 passed, 0 failed"', async () => {
    const result = await ws.run(['test', 'prices']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('no tests: none of these flows has a "tests" section');
    expect(result.stdout).not.toContain('0 passed, 0 failed');
  });
});
