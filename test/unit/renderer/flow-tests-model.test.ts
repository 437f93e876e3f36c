// The flow tests editor's model: names, list edits, a test from the samples, and the JSON parts read
// back with messages that say what is wrong and where.
import { describe, expect, it } from 'vitest';
import type { FlowDocument, FlowTest } from '../../../shared/flow/schema.js';
import { deleteTest, duplicateTest, nameProblem, parsePart, replaceTest, testFromSamples, uniqueTestName, withPart } from '../../../renderer/src/flow-tests/test-model.js';

const doc: FlowDocument = {
  format: 'pipewright/flow@1',
  id: 'orders',
  name: 'Orders',
  nodes: [
    { id: 'start', type: 'trigger.manual', position: [0, 0], config: {} },
    { id: 'shape', type: 'transform.map', position: [300, 0], config: { expression: '$' } },
    { id: 'erp', type: 'http.request', position: [600, 0], config: { method: 'POST', url: 'http://127.0.0.1:1/orders' } },
  ],
  edges: [
    { from: 'start', to: 'shape' },
    { from: 'shape', to: 'erp' },
  ],
  samples: { start: [{ id: 1 }] },
};
const one: FlowTest = { name: 'first', input: { start: [{ id: 1 }] }, expect: { shape: [{ id: 1 }] } };

describe('flow test names and list edits', () => {
  it('finds a free name and says why a name cannot be used', () => {
    expect(uniqueTestName([one], 'second')).toBe('second');
    expect(uniqueTestName([one, { ...one, name: 'first 2' }], 'first')).toBe('first 3');
    expect(nameProblem([one, { ...one, name: 'other' }], 1, 'first')).toBe('Another test is already called "first".');
    expect(nameProblem([one], 0, '  ')).toBe('A test needs a name.');
    expect(nameProblem([one], 0, 'first')).toBeUndefined();
  });

  it('duplicates after the original with a new name, replaces one, and deletes the last to no list', () => {
    const twice = duplicateTest([one], 0);
    expect(twice.map((test) => test.name)).toEqual(['first', 'first (copy)']);
    expect(twice[1]?.input).not.toBe(one.input);
    expect(replaceTest(twice, 1, { ...one, name: 'x' }).map((test) => test.name)).toEqual(['first', 'x']);
    expect(deleteTest([one], 0)).toBeUndefined();
    expect(deleteTest(twice, 0)?.map((test) => test.name)).toEqual(['first (copy)']);
  });

  it('makes a test from the trigger samples, or none when no trigger has one', () => {
    expect(testFromSamples(doc, [one])).toEqual({ name: 'Samples', input: { start: [{ id: 1 }] }, expect: {} });
    expect(testFromSamples({ ...doc, samples: {} }, [])).toBeUndefined();
  });
});

describe('a test part as JSON', () => {
  it('reads a valid part', () => {
    expect(parsePart('{ "shape": [ { "id": 1 } ] }', 'expect', doc)).toEqual({ ok: true, value: { shape: [{ id: 1 }] } });
    expect(parsePart('', 'standIns', doc)).toEqual({ ok: true, value: {} });
  });

  it('says where a syntax error is', () => {
    const parsed = parsePart('{\n  "shape": [ 1, ]\n}', 'expect', doc);
    expect(parsed).toMatchObject({ ok: false });
    expect(!parsed.ok && parsed.message).toMatch(/^Expected outputs: Line 2, column \d+: /);
  });

  it('refuses a node the flow lacks, a non-trigger input, a stand-in for a node that stays inside, and a non-list', () => {
    expect(parsePart('{ "ghost": [] }', 'expect', doc)).toEqual({ ok: false, message: 'Expected outputs: "ghost" is not a node of this flow; the nodes are "start", "shape", "erp".' });
    expect(parsePart('{ "shape": [] }', 'input', doc)).toEqual({ ok: false, message: 'Input: "shape" is not a trigger of this flow; the triggers are "start".' });
    expect(parsePart('{ "shape": [] }', 'standIns', doc)).toEqual({ ok: false, message: 'Stand-ins: "shape" is not a node that reaches outside of this flow; the nodes that reach outside are "erp".' });
    expect(parsePart('{ "shape": 1 }', 'expect', doc)).toEqual({ ok: false, message: 'Expected outputs: "shape" must be a list of payloads, [ … ].' });
    expect(parsePart('[]', 'expect', doc)).toMatchObject({ ok: false });
  });

  it('drops an empty stand-ins object from the test', () => {
    expect(withPart({ ...one, standIns: { erp: [1] } }, 'standIns', {})).toEqual(one);
    expect(withPart(one, 'standIns', { erp: [{ ok: true }] }).standIns).toEqual({ erp: [{ ok: true }] });
  });
});
