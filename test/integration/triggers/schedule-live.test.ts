// trigger.schedule through the real service, engine and SQLite, without HTTP: a flow firing every second
// goes live when the host starts its live flows (with the schedule source of main/triggers), each
// instant becomes one message `{ firedAt }`, a save redeploys without firing an instant twice, and a
// host that was stopped and started again fires the latest missed instant once (catchUp latest) or
// none (catchUp none).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { FlowDocument } from '../../../shared/flow/schema.js';
import { serializeFlow } from '../../../shared/flow/serialize.js';
import { createService, type Service } from '../../../main/api/index.js';
import { scheduleSourceFactory } from '../../../main/triggers/schedule-source.js';

const dir = mkdtempSync(join(tmpdir(), 'pipewright-schedule-'));
const log: string[] = [];
let service: Service | undefined;

afterAll(async () => {
  await service?.close();
  rmSync(dir, { recursive: true, force: true });
});

function tickFlow(id: string, config: Record<string, unknown>, version = 1): FlowDocument {
  return {
    format: 'pipewright/flow@1', id, name: id,
    nodes: [
      { id: 'tick', type: 'trigger.schedule', position: [0, 0], config },
      { id: 'out', type: 'transform.map', position: [200, 0], config: { expression: `{ "firedAt": firedAt, "v": ${version} }` } },
    ],
    edges: [{ from: 'tick', to: 'out' }],
  };
}

async function startHost(): Promise<Service> {
  service = createService({
    workspace: dir,
    liveSources: { 'trigger.schedule': scheduleSourceFactory({ log: (line) => log.push(line) }) },
    onLiveLog: (line) => log.push(line),
  });
  await service.startLiveFlows();
  return service;
}

interface Tick {
  firedAt: string;
  v: number;
}

/** Every live run's outputs at `out` for a flow, oldest run first. */
async function ticks(host: Service, flowId: string): Promise<Tick[]> {
  const runs = (await host['runs.list']({ flowId, limit: 20 })).filter((run) => run.kind === 'live').reverse();
  const all: Tick[] = [];
  for (const run of runs) all.push(...((await host['runs.get']({ runId: run.runId })).outputs.out ?? []) as Tick[]);
  return all;
}

/** Waits (bounded) until the flow's outputs satisfy `check`. */
async function until(host: Service, flowId: string, check: (all: Tick[]) => boolean, what: string): Promise<Tick[]> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const all = await ticks(host, flowId);
    if (check(all)) return all;
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}; got ${JSON.stringify(all)}; log:\n${log.join('\n')}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const instants = (all: Tick[]): number[] => all.map((tick) => Date.parse(tick.firedAt));
const distinct = (all: Tick[]): boolean => new Set(all.map((tick) => tick.firedAt)).size === all.length;

describe('trigger.schedule on a host', () => {
  it('goes live and turns each instant into one message { firedAt }', async () => {
    mkdirSync(join(dir, 'flows'));
    writeFileSync(join(dir, 'flows', 'ticks.flow.json'), serializeFlow(tickFlow('ticks', { cron: '*/1 * * * * *' })));
    writeFileSync(join(dir, 'flows', 'quiet.flow.json'), serializeFlow(tickFlow('quiet', { cron: '*/1 * * * * *', catchUp: 'none' })));
    const host = await startHost();
    expect(log).toContain('flow "ticks" version 1 is live');
    const all = await until(host, 'ticks', (got) => got.length >= 3, 'three instants fired');
    for (const tick of all) expect(tick.firedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z$/);
    expect(distinct(all)).toBe(true);
    const times = instants(all);
    expect(times).toEqual(times.slice().sort((a, b) => a - b));
    // A first deploy fires nothing from the past: no missed instant was logged.
    expect(log.some((line) => line.includes('fires the missed instant'))).toBe(false);
  });

  it('redeploys on a save without firing an instant twice', async () => {
    const host = service as Service;
    const saved = await host['flows.save']({ document: tickFlow('ticks', { cron: '*/1 * * * * *' }, 2) });
    expect(saved.problems).toEqual([]);
    const all = await until(host, 'ticks', (got) => got.filter((tick) => tick.v === 2).length >= 2, 'version 2 fired twice');
    // The two versions' sources overlap for a moment and may both try one instant: it fires once.
    expect(distinct(all)).toBe(true);
  });

  it('after a stop and a start, fires the latest missed instant once with catchUp latest, and none with catchUp none', async () => {
    await (service as Service).close();
    service = undefined;
    // Down for more than two instants.
    await new Promise((resolve) => setTimeout(resolve, 2_600));
    const restartedAt = Date.now();
    log.length = 0;
    const host = await startHost();
    const catchUp = log.map((line) => /^trigger "tick" of flow "ticks": fires the missed instant (\S+) \(catchUp latest; last fired (\S+); (\d+) earlier missed instants? skipped\)$/.exec(line)).find((match) => match !== null);
    expect(catchUp, log.join('\n')).toBeDefined();
    const [, missed, lastFired, skipped] = catchUp as RegExpExecArray;
    expect(Number(skipped)).toBeGreaterThanOrEqual(1);

    // A live run the stopped host left with queued messages is finished by this one: wait for that
    // before reading every instant from the outputs.
    const deadline = Date.now() + 20_000;
    while ((await host['runs.list']({ limit: 50 })).some((run) => run.status === 'interrupted')) {
      if (Date.now() > deadline) throw new Error(`the stopped host's live runs were not finished:\n${log.join('\n')}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const all = await until(host, 'ticks', (got) => got.some((tick) => tick.firedAt === missed) && Math.max(...instants(got)) >= Date.parse(missed as string) + 2_000, 'the missed instant and two more fired');
    expect(distinct(all)).toBe(true);
    const times = instants(all);
    const before = times.filter((time) => time < restartedAt - 1_000);
    expect(Math.max(...before)).toBe(Date.parse(lastFired as string));
    // Between the last instant before the stop and the one that caught up, nothing fired.
    expect(times.filter((time) => time > Date.parse(lastFired as string) && time < Date.parse(missed as string))).toEqual([]);

    const quiet = await until(host, 'quiet', (got) => Math.max(...instants(got)) >= restartedAt + 1_000, 'the quiet flow fired after the restart');
    expect(distinct(quiet)).toBe(true);
    expect(log.some((line) => line.includes('of flow "quiet": fires the missed instant'))).toBe(false);
    // catchUp none: after the last instant before the stop, the next one fired is after the restart.
    const quietTimes = instants(quiet);
    const lastBeforeStop = Math.max(...quietTimes.filter((time) => time < restartedAt - 1_000));
    expect(quietTimes.filter((time) => time > lastBeforeStop && time <= restartedAt)).toEqual([]);
  });
});
