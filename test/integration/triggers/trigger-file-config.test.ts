// trigger.file as a user meets it in `pipewright validate`: a bad config is named by its path inside
// the flow with what to do, and a good one passes.
import { afterAll, describe, expect, it } from 'vitest';
import { chainFlow, hasStackTrace, Workspace } from '../cli/cli-harness.js';

const ws = new Workspace('pipewright-trigger-file-config-');
afterAll(() => ws.remove());

describe('trigger.file configs in pipewright validate', () => {
  it('names each bad field by its path', async () => {
    ws.write('flows/bad.flow.json', {
      format: 'pipewright/flow@1', id: 'bad', name: 'bad',
      nodes: [
        { id: 'climb', type: 'trigger.file', position: [0, 0], config: { dir: '../outside', pattern: 'in/*.csv', settleMs: 5 } },
        { id: 'empty', type: 'trigger.file', position: [0, 200], config: { dir: '', pattern: '*.csv', csv: { delimiter: '"', header: false } } },
        { id: 'out', type: 'output.log', position: [260, 0], config: {} },
      ],
      edges: [{ from: 'climb', to: 'out' }, { from: 'empty', to: 'out' }],
    });
    const result = await ws.run(['validate', 'flows/bad.flow.json']);
    const text = result.stdout + result.stderr;
    expect(result.code, text).toBe(2);
    expect(text).toMatch(/nodes\[0\]\.config\.dir.*must not contain "\.\."/);
    expect(text).toMatch(/nodes\[0\]\.config\.pattern.*must not contain "\/"/);
    expect(text).toMatch(/nodes\[0\]\.config\.settleMs.*at least 100/);
    expect(text).toMatch(/nodes\[1\]\.config\.dir.*a folder to watch is required/);
    expect(text).toMatch(/nodes\[1\]\.config\.csv\.delimiter.*without quotes/);
    expect(text).toMatch(/nodes\[1\]\.config\.csv\.header.*unknown key/);
    expect(hasStackTrace(text)).toBe(false);
  });

  it('refuses a missing pattern', async () => {
    ws.write('flows/nopattern.flow.json', chainFlow('nopattern', [['files', 'trigger.file', { dir: 'inbox' }], ['out', 'output.log']]));
    const result = await ws.run(['validate', 'flows/nopattern.flow.json']);
    expect(result.code).toBe(2);
    expect(result.stdout + result.stderr).toContain('nodes[0].config.pattern');
  });

  it('accepts good ones: a relative folder, an absolute one, csv options', async () => {
    ws.write('flows/good.flow.json', chainFlow('good', [
      ['files', 'trigger.file', { dir: 'exchange/in', pattern: '*.{csv,jsonl}', settleMs: 2000, csv: { delimiter: ';', dynamicTyping: true } }],
      ['out', 'output.log'],
    ]));
    ws.write('flows/absolute.flow.json', chainFlow('absolute', [['files', 'trigger.file', { dir: ws.path('inbox'), pattern: '*.json' }], ['out', 'output.log']]));
    const result = await ws.run(['validate', 'flows/good.flow.json', 'flows/absolute.flow.json']);
    expect(result.code, result.stdout + result.stderr).toBe(0);
  });
});
