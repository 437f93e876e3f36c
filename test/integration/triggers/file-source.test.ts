// trigger.file through the real service, engine and SQLite, without HTTP: a flow watching a folder goes
// live when the host starts its live flows (with the file source of main/triggers), takes each file
// once it settled, queues its messages once, moves it to done/ or, unreadable, to failed/ with its
// reason, and refuses folders it must not watch with a clear line in the host's log.
import { existsSync, linkSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, symlinkSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { FlowDocument } from '../../../shared/flow/schema.js';
import { serializeFlow } from '../../../shared/flow/serialize.js';
import { createService, type Service } from '../../../main/api/index.js';
import { fileSourceFactory } from '../../../main/triggers/file-source.js';

interface Host {
  dir: string;
  service: Service;
  log: string[];
  inbox(...parts: string[]): string;
}

const hosts: Host[] = [];
const scratch: string[] = [];

afterEach(async () => {
  for (const host of hosts.splice(0)) {
    await host.service.close();
    rmSync(host.dir, { recursive: true, force: true });
  }
  for (const dir of scratch.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function fileFlow(id: string, config: Record<string, unknown>): FlowDocument {
  return {
    format: 'pipewright/flow@1', id, name: id,
    nodes: [
      { id: 'files', type: 'trigger.file', position: [0, 0], config },
      { id: 'out', type: 'transform.map', position: [200, 0], config: { expression: '$' } },
    ],
    edges: [{ from: 'files', to: 'out' }],
  };
}

/** A workspace with these flows, served live with the file source (a short fallback scan). */
async function host(flows: FlowDocument[]): Promise<Host> {
  const dir = mkdtempSync(join(tmpdir(), 'pipewright-file-trigger-'));
  mkdirSync(join(dir, 'flows'));
  for (const flow of flows) writeFileSync(join(dir, 'flows', `${flow.id}.flow.json`), serializeFlow(flow));
  const log: string[] = [];
  const service = createService({
    workspace: dir,
    liveSources: { 'trigger.file': fileSourceFactory({ roots: [dir], log: (line) => log.push(line), pollMs: 200 }) },
    onLiveLog: (line) => log.push(line),
  });
  const made: Host = { dir, service, log, inbox: (...parts) => join(dir, 'inbox', ...parts) };
  hosts.push(made);
  await service.startLiveFlows();
  return made;
}

/** Waits (bounded) until `check` answers true. */
async function until(check: () => boolean | Promise<boolean>, what: string, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Every payload that reached `out` in the flow's live runs, oldest run first. */
async function outputs(service: Service, flowId: string): Promise<unknown[]> {
  const runs = await service['runs.list']({ flowId, limit: 20 });
  const all: unknown[] = [];
  for (const run of runs.filter((r) => r.kind === 'live').reverse()) all.push(...((await service['runs.get']({ runId: run.runId })).outputs.out ?? []));
  return all;
}

async function outputsReach(service: Service, flowId: string, count: number): Promise<unknown[]> {
  await until(async () => (await outputs(service, flowId)).length >= count, `${count} messages reached "out"`);
  return outputs(service, flowId);
}

/** Lets the source scan a few more times, so that anything it would wrongly queue has time to show. */
function afewScans(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 800));
}

const files = (dir: string): string[] => (existsSync(dir) ? readdirSync(dir).sort() : []);

describe('trigger.file', () => {
  it('turns .json into one message, .jsonl into one per line, .csv into one per row, .xml into one, and moves each to done/', async () => {
    const h = await host([fileFlow('drop', { dir: 'inbox', pattern: '*.{json,jsonl,csv,xml}', settleMs: 200, csv: { delimiter: ';', dynamicTyping: true } })]);
    await until(() => existsSync(h.inbox()), 'the watched folder was created');
    writeFileSync(h.inbox('a.json'), '{"order":"A-1","lines":[1,2]}');
    writeFileSync(h.inbox('b.jsonl'), '{"n":1}\n\n{"n":2}\n{"n":3}\n');
    writeFileSync(h.inbox('c.csv'), 'sku;qty\nX;2\nY;3\n');
    writeFileSync(h.inbox('d.xml'), '<?xml version="1.0"?><order id="D-1"><total>9.5</total></order>');
    writeFileSync(h.inbox('e.txt'), 'not matched by the pattern');
    const all = await outputsReach(h.service, 'drop', 7);
    expect(all).toEqual([
      { order: 'A-1', lines: [1, 2] },
      { n: 1 }, { n: 2 }, { n: 3 },
      { sku: 'X', qty: 2 }, { sku: 'Y', qty: 3 },
      { order: { '@_id': 'D-1', total: '9.5' } },
    ]);
    await until(() => files(h.inbox()).join() === 'done,e.txt', 'the taken files left the inbox');
    expect(files(h.inbox('done'))).toEqual(['a.json', 'b.jsonl', 'c.csv', 'd.xml']);
    expect(h.log.some((line) => /trigger "files": took b\.jsonl: 3 messages queued, moved to done\/b\.jsonl/.test(line))).toBe(true);
  });

  it('moves a file that cannot be read to failed/ with the reason beside it, and queues none of it', async () => {
    const h = await host([fileFlow('drop', { dir: 'inbox', pattern: '*', settleMs: 200 })]);
    await until(() => existsSync(h.inbox()), 'the watched folder was created');
    writeFileSync(h.inbox('bad.jsonl'), '{"n":1}\n{"n": 2,,}\n{"n":3}\n');
    writeFileSync(h.inbox('bad.csv'), 'sku,qty\nX,2\nY,3,4\n');
    writeFileSync(h.inbox('notes.txt'), 'hello');
    writeFileSync(h.inbox('empty.json'), '');
    await until(() => files(h.inbox('failed')).length === 8, 'four files and their reasons are in failed/');
    const reason = (name: string): string => readFileSync(h.inbox('failed', `${name}.error.txt`), 'utf8');
    expect(reason('bad.jsonl')).toMatch(/^bad\.jsonl was not queued: the JSON lines text is not valid: line 2, column 9: expected a property name/);
    expect(reason('bad.csv')).toMatch(/row 2 \(line 3\) is malformed: it has 3 fields where the header has 2/);
    expect(reason('notes.txt')).toMatch(/reads \.json, \.jsonl, \.csv, \.xml files; this one ends in "\.txt"/);
    expect(reason('empty.json')).toMatch(/the text is empty/);
    expect(reason('bad.jsonl')).toMatch(/Fix the file and put it back into inbox/);
    expect(readFileSync(h.inbox('failed', 'bad.jsonl'), 'utf8')).toBe('{"n":1}\n{"n": 2,,}\n{"n":3}\n');
    expect(h.log.some((line) => /bad\.csv moved to failed\/bad\.csv: the CSV text is not valid/.test(line))).toBe(true);

    writeFileSync(h.inbox('good.jsonl'), '{"n":1}\n');
    expect(await outputsReach(h.service, 'drop', 1)).toEqual([{ n: 1 }]);
  });

  it('takes a file that is still being written only once it stopped growing', async () => {
    const h = await host([fileFlow('drop', { dir: 'inbox', pattern: '*.jsonl', settleMs: 1500 })]);
    await until(() => existsSync(h.inbox()), 'the watched folder was created');
    const path = h.inbox('grow.jsonl');
    writeFileSync(path, '{"line":1}\n');
    const inode = statSync(path).ino;
    for (let line = 2; line <= 15; line++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      // Still the same file in the inbox: nothing took it while it grew.
      expect(statSync(path).ino).toBe(inode);
      appendFileSync(path, `{"line":${line}}\n`);
    }
    const all = await outputsReach(h.service, 'drop', 15);
    expect(all).toEqual(Array.from({ length: 15 }, (_, index) => ({ line: index + 1 })));
    await until(() => !existsSync(path), 'grow.jsonl left the inbox');
    expect(files(h.inbox('done'))).toEqual(['grow.jsonl']);
  });

  it('queues nothing again for a file found again unchanged after it was queued (a crash before or during its move)', async () => {
    const h = await host([fileFlow('drop', { dir: 'inbox', pattern: '*.json', settleMs: 200 })]);
    await until(() => existsSync(h.inbox()), 'the watched folder was created');
    writeFileSync(h.inbox('a.json'), '{"id":1}');
    await until(() => existsSync(h.inbox('done', 'a.json')), 'a.json was moved to done/');
    expect(await outputsReach(h.service, 'drop', 1)).toEqual([{ id: 1 }]);

    // Queued, then the process died before the move: the same file (name, inode, size, mtime) is back.
    renameSync(h.inbox('done', 'a.json'), h.inbox('a.json'));
    await until(() => existsSync(h.inbox('done', 'a.json')) && !existsSync(h.inbox('a.json')), 'a.json was moved to done/ again');
    expect(h.log.some((line) => /a\.json was already queued \(1 message\) before a restart: moved to done\/a\.json/.test(line))).toBe(true);

    // Died between linking it into done/ and removing it from the inbox: both names are the one file.
    linkSync(h.inbox('done', 'a.json'), h.inbox('a.json'));
    await until(() => !existsSync(h.inbox('a.json')), 'the second name of a.json was removed');
    expect(files(h.inbox('done'))).toEqual(['a.json']);
    await afewScans();
    expect(await outputs(h.service, 'drop')).toEqual([{ id: 1 }]);
  });

  it('gives a file a suffix when its name is already in done/', async () => {
    const h = await host([fileFlow('drop', { dir: 'inbox', pattern: '*.json', settleMs: 200 })]);
    await until(() => existsSync(h.inbox()), 'the watched folder was created');
    writeFileSync(h.inbox('a.json'), '{"id":1}');
    await until(() => existsSync(h.inbox('done', 'a.json')), 'the first a.json was moved to done/');
    writeFileSync(h.inbox('a.json'), '{"id":2}');
    await until(() => existsSync(h.inbox('done', 'a-2.json')), 'the second a.json was moved to done/a-2.json');
    expect(readFileSync(h.inbox('done', 'a-2.json'), 'utf8')).toBe('{"id":2}');
    expect(await outputsReach(h.service, 'drop', 2)).toEqual([{ id: 1 }, { id: 2 }]);
  });

  it('ignores symbolic links in the folder', async () => {
    const elsewhere = mkdtempSync(join(tmpdir(), 'pipewright-file-trigger-outside-'));
    scratch.push(elsewhere);
    writeFileSync(join(elsewhere, 'secret.json'), '{"secret":true}');
    const h = await host([fileFlow('drop', { dir: 'inbox', pattern: '*.json', settleMs: 200 })]);
    await until(() => existsSync(h.inbox()), 'the watched folder was created');
    symlinkSync(join(elsewhere, 'secret.json'), h.inbox('secret.json'));
    writeFileSync(h.inbox('z.json'), '{"id":1}');
    expect(await outputsReach(h.service, 'drop', 1)).toEqual([{ id: 1 }]);
    await afewScans();
    expect(await outputs(h.service, 'drop')).toEqual([{ id: 1 }]);
    expect(files(h.inbox())).toEqual(['done', 'secret.json']);
    expect(readFileSync(join(elsewhere, 'secret.json'), 'utf8')).toBe('{"secret":true}');
  });

  it('refuses, with a clear line, a folder outside the workspace, a link leading out of it, Pipewright\'s own folders, and a folder another trigger watches', async () => {
    const elsewhere = mkdtempSync(join(tmpdir(), 'pipewright-file-trigger-outside-'));
    scratch.push(elsewhere);
    const h = await host([]);
    symlinkSync(elsewhere, join(h.dir, 'exchange'));
    const flows = [
      fileFlow('absolute', { dir: elsewhere, pattern: '*.json' }),
      fileFlow('linked', { dir: 'exchange/in', pattern: '*.json' }),
      fileFlow('state', { dir: '.pipewright', pattern: '*' }),
      fileFlow('flowfiles', { dir: 'flows', pattern: '*.json' }),
      fileFlow('root', { dir: '.', pattern: '*.json' }),
      fileFlow('first', { dir: 'shared', pattern: '*.json' }),
      fileFlow('second', { dir: './shared/', pattern: '*.csv' }),
      fileFlow('notafolder', { dir: 'note.txt', pattern: '*.csv' }),
    ];
    writeFileSync(join(h.dir, 'note.txt'), 'a file');
    for (const flow of flows) expect((await h.service['flows.save']({ document: flow })).problems).toEqual([]);
    const line = (flowId: string): string => h.log.find((entry) => entry.startsWith(`flow "${flowId}": `)) ?? `(no line for ${flowId} in:\n${h.log.join('\n')})`;
    expect(line('absolute')).toMatch(/trigger "files": the folder \S+ is outside the folders this host allows/);
    expect(line('linked')).toMatch(/the folder exchange\/in is outside the folders this host allows/);
    expect(line('state')).toMatch(/the folder \.pipewright holds Pipewright's own files .*watch a folder of its own, such as inbox/);
    expect(line('flowfiles')).toMatch(/the folder flows holds Pipewright's own files/);
    expect(line('root')).toMatch(/the folder \. holds Pipewright's own files/);
    expect(line('second')).toMatch(/the folder \.\/shared\/ is already watched by trigger "files" of flow "first"; .*give each its own folder/);
    expect(line('notafolder')).toMatch(/trigger "files": note\.txt is a file, not a folder/);
    expect(h.log).toContain('flow "first" version 1 is live');
    expect(existsSync(join(elsewhere, 'in'))).toBe(false);
    const live = await h.service['flows.live']({});
    expect(live.filter((flow) => flow.live !== undefined).map((flow) => flow.flowId)).toEqual(['first']);
  });
});
