// control.delay across a kill -9: the delayed messages wait in the queue, not in the process, so a
// `pipewright run` killed while they wait loses none, and `pipewright resume` delivers each once and
// never before it is due.
import { afterAll, describe, expect, it } from 'vitest';
import { chainFlow, collect, startCli, stdoutJson, Workspace } from '../cli/cli-harness.js';

const ws = new Workspace('pipewright-delay-');
afterAll(() => ws.remove());

interface Report {
  runId: string;
  status: string;
  outputs: Record<string, Array<{ n: number; due: number; at: number }>>;
}

describe('control.delay', () => {
  it('delivers every delayed message once, on time, after the run was killed with SIGKILL while they waited', async () => {
    const delayMs = 2500;
    ws.write('flows/later.flow.json', chainFlow('later', [
      ['in', 'trigger.manual'],
      ['stamp', 'transform.map', { expression: `$merge([$, { "due": $millis() + ${delayMs} }])` }],
      ['wait', 'control.delay', { ms: delayMs }],
      ['arrive', 'transform.map', { expression: '$merge([$, { "at": $millis() }])' }],
    ]));
    ws.write('messages.jsonl', Array.from({ length: 20 }, (_, n) => JSON.stringify({ n })).join('\n'));

    const child = startCli(['--workspace', ws.dir, 'run', 'later', '--jsonl', '--input', ws.path('messages.jsonl'), '--json'], { cwd: ws.dir });
    const ended = collect(child);
    // The run id is printed on stderr as soon as the run exists.
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer | string) => (stderr += String(chunk)));
    const deadline = Date.now() + 20_000;
    while (!/run (\S+) started/.test(stderr) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    const runId = /run (\S+) started/.exec(stderr)?.[1];
    expect(runId, stderr).toBeDefined();
    // Give it time to queue the delayed messages, then kill it well before they are due.
    await new Promise((resolve) => setTimeout(resolve, 700));
    child.kill('SIGKILL');
    expect((await ended).signal).toBe('SIGKILL');

    // Killed while the messages waited: none arrived yet, and they are still queued.
    const killed = stdoutJson<Report & { counts: { pending: number } }>(await ws.run(['runs', 'show', runId as string, '--json']));
    expect(killed.status).toBe('interrupted');
    expect(killed.outputs.arrive ?? []).toEqual([]);
    expect(killed.counts.pending).toBeGreaterThan(0);

    const resumed = await ws.run(['resume', runId as string, '--json']);
    expect(resumed.code, resumed.stderr).toBe(0);
    const report = stdoutJson<Report>(resumed);
    expect(report.status).toBe('succeeded');
    const arrived = report.outputs.arrive ?? [];
    expect(arrived.map((message) => message.n).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, n) => n));
    for (const message of arrived) expect(message.at).toBeGreaterThanOrEqual(message.due);
  }, 60_000);
});
