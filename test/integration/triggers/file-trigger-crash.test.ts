// The issue's proof for trigger.file, with the real `pipewright serve` in a child process: files dropped
// into a watched folder — good ones of every format, a malformed one, one still being written — and a
// SIGKILL of the server in the middle of taking a burst of them, then a restart. Afterwards each good
// file's messages were delivered exactly once (read through `pipewright runs show --json` once every
// live run left unfinished was resumed), the malformed file is in failed/ with its reason, and the
// growing file was taken whole, once it had stopped growing.
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { chainFlow, hasStackTrace, stdoutJson, Workspace } from '../cli/cli-harness.js';
import { startServe, type RunningServe } from '../cli/serve-child.js';

const ws = new Workspace('pipewright-file-crash-');
const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  ws.remove();
});

const env = { PIPEWRIGHT_SECRETS_KEY: randomBytes(32).toString('base64') };
const inbox = (...parts: string[]): string => ws.path('inbox', ...parts);
const files = (dir: string): string[] => (existsSync(dir) ? readdirSync(dir).sort() : []);

/** `serve --port 0` on the workspace, once it printed its banner; killed after the tests if still running. */
async function serve(): Promise<RunningServe> {
  const running = await startServe(ws.dir, env);
  children.push(running.child);
  return running;
}

/** Waits (bounded) until `check` answers true. */
async function until(check: () => boolean, what: string, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}; inbox: ${files(inbox()).join(', ')}; done: ${files(inbox('done')).join(', ')}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Appends a line every `everyMs` until stopped: a file still being written. */
function grow(path: string, everyMs: number): { stop(): Promise<number> } {
  let lines = 0;
  let stopped = false;
  const done = (async () => {
    // Bounded: at most 400 lines (a minute at 150 ms), whatever happens to the test.
    while (!stopped && lines < 400) {
      appendFileSync(path, `${JSON.stringify({ id: `grow-${++lines}` })}\n`);
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
    return lines;
  })();
  return {
    stop: () => {
      stopped = true;
      return done;
    },
  };
}

describe('trigger.file on pipewright serve across a SIGKILL', () => {
  it('delivers each good file\'s messages exactly once, fails the malformed one with its reason, and takes the growing one whole once it settled', async () => {
    ws.write('flows/drop.flow.json', chainFlow('drop', [
      ['files', 'trigger.file', { dir: 'inbox', pattern: '*.{json,jsonl,csv}', settleMs: 1500 }],
      ['out', 'transform.map', { expression: '$' }],
    ]));
    mkdirSync(inbox());
    const expected: string[] = [];
    writeFileSync(inbox('a.json'), JSON.stringify({ id: 'a-1' }));
    writeFileSync(inbox('b.jsonl'), ['b-1', 'b-2', 'b-3'].map((id) => JSON.stringify({ id })).join('\n'));
    writeFileSync(inbox('c.csv'), 'id,qty\nc-1,1\nc-2,2\n');
    writeFileSync(inbox('bad.json'), '{"id": "bad-1", "qty": }');
    expected.push('a-1', 'b-1', 'b-2', 'b-3', 'c-1', 'c-2');
    const growing = grow(inbox('grow.jsonl'), 150);

    const first = await serve();
    await until(() => files(inbox('done')).includes('c.csv') && files(inbox('failed')).includes('bad.json.error.txt'), 'the first files were taken');
    // A burst of files that settle together and are taken one after another: the kill lands among them.
    for (let n = 0; n < 30; n++) {
      const id = `d-${String(n).padStart(2, '0')}`;
      writeFileSync(inbox(`${id}.jsonl`), `${JSON.stringify({ id })}\n${JSON.stringify({ id: `${id}-b` })}\n`);
      expected.push(id, `${id}-b`);
    }
    await until(() => files(inbox('done')).some((name) => name.startsWith('d-')), 'the burst is being taken');
    first.child.kill('SIGKILL');
    const killed = await first.ended;
    expect(killed.signal).toBe('SIGKILL');
    const takenBeforeKill = files(inbox('done')).filter((name) => name.startsWith('d-')).length;

    // While the server is down the file keeps growing and another file arrives.
    writeFileSync(inbox('e.csv'), 'id\ne-1\n');
    expected.push('e-1');
    const second = await serve();
    await new Promise((resolve) => setTimeout(resolve, 500));
    const grown = await growing.stop();
    for (let n = 1; n <= grown; n++) expected.push(`grow-${n}`);
    await until(() => files(inbox()).join() === 'done,failed', 'every file left the inbox', 45_000);
    // Each file moved once: under its own name, no copy with a suffix.
    expect(files(inbox('done'))).toEqual([
      'a.json', 'b.jsonl', 'c.csv',
      ...Array.from({ length: 30 }, (_, n) => `d-${String(n).padStart(2, '0')}.jsonl`),
      'e.csv', 'grow.jsonl',
    ].sort());
    expect(readFileSync(inbox('done', 'grow.jsonl'), 'utf8').trim().split('\n')).toHaveLength(grown);
    expect(files(inbox('failed'))).toEqual(['bad.json', 'bad.json.error.txt']);
    expect(readFileSync(inbox('failed', 'bad.json.error.txt'), 'utf8')).toMatch(/^bad\.json was not queued: the JSON text is not valid: line 1, column 24/);

    second.child.kill('SIGTERM');
    const stopped = await second.ended;
    expect(stopped.code).toBe(0);
    expect(hasStackTrace(first.stderr() + second.stderr())).toBe(false);
    expect(second.stderr()).toMatch(/trigger "files": took e\.csv: 1 message queued, moved to done\/e\.csv/);

    // A live run a server left unfinished (killed, or stopped with messages queued) is finished by
    // `resume`; then every live run's outputs are read.
    const runs = stdoutJson<Array<{ runId: string; kind: string; status: string }>>(await ws.run(['runs', '--json']));
    const live = runs.filter((run) => run.kind === 'live');
    expect(live.length).toBeGreaterThanOrEqual(2);
    for (const run of live.filter((r) => r.status !== 'succeeded')) {
      const resumed = await ws.run(['resume', run.runId, '--json']);
      expect(resumed.code, resumed.stderr).toBe(0);
    }
    const delivered: string[] = [];
    for (const run of live) {
      const report = stdoutJson<{ status: string; outputs: { out?: Array<{ id: string }> }; dead: unknown[] }>(await ws.run(['runs', 'show', run.runId, '--json']));
      expect(report.status).toBe('succeeded');
      expect(report.dead).toEqual([]);
      delivered.push(...(report.outputs.out ?? []).map((payload) => payload.id));
    }
    expect(delivered.slice().sort()).toEqual(expected.slice().sort());
    expect(new Set(delivered).size).toBe(delivered.length);
    expect(takenBeforeKill).toBeGreaterThan(0);
  });
});
