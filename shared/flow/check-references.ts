// Checks that samples and tests name nodes of the flow, that test inputs go to triggers (a run can
// only start at a trigger, so input for another node would silently never be used) and that stand-ins
// replace nodes that run (a trigger's output is the test's input).
import type { Problem } from '../errors.js';
import type { NodeFacts } from './check-nodes.js';
import { withPath } from './issues.js';
import type { LooseFlow } from './lenient.js';

export function checkReferences(flow: LooseFlow, facts: ReadonlyMap<string, NodeFacts>): Problem[] {
  const problems: Problem[] = [];
  for (const key of Object.keys(flow.samples ?? {})) {
    if (!facts.has(key)) problems.push(withPath({ code: 'UNKNOWN_SAMPLE_NODE', message: `samples for "${key}", which is not a node of this flow` }, ['samples', key]));
  }
  for (const test of flow.tests) {
    for (const key of Object.keys(test.input ?? {})) {
      const node = facts.get(key);
      const path = ['tests', test.index, 'input', key];
      if (!node) problems.push(withPath({ code: 'UNKNOWN_TEST_NODE', message: `test input for "${key}", which is not a node of this flow` }, path));
      else if (!node.isTrigger) problems.push(withPath({ code: 'TEST_INPUT_NOT_TRIGGER', message: `test input for "${key}", which is not a trigger; tests start at trigger nodes` }, path));
    }
    for (const key of Object.keys(test.standIns ?? {})) {
      const node = facts.get(key);
      const path = ['tests', test.index, 'standIns', key];
      if (!node) problems.push(withPath({ code: 'UNKNOWN_TEST_NODE', message: `a stand-in for "${key}", which is not a node of this flow` }, path));
      else if (node.isTrigger) problems.push(withPath({ code: 'STAND_IN_FOR_TRIGGER', message: `a stand-in for "${key}", which is a trigger; give a trigger's messages as the test's input instead` }, path));
    }
    for (const key of Object.keys(test.expect ?? {})) {
      if (!facts.has(key)) problems.push(withPath({ code: 'UNKNOWN_TEST_NODE', message: `test expects output of "${key}", which is not a node of this flow` }, ['tests', test.index, 'expect', key]));
    }
  }
  return problems;
}
