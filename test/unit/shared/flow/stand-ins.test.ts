// A flow test's `standIns` (payloads a node emits instead of running) must name nodes that run: a
// stand-in for a node the flow does not have, or for a trigger, is a problem with its JSON path.
import { describe, expect, it } from 'vitest';
import { serializeFlow } from '../../../../shared/flow/serialize.js';
import { validateFlow } from '../../../../shared/flow/validate.js';
import { brokenFlow, sampleFlow } from './sample-flow.js';

describe('flow test stand-ins', () => {
  it('accepts stand-ins for nodes of the flow and keeps them', () => {
    const doc = sampleFlow();
    doc.tests = [{ name: 'the ERP answers', input: { orders: [{ id: 'A-1' }] }, standIns: { erp: [{ status: 'created' }] }, expect: {} }];
    const result = validateFlow(doc);
    expect(result.problems).toEqual([]);
    expect(result.flow?.tests?.[0]?.standIns).toEqual({ erp: [{ status: 'created' }] });
  });

  it('reports a stand-in for a node the flow does not have, and one for a trigger, with their paths', () => {
    const result = validateFlow(brokenFlow((doc) => {
      doc.tests[0].standIns = { erpp: [{ status: 'created' }], orders: [{}], erp: [] };
    }));
    expect(result.flow).toBeUndefined();
    expect(result.problems).toEqual([
      { code: 'UNKNOWN_TEST_NODE', path: 'tests[0].standIns.erpp', message: 'a stand-in for "erpp", which is not a node of this flow' },
      { code: 'STAND_IN_FOR_TRIGGER', path: 'tests[0].standIns.orders', message: 'a stand-in for "orders", which is a trigger; give a trigger\'s messages as the test\'s input instead' },
    ]);
  });

  it('reports stand-ins that are not a list of payloads', () => {
    const result = validateFlow(brokenFlow((doc) => {
      doc.tests[0].standIns = { erp: { status: 'created' } };
    }));
    expect(result.problems.map((problem) => problem.path)).toEqual(['tests[0].standIns.erp']);
  });

  it('writes stand-ins between a test\'s input and its expectations', () => {
    const doc = sampleFlow();
    doc.tests = [{ name: 't', input: { orders: [] }, standIns: { erp: [] }, expect: { big: [] } }];
    const text = serializeFlow(doc);
    expect(text.indexOf('"input"')).toBeLessThan(text.indexOf('"standIns"'));
    expect(text.indexOf('"standIns"')).toBeLessThan(text.indexOf('"expect"'));
  });
});
