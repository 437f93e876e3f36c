// The proof for trigger.schedule, with the real `pipewright serve` in a child process: a schedule
// firing every second, the server killed with SIGKILL, down for a few instants, and started again.
// Afterwards (the killed live run resumed, every run's outputs read through `pipewright runs show
// --json`) no instant was delivered twice, every instant recorded in the store was delivered exactly
// once, and of the instants missed while the server was down only the latest fired (catchUp latest),
// as the restarted server's log says.
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { chainFlow, hasStackTrace, stdoutJson, Workspace } from '../cli/cli-harness.js';
import { startServe, type RunningServe } from '../cli/serve-child.js';

const ws = new Workspace('pipewright-schedule-crash-');
const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  ws.remove();
});

const env = { PIPEWRIGHT_SECRETS_KEY: randomBytes(32).toString('base64') };

/** `serve --port 0` on the workspace, once it printed its banner; killed after the tests if still running. */
async function serve(): Promise<RunningServe> {
  const running = await startServe(ws.dir, env);
  children.push(running.child);
  return running;
}

/** The instants the store recorded for the trigger (read-only, beside the running server). */
function recordedFirings(): number[] {
  if (!existsSync(ws.path('.pipewright', 'state.db'))) return [];
  const db = new Database(ws.path('.pipewright', 'state.db'), { readonly: true, fileMustExist: true });
  try {
    return db.prepare<[string], { instant: number }>('SELECT instant FROM schedule_firings WHERE scope = ? ORDER BY instant').all('ticks/tick').map((row) => row.instant);
  } finally {
    db.close();
  }
}

/** Waits (bounded) until `check` answers true. */
async function until(check: () => boolean, what: string, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}; recorded: ${recordedFirings().map((at) => new Date(at).toISOString()).join(', ')}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('trigger.schedule on pipewright serve across a SIGKILL', () => {
  it('delivers no instant twice and, of the instants missed while down, fires only the latest', async () => {
    ws.write('flows/ticks.flow.json', chainFlow('ticks', [
      ['tick', 'trigger.schedule', { cron: '* * * * * *', catchUp: 'latest' }],
      ['out', 'transform.map', { expression: '$' }],
    ]));

    const first = await serve();
    await until(() => recordedFirings().length >= 3, 'three instants fired');
    first.child.kill('SIGKILL');
    const killed = await first.ended;
    expect(killed.signal).toBe('SIGKILL');
    const beforeKill = recordedFirings();
    const lastBeforeKill = Math.max(...beforeKill);
    // Down across at least two instants (the restart itself takes longer still).
    await new Promise((resolve) => setTimeout(resolve, 2_100));

    const second = await serve();
    await until(() => recordedFirings().filter((at) => at > lastBeforeKill).length >= 4, 'the restarted server fired the missed instant and three more');
    second.child.kill('SIGTERM');
    const stopped = await second.ended;
    expect(stopped.code, stopped.stderr).toBe(0);
    expect(hasStackTrace(first.stderr() + second.stderr())).toBe(false);

    // The restarted server says which missed instant it fired, and which it found last fired.
    const caughtUp = /trigger "tick" of flow "ticks": fires the missed instant (\S+) \(catchUp latest; last fired (\S+); (\d+) earlier missed instants? skipped\)/.exec(second.stderr());
    expect(caughtUp, second.stderr()).not.toBeNull();
    const [, missedIso, lastFiredIso, skipped] = caughtUp as RegExpExecArray;
    const missed = Date.parse(missedIso as string);
    expect(Date.parse(lastFiredIso as string)).toBe(lastBeforeKill);
    expect(Number(skipped)).toBe((missed - lastBeforeKill) / 1000 - 1);
    expect(Number(skipped)).toBeGreaterThanOrEqual(1);

    // The killed server's live run is finished by `resume` (if the second server had not already);
    // then every live run's outputs are read.
    const runs = stdoutJson<Array<{ runId: string; kind: string; status: string }>>(await ws.run(['runs', '--json']));
    const live = runs.filter((run) => run.kind === 'live');
    expect(live.length).toBeGreaterThanOrEqual(2);
    for (const run of live.filter((r) => r.status !== 'succeeded')) {
      const resumed = await ws.run(['resume', run.runId, '--json']);
      expect(resumed.code, resumed.stderr).toBe(0);
    }
    const delivered: number[] = [];
    for (const run of live) {
      const report = stdoutJson<{ status: string; outputs: { out?: Array<{ firedAt: string }> }; dead: unknown[] }>(await ws.run(['runs', 'show', run.runId, '--json']));
      expect(report.status).toBe('succeeded');
      expect(report.dead).toEqual([]);
      delivered.push(...(report.outputs.out ?? []).map((payload) => Date.parse(payload.firedAt)));
    }

    // No instant twice; every recorded instant delivered, and nothing else.
    expect(new Set(delivered).size).toBe(delivered.length);
    expect(delivered.slice().sort((a, b) => a - b)).toEqual(recordedFirings());
    // Of the instants missed while down, only the latest fired.
    expect(delivered).toContain(missed);
    expect(delivered.filter((at) => at > lastBeforeKill && at < missed)).toEqual([]);
    // Each instant is a whole second of the schedule.
    for (const at of delivered) expect(at % 1000).toBe(0);
  }, 120_000);
});
