// The paused-flows file of a server's workspace (main/api/live-flow-pauses.ts): a pause is on disk when
// it answers and read back by the next start; a damaged file is reported with its path and what to do,
// never guessed at (a guess could resume a flow an operator paused).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LiveFlowPauses, pausesPath } from '../../../main/api/live-flow-pauses.js';
import { isPipewrightError } from '../../../shared/errors.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function workspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'pipewright-pauses-'));
  dirs.push(dir);
  return dir;
}

describe('the paused flows of a workspace', () => {
  it('keeps a pause across a restart until it is resumed, with the time of the first pause', () => {
    const dir = workspace();
    const pauses = new LiveFlowPauses(dir);
    const since = pauses.pause('orders', new Date('2026-12-04T10:00:00Z'));
    expect(pauses.pause('orders', new Date('2026-12-04T11:00:00Z'))).toBe(since);
    expect(new LiveFlowPauses(dir).since('orders')).toBe('2026-12-04T10:00:00.000Z');
    expect(pauses.resume('orders')).toBe(true);
    expect(pauses.resume('orders')).toBe(false);
    expect(new LiveFlowPauses(dir).since('orders')).toBeUndefined();
  });

  it('refuses a damaged file, naming it and what to do', () => {
    const dir = workspace();
    mkdirSync(join(dir, '.pipewright'));
    for (const text of ['{ "format": "pipewright/paused-flows@1", "paused": ', '{"format":"other","paused":{}}', '{"format":"pipewright/paused-flows@1","paused":{"orders":1}}']) {
      writeFileSync(pausesPath(dir), text);
      let caught: unknown;
      try {
        new LiveFlowPauses(dir);
      } catch (error) {
        caught = error;
      }
      expect(isPipewrightError(caught) && caught.code).toBe('PAUSES_DAMAGED');
      expect((caught as Error).message).toContain(`${pausesPath(dir)} is damaged`);
      expect((caught as Error).message).toContain('fix it, or delete it to resume every paused flow');
    }
  });
});
