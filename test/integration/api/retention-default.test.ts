// The workspace's default retention through the service: set in settings.json by
// runs.setRetentionDefault, it prunes a flow without its own retention after its next run, while a
// flow with its own policy keeps to that; removing it keeps every run again; a wrong value is refused.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../../main/api/index.js';
import { ApiWorkspace, chainFlow, finished } from './api-workspace.js';

const ws = new ApiWorkspace();

beforeAll(async () => {
  await ws.service['flows.save']({ document: chainFlow('plain', [['in', 'trigger.manual'], ['out', 'transform.map', { expression: '$' }]], [{ n: 1 }]) });
  const own = chainFlow('own', [['in', 'trigger.manual'], ['out', 'transform.map', { expression: '$' }]], [{ n: 1 }]);
  await ws.service['flows.save']({ document: { ...own, settings: { retention: { maxRuns: 3 } } } });
});

afterAll(async () => {
  await ws.remove();
});

async function runTimes(flowId: string, times: number): Promise<void> {
  for (let index = 0; index < times; index += 1) {
    const { runId } = await ws.service['runs.start']({ flowId, kind: 'run' });
    await ws.waitForEvent(finished(runId));
  }
}

const runsOf = async (flowId: string): Promise<number> => (await ws.service['runs.page']({ flowId })).total;

describe('workspace retention default', () => {
  it('keeps every run while neither the flow nor the workspace sets a retention', async () => {
    expect(await ws.service['runs.retentionDefault']({})).toEqual({});
    await runTimes('plain', 3);
    expect(await runsOf('plain')).toBe(3);
  });

  it('prunes a flow without its own retention by the workspace default, keeping other settings in the file', async () => {
    writeFileSync(join(ws.dir, 'settings.json'), `${JSON.stringify({ network: { allow: ['erp.internal'] }, future: { kept: true } })}\n`);
    expect(await ws.service['runs.setRetentionDefault']({ retention: { maxRuns: 1, maxAgeDays: 30 } })).toEqual({ retention: { maxRuns: 1, maxAgeDays: 30 } });
    expect(JSON.parse(readFileSync(join(ws.dir, 'settings.json'), 'utf8'))).toEqual({ network: { allow: ['erp.internal'] }, future: { kept: true }, retention: { maxRuns: 1, maxAgeDays: 30 } });
    await runTimes('plain', 1);
    expect(await runsOf('plain')).toBe(1);
  });

  it('leaves a flow with its own retention to that policy', async () => {
    await runTimes('own', 4);
    expect(await runsOf('own')).toBe(3);
  });

  it('keeps every run again once the default is removed', async () => {
    expect(await ws.service['runs.setRetentionDefault']({ retention: null })).toEqual({});
    expect(JSON.parse(readFileSync(join(ws.dir, 'settings.json'), 'utf8'))).toEqual({ network: { allow: ['erp.internal'] }, future: { kept: true } });
    await runTimes('plain', 2);
    expect(await runsOf('plain')).toBe(3);
  });

  it('refuses a retention a flow could not hold, naming the field', async () => {
    await expect(dispatch(ws.service, 'runs.setRetentionDefault', { retention: { maxRuns: 0 } })).rejects.toMatchObject({ code: 'INVALID_PARAMS', message: expect.stringMatching(/retention\.maxRuns/) });
  });

  it('says which file and key are wrong when settings.json holds a bad retention', async () => {
    writeFileSync(join(ws.dir, 'settings.json'), '{ "retention": { "maxAgeDays": "soon" } }\n');
    await expect(ws.service['runs.retentionDefault']({})).rejects.toMatchObject({ code: 'SETTINGS_INVALID', message: expect.stringMatching(/settings\.json: retention\.maxAgeDays/) });
    // The run itself is not failed by a damaged settings file.
    await runTimes('plain', 1);
  });
});
