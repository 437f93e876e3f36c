import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findJsonSyntaxError } from '../../../../shared/flow/json-syntax.js';
import { parseFlowText } from '../../../../shared/flow/parse.js';
import { serializeFlow } from '../../../../shared/flow/serialize.js';
import { validateFlow } from '../../../../shared/flow/validate.js';
import { payloadArb, validFlowArb } from './arbitraries.js';
import { sampleFlow } from './sample-flow.js';

describe('flow documents, for arbitrary inputs', () => {
  it('accepts every valid flow, and serialize → parse → serialize is identical', () => {
    fc.assert(
      fc.property(validFlowArb, (flow) => {
        const text = serializeFlow(flow);
        const parsed = parseFlowText(text);
        expect(parsed.problems).toEqual([]);
        expect(serializeFlow(parsed.flow as typeof flow)).toBe(text);
      }),
      { numRuns: 300 },
    );
  });

  it('validates the in-memory flow the same as its saved text', () => {
    fc.assert(
      fc.property(validFlowArb, (flow) => {
        expect(validateFlow(flow).problems).toEqual([]);
      }),
      { numRuns: 100 },
    );
  });

  it('keeps arbitrary JSON values in samples and tests exactly, key order included', () => {
    fc.assert(
      fc.property(fc.array(payloadArb, { maxLength: 4 }), fc.array(payloadArb, { maxLength: 4 }), (samples, expected) => {
        const flow = sampleFlow();
        flow.samples = { orders: samples, big: expected };
        flow.tests = [{ name: 't', input: { orders: samples }, expect: { big: expected } }];
        const { flow: loaded, problems } = parseFlowText(serializeFlow(flow));
        expect(problems).toEqual([]);
        expect(JSON.stringify(loaded?.samples)).toBe(JSON.stringify(flow.samples));
        expect(JSON.stringify(loaded?.tests)).toBe(JSON.stringify(flow.tests));
      }),
      { numRuns: 200 },
    );
  });

  it('never throws on garbage and always explains a rejection', () => {
    fc.assert(
      fc.property(fc.anything(), (doc) => {
        const result = validateFlow(doc);
        expect(result.flow).toBeUndefined();
        expect(result.problems.length).toBeGreaterThan(0);
      }),
      { numRuns: 500 },
    );
  });

  it('never throws on a valid flow with random parts replaced or removed', () => {
    fc.assert(
      fc.property(validFlowArb, fc.array(fc.tuple(fc.nat(), fc.oneof(fc.jsonValue(), fc.constant(undefined)), fc.string({ maxLength: 6 })), { minLength: 1, maxLength: 4 }), (flow, steps) => {
        const doc = JSON.parse(serializeFlow(flow)) as unknown;
        for (const [pick, value, newKey] of steps) mutate(doc, pick, value, newKey);
        const result = validateFlow(doc);
        expect(result.flow === undefined).toBe(result.problems.length > 0);
        for (const problem of result.problems) {
          expect(typeof problem.code).toBe('string');
          expect(typeof problem.message).toBe('string');
        }
      }),
      { numRuns: 300 },
    );
  });

  it('finds a JSON syntax error exactly when JSON.parse rejects the text', () => {
    const texts = fc.oneof(
      fc.string(),
      fc.json(),
      fc.tuple(fc.json(), fc.nat(), fc.constantFrom('', ',', '}', ']', '"', ':', '\\', '\n', 'x', '0', '-', '.', 'e')).map(([json, at, insert]) => {
        const index = at % (json.length + 1);
        return json.slice(0, index) + insert + json.slice(index + (at % 2));
      }),
    );
    fc.assert(
      fc.property(texts, (text) => {
        let parses = true;
        try {
          JSON.parse(text);
        } catch {
          parses = false;
        }
        expect(findJsonSyntaxError(text) === undefined).toBe(parses);
        const { problems } = parseFlowText(text);
        if (!parses) expect(problems).toMatchObject([{ code: 'JSON_SYNTAX' }]);
      }),
      { numRuns: 1000 },
    );
  });
});

/** Replaces (or deletes, for undefined) one key of one container picked among all containers of `doc`. */
function mutate(doc: unknown, pick: number, value: unknown, newKey: string): void {
  const containers: Array<Record<string, unknown> | unknown[]> = [];
  const visit = (node: unknown) => {
    if (typeof node !== 'object' || node === null) return;
    containers.push(node as Record<string, unknown>);
    Object.values(node).forEach(visit);
  };
  visit(doc);
  const target = containers[pick % containers.length];
  if (Array.isArray(target)) {
    const index = pick % (target.length + 1);
    if (value === undefined) target.splice(index, 1);
    else target[index] = value;
    return;
  }
  const record = target as Record<string, unknown>;
  const keys = Object.keys(record);
  const key = keys.length === 0 || pick % 5 === 0 ? newKey : (keys[pick % keys.length] as string);
  if (value === undefined) delete record[key];
  else record[key] = value;
}
