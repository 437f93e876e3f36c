// The flows list's per-file cache: an unchanged file is not read again, a changed one is (also when
// its size stays the same), a file changed just now is checked against its bytes, and deleted files go.
import { mkdirSync, mkdtempSync, rmSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFlowList } from '../../../main/api/flow-list.js';
import { readFlowText } from '../../../main/workspace/flow-file.js';
import { serializeFlow } from '../../../shared/flow/serialize.js';
import type { FlowDocument } from '../../../shared/flow/schema.js';

let dir: string;
let reads: string[];
const countingRead = (path: string): string | undefined => {
  reads.push(path.slice(path.lastIndexOf('/') + 1));
  return readFlowText(path);
};
const flowPath = (id: string) => join(dir, 'flows', `${id}.flow.json`);

function flow(id: string, name: string, expression = '$a'): FlowDocument {
  return {
    format: 'pipewright/flow@1', id, name,
    nodes: [
      { id: 'in', type: 'trigger.manual', position: [0, 0], config: {} },
      { id: 'map', type: 'transform.map', position: [200, 0], config: { expression } },
    ],
    edges: [{ from: 'in', to: 'map' }],
  };
}

/** Writes the flow and dates the file an hour back, so its stamp alone is trusted. */
function writeOld(document: FlowDocument): void {
  writeFileSync(flowPath(document.id), serializeFlow(document));
  const hourAgo = new Date(Date.now() - 3_600_000);
  utimesSync(flowPath(document.id), hourAgo, hourAgo);
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pipewright-flow-list-'));
  mkdirSync(join(dir, 'flows'));
  reads = [];
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('the flows list cache', () => {
  it('does not read an unchanged file again', () => {
    writeOld(flow('orders', 'Orders'));
    writeOld(flow('invoices', 'Invoices', '{ "a": '));
    const list = createFlowList(dir, { read: countingRead });
    const first = list();
    expect(first.map((item) => [item.id, item.name, item.nodeCount, item.problemCount])).toEqual([
      ['invoices', 'Invoices', 2, 1],
      ['orders', 'Orders', 2, 0],
    ]);
    expect(reads).toEqual(['invoices.flow.json', 'orders.flow.json']);
    expect(list()).toEqual(first);
    expect(reads).toHaveLength(2);
  });

  it('reads a changed file again, also when its size stayed the same', () => {
    writeOld(flow('orders', 'Orders'));
    const list = createFlowList(dir, { read: countingRead });
    const [before] = list();
    // Same length, edited in place as a text editor would: only the stamp's times tell.
    writeFileSync(flowPath('orders'), serializeFlow(flow('orders', 'Ordres', '$b')));
    const [after] = list();
    expect(after).toMatchObject({ id: 'orders', name: 'Ordres', problemCount: 0 });
    expect(after?.revision).not.toBe(before?.revision);
    expect(reads).toEqual(['orders.flow.json', 'orders.flow.json']);
  });

  it('picks up new problems in a file edited outside the designer', () => {
    writeOld(flow('orders', 'Orders'));
    const list = createFlowList(dir, { read: countingRead });
    expect(list()[0]?.problemCount).toBe(0);
    writeOld(flow('orders', 'Orders', '{ "a": '));
    expect(list()[0]?.problemCount).toBe(1);
  });

  it('checks a file changed in the last seconds against its bytes on the next list', () => {
    writeFileSync(flowPath('orders'), serializeFlow(flow('orders', 'Orders')));
    const list = createFlowList(dir, { read: countingRead });
    const first = list();
    // A timestamp that ticks coarsely could hide a second write now, so the file is read again.
    expect(list()).toEqual(first);
    expect(reads).toEqual(['orders.flow.json', 'orders.flow.json']);
    // Once the change is old enough the stamp is trusted.
    const later = createFlowList(dir, { read: countingRead, now: () => Date.now() + 60_000 });
    later();
    later();
    expect(reads).toHaveLength(3);
  });

  it('lists new files and forgets deleted ones', () => {
    writeOld(flow('orders', 'Orders'));
    const list = createFlowList(dir, { read: countingRead });
    expect(list().map((item) => item.id)).toEqual(['orders']);
    writeOld(flow('invoices', 'Invoices'));
    expect(list().map((item) => item.id)).toEqual(['invoices', 'orders']);
    unlinkSync(flowPath('orders'));
    expect(list().map((item) => item.id)).toEqual(['invoices']);
    rmSync(join(dir, 'flows'), { recursive: true });
    expect(list()).toEqual([]);
  });

  it('skips what is not a flow file', () => {
    writeOld(flow('orders', 'Orders'));
    mkdirSync(join(dir, 'flows', 'folder.flow.json'));
    writeFileSync(join(dir, 'flows', 'notes.txt'), 'hello');
    writeFileSync(join(dir, 'flows', '1bad.flow.json'), '{}');
    expect(createFlowList(dir)().map((item) => item.id)).toEqual(['orders']);
  });
});
