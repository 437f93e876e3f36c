// Hardening catalogue — one JSONata built-in call that never yields (a catastrophic regular expression,
// `$pad("", 4e8)`, `$string` of a huge sequence) runs in an evaluation process that a watchdog stops
// (DESIGN.md §5 "Isolation"): that message fails with PW-TIMEOUT or PW-MEMORY and is dead-lettered,
// the rest of the run, other calls and `/api/health` carry on, and `resume` after a crash in the middle
// of such an evaluation finishes the run instead of replaying the poison for ever.
import { afterAll, describe, expect, it } from 'vitest';
import { openEngine } from '../../../main/engine/index.js';
import { chain, TempWorkspace } from '../../fixtures/engine/workspace.js';
import { chainFlow, collect, startCli, Workspace } from '../cli/cli-harness.js';
import { startServe } from '../cli/serve-child.js';

/** Backtracks 2^40 times: minutes of one RegExp call, which JSONata's own time limit cannot interrupt. */
const CATASTROPHIC = '$match(text, /(a+)+$/)';
const EVIL_TEXT = `${'a'.repeat(40)}!`;

/** Counts event-loop turns while `work` runs: a blocked loop counts none. */
async function turnsDuring<T>(work: Promise<T>): Promise<{ value: T; turns: number }> {
  let turns = 0;
  const ticker = setInterval(() => (turns += 1), 20);
  try {
    return { value: await work, turns };
  } finally {
    clearInterval(ticker);
  }
}

describe('isolated evaluation in the engine', () => {
  const ws = new TempWorkspace();
  afterAll(() => ws.remove());

  it('dead-letters a catastrophic regular expression with PW-TIMEOUT while 100 other messages complete', { timeout: 60_000 }, async () => {
    const engine = await ws.open();
    const flow = chain('regex', [['in', 'trigger.manual'], ['m', 'transform.map', { expression: `evil ? ${CATASTROPHIC} : { "n": n }` }]]);
    const messages = [{ evil: true, text: EVIL_TEXT }, ...Array.from({ length: 100 }, (_, n) => ({ evil: false, n }))];
    const { value: report, turns } = await turnsDuring(engine.drive(await engine.startRun({ flow, inputs: [{ triggerId: 'in', messages }] })));
    expect(report.outputs.m).toEqual(Array.from({ length: 100 }, (_, n) => ({ n })));
    expect(report.dead).toHaveLength(1);
    expect(report.dead[0]!.error).toMatchObject({ code: 'MAPPING_ERROR', message: expect.stringMatching(/^PW-TIMEOUT: .*time limit/), location: { path: 'nodes[1].config.expression' } });
    expect(turns).toBeGreaterThan(0);
  });

  it('dead-letters $pad("", 4e8) with PW-MEMORY and finishes the run', { timeout: 60_000 }, async () => {
    const engine = await ws.open();
    const flow = chain('pad', [['in', 'trigger.manual'], ['m', 'transform.map', { expression: 'huge ? $pad("", 4e8) : { "n": n }' }], ['out', 'output.log']]);
    const messages = [{ n: 1 }, { huge: true }, { n: 2 }];
    const report = await engine.drive(await engine.startRun({ flow, inputs: [{ triggerId: 'in', messages }] }));
    expect(report.status).toBe('failed');
    expect(report.counts.pending).toBe(0);
    expect(report.outputs.out).toEqual([{ n: 1 }, { n: 2 }]);
    expect(report.dead).toHaveLength(1);
    expect(report.dead[0]!.error.message).toMatch(/^PW-MEMORY: .*more memory/);
    expect((await engine.deadLetter(report.dead[0]!.id)).payload).toEqual({ huge: true });
  });

  it('stops $string of a huge sequence without blocking the event loop', { timeout: 60_000 }, async () => {
    const engine = await ws.open();
    const flow = chain('stringify', [['in', 'trigger.manual'], ['m', 'transform.map', { expression: 'big ? $string([1..10000000]) : "small"' }]]);
    const { value: report, turns } = await turnsDuring(engine.drive(await engine.startRun({ flow, inputs: [{ triggerId: 'in', messages: [{ big: true }, { big: false }] }] })));
    expect(report.outputs.m).toEqual(['small']);
    expect(report.dead[0]!.error.message).toMatch(/^PW-(TIMEOUT|MEMORY): /);
    expect(turns).toBeGreaterThan(0);
  });
});

describe('resume after a crash during a poison evaluation', () => {
  const workspace = new Workspace('pipewright-evaluation-resume-');
  afterAll(() => workspace.remove());

  it('finishes the run and dead-letters the poison instead of crashing again', { timeout: 120_000 }, async () => {
    const flowFile = workspace.write('flows/poison.flow.json', chainFlow('poison', [['in', 'trigger.manual'], ['m', 'transform.map', { expression: `evil ? ${CATASTROPHIC} : { "n": n }` }]]));
    const lines = [{ evil: true, text: EVIL_TEXT }, ...Array.from({ length: 20 }, (_, n) => ({ evil: false, n }))];
    const input = workspace.write('in.jsonl', `${lines.map((line) => JSON.stringify(line)).join('\n')}\n`);

    const first = startCli(['--workspace', workspace.dir, 'run', flowFile, '--input', input, '--jsonl'], { cwd: workspace.dir });
    const firstEnd = collect(first);
    let stderr = '';
    first.stderr?.on('data', (chunk: Buffer | string) => (stderr += String(chunk)));
    // Killed while the regular expression holds an evaluation process (the watchdog needs ~2 s).
    const runId = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no run started within 30 s:\n${stderr}`)), 30_000);
      first.stderr?.on('data', () => {
        const match = /run (\S+) started/.exec(stderr);
        if (!match) return;
        clearTimeout(timer);
        setTimeout(() => first.kill('SIGKILL'), 500);
        resolve(match[1] as string);
      });
    });
    expect((await firstEnd).signal).toBe('SIGKILL');

    const resumed = await collect(startCli(['--workspace', workspace.dir, 'resume', runId], { cwd: workspace.dir }));
    expect(resumed.code, resumed.stderr).toBe(1);
    const engine = openEngine({ workspace: workspace.dir });
    try {
      const report = await engine.report(runId);
      expect(report.counts.pending).toBe(0);
      expect(report.dead).toHaveLength(1);
      expect(report.dead[0]!.error.message).toMatch(/^PW-TIMEOUT: /);
      expect(report.outputs.m).toHaveLength(20);
    } finally {
      await engine.close();
    }
  });
});

describe('mapping.evaluate on a real server', () => {
  const workspace = new Workspace('pipewright-evaluation-serve-');
  afterAll(() => workspace.remove());

  it('answers PW-TIMEOUT for a runaway regular expression while /api/health and other calls keep answering', { timeout: 120_000 }, async () => {
    const serve = await startServe(workspace.dir, {});
    try {
      const url = (/^designer: (\S+)$/m.exec(serve.stdout())?.[1] ?? '').replace(/\/$/, '');
      const token = /^API token: (pw_\S+)$/m.exec(serve.stdout())?.[1] ?? '';
      const evaluate = async (expression: string, input: unknown): Promise<{ ok: boolean; hasResult?: boolean; result?: unknown; error?: { jsonataCode?: string } }> => {
        const response = await fetch(`${url}/api/rpc/mapping.evaluate`, {
          method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ expression, input }),
        });
        const body = (await response.json()) as { ok: boolean; result: { ok: boolean; error?: { jsonataCode?: string } } };
        expect(body.ok).toBe(true);
        return body.result;
      };
      const health = async (): Promise<number> => (await fetch(`${url}/api/health`)).status;

      for (const [expression, input] of [[CATASTROPHIC, { text: EVIL_TEXT }], ['$string([1..10000000])', {}]] as const) {
        const runaway = evaluate(expression, input);
        // Health answers while the runaway evaluation is held in its process.
        const during = await health();
        const other = await evaluate('a + 1', { a: 1 });
        const answer = await runaway;
        expect(during).toBe(200);
        expect(other).toMatchObject({ ok: true, result: 2 });
        expect(answer).toMatchObject({ ok: false });
        expect(['PW-TIMEOUT', 'PW-MEMORY']).toContain(answer.error?.jsonataCode);
        if (expression === CATASTROPHIC) expect(answer.error?.jsonataCode).toBe('PW-TIMEOUT');
      }
      expect(await health()).toBe(200);
      expect(await evaluate('$uppercase(name)', { name: 'ok' })).toMatchObject({ ok: true, result: 'OK' });
    } finally {
      serve.child.kill('SIGTERM');
      const kill = setTimeout(() => serve.child.kill('SIGKILL'), 20_000);
      await serve.ended;
      clearTimeout(kill);
    }
  });
});
