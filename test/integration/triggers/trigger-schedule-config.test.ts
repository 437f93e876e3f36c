// trigger.schedule as a user meets it in `pipewright validate`: a cron croner cannot read, a cron that
// never fires, an unknown time zone and a bad catchUp are each named by their path inside the flow
// with what to do, and good ones pass.
import { afterAll, describe, expect, it } from 'vitest';
import { chainFlow, hasStackTrace, Workspace } from '../cli/cli-harness.js';

const ws = new Workspace('pipewright-trigger-schedule-config-');
afterAll(() => ws.remove());

describe('trigger.schedule configs in pipewright validate', () => {
  it('names a bad cron, a bad time zone and a bad catchUp by their paths, with croner\'s reason', async () => {
    ws.write('flows/bad.flow.json', {
      format: 'pipewright/flow@1', id: 'bad', name: 'bad',
      nodes: [
        { id: 'seconds', type: 'trigger.schedule', position: [0, 0], config: { cron: '61 * * * * *', timezone: 'Mars/Olympus_Mons' } },
        { id: 'parts', type: 'trigger.schedule', position: [0, 200], config: { cron: 'every minute', catchUp: 'all' } },
        { id: 'never', type: 'trigger.schedule', position: [0, 400], config: { cron: '0 0 0 30 2 *' } },
        { id: 'out', type: 'output.log', position: [260, 0], config: {} },
      ],
      edges: [{ from: 'seconds', to: 'out' }, { from: 'parts', to: 'out' }, { from: 'never', to: 'out' }],
    });
    const result = await ws.run(['validate', 'flows/bad.flow.json']);
    const text = result.stdout + result.stderr;
    expect(result.code, text).toBe(2);
    expect(text).toMatch(/nodes\[0\]\.config\.cron.*not a valid cron expression: Invalid value for second: 61 \(six fields, seconds first/);
    expect(text).toMatch(/nodes\[0\]\.config\.timezone.*"Mars\/Olympus_Mons" is not an IANA time zone: use a name such as Europe\/Berlin/);
    expect(text).toMatch(/nodes\[1\]\.config\.cron.*not a valid cron expression: invalid configuration format \('every minute'\), exactly five, six, or seven space separated parts are required/);
    expect(text).toMatch(/nodes\[1\]\.config\.catchUp.*"latest".*"none"/);
    expect(text).toMatch(/nodes\[2\]\.config\.cron.*"0 0 0 30 2 \*" never fires/);
    expect(hasStackTrace(text)).toBe(false);
  });

  it('refuses a missing cron', async () => {
    ws.write('flows/nocron.flow.json', chainFlow('nocron', [['tick', 'trigger.schedule', { timezone: 'UTC' }], ['out', 'output.log']]));
    const result = await ws.run(['validate', 'flows/nocron.flow.json']);
    expect(result.code).toBe(2);
    expect(result.stdout + result.stderr).toMatch(/nodes\[0\]\.config\.cron/);
  });

  it('accepts good ones: seconds, a time zone, a five-field cron, a nickname, catchUp none', async () => {
    ws.write('flows/good.flow.json', chainFlow('good', [['tick', 'trigger.schedule', { cron: '*/10 * * * * *', timezone: 'Europe/Berlin', catchUp: 'none' }], ['out', 'output.log']]));
    ws.write('flows/five.flow.json', chainFlow('five', [['tick', 'trigger.schedule', { cron: '0 3 * * 1-5', timezone: 'America/New_York' }], ['out', 'output.log']]));
    ws.write('flows/nick.flow.json', chainFlow('nick', [['tick', 'trigger.schedule', { cron: '@hourly' }], ['out', 'output.log']]));
    const result = await ws.run(['validate', 'flows/good.flow.json', 'flows/five.flow.json', 'flows/nick.flow.json']);
    expect(result.code, result.stdout + result.stderr).toBe(0);
  });
});
