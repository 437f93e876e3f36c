// main/workspace: FLOW arguments resolved to files, a flow file read and validated once into a
// ValidFlow the engine trusts, and the one FLOW_INVALID error for a flow that cannot be used.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isValidFlow } from '../../../shared/flow/valid-flow.js';
import { serializeFlow } from '../../../shared/flow/serialize.js';
import type { FlowDocument } from '../../../shared/flow/schema.js';
import { checkFlowFile, loadFlowFile } from '../../../main/workspace/flow-file.js';
import { flowInvalidError } from '../../../main/workspace/flow-invalid.js';
import { flowFilePath } from '../../../main/workspace/flow-paths.js';
import { resolveFlowFile, resolveFlowFiles } from '../../../main/workspace/resolve-flow-args.js';
import { checkUnsavedFlow, loadSavedFlow } from '../../../main/workspace/runnable-flow.js';

const workspace = mkdtempSync(join(tmpdir(), 'pipewright-workspace-'));
mkdirSync(join(workspace, 'flows'));
afterAll(() => rmSync(workspace, { recursive: true, force: true }));

function flow(id: string): FlowDocument {
  return {
    format: 'pipewright/flow@1', id, name: id,
    nodes: [{ id: 'in', type: 'trigger.manual', position: [0, 0], config: {} }, { id: 'out', type: 'output.log', position: [260, 0], config: {} }],
    edges: [{ from: 'in', to: 'out' }],
  };
}
writeFileSync(join(workspace, 'flows', 'good.flow.json'), serializeFlow(flow('good')));
writeFileSync(join(workspace, 'flows', 'broken.flow.json'), JSON.stringify({ ...flow('broken'), edges: [{ from: 'in', to: 'nowhere' }, { from: 'ghost', to: 'out' }] }));

describe('resolving FLOW arguments', () => {
  it('finds a flow by path, and by id in the workspace\'s flows folder', () => {
    expect(resolveFlowFile('flows/good.flow.json', workspace, workspace)).toEqual({ path: join(workspace, 'flows/good.flow.json'), label: 'flows/good.flow.json' });
    expect(resolveFlowFile('good', workspace, workspace).path).toBe(join(workspace, 'flows/good.flow.json'));
  });

  it('expands a folder to its flow files, sorted', () => {
    expect(resolveFlowFiles(['flows'], workspace, workspace).map((file) => file.label)).toEqual(['flows/broken.flow.json', 'flows/good.flow.json']);
  });

  it('names both places it looked when a flow is missing', () => {
    expect(() => resolveFlowFile('nope', workspace, workspace)).toThrow(expect.objectContaining({ code: 'FLOW_NOT_FOUND', message: 'no such flow file, nor flows/nope.flow.json' }));
  });

  it('refuses a flow id that would leave the flows folder', () => {
    expect(() => flowFilePath(workspace, '../secrets')).toThrow(expect.objectContaining({ code: 'INVALID_FLOW_ID' }));
  });
});

describe('loading a flow file', () => {
  it('validates once and hands out a flow the engine trusts without checking again', () => {
    const loaded = loadFlowFile(resolveFlowFile('good', workspace, workspace));
    expect(isValidFlow(loaded.flow)).toBe(true);
    expect(loaded.flow.id).toBe('good');
    expect(isValidFlow(loadSavedFlow(workspace, 'good').flow)).toBe(true);
    expect(isValidFlow(checkUnsavedFlow(flow('unsaved')).flow)).toBe(true);
  });

  it('lists every problem of a broken flow, each located in its file', () => {
    const { flow: valid, problems } = checkFlowFile({ path: join(workspace, 'flows/broken.flow.json'), label: 'flows/broken.flow.json' });
    expect(valid).toBeUndefined();
    expect(problems.length).toBe(2);
    for (const problem of problems) expect(problem.file).toBe('flows/broken.flow.json');
  });

  it('fails with one FLOW_INVALID naming the file and the count, problems attached', () => {
    const file = resolveFlowFile('broken', workspace, workspace);
    expect(() => loadFlowFile(file)).toThrow(expect.objectContaining({
      code: 'FLOW_INVALID',
      message: expect.stringMatching(/^flows\/broken\.flow\.json has 2 problems \(first: edges\[0\]\.to: .*\); fix it and try again$/),
      problems: expect.arrayContaining([expect.objectContaining({ path: 'edges[0].to' })]),
    }));
    expect(() => loadSavedFlow(workspace, 'broken')).toThrow(expect.objectContaining({ code: 'FLOW_INVALID', message: expect.stringMatching(/^flows\/broken\.flow\.json has 2 problems .*; fix it and run again$/) }));
    expect(() => loadSavedFlow(workspace, 'missing')).toThrow(expect.objectContaining({ code: 'FLOW_NOT_FOUND' }));
  });

  it('words a single problem without a count', () => {
    const error = flowInvalidError('the flow', [{ code: 'SCHEMA', message: 'is required', path: 'name' }], 'fix it and run again');
    expect(error.message).toBe('the flow has a problem (name: is required); fix it and run again');
  });
});
