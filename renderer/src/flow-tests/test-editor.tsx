// One flow test edited in place: its name, and its input, expected outputs and stand-ins as JSON (one
// object of payload lists by node id each). Apply checks every part and says what is wrong and where
// (a syntax error's line and column, a node id the flow does not have, a stand-in for a node that does
// not reach outside) and changes nothing until all are right; a node picker adds a node's entry.
import { useId, useState } from 'react';
import type { FlowDocument, FlowTest } from '../../../shared/flow/schema.js';
import { nodeLabel } from '../canvas/to-react-flow.js';
import { nameProblem, PART_LABELS, parsePart, partText, replaceTest, standInCandidates, triggerIds, withPart, type TestPart } from './test-model.js';

const PARTS: readonly TestPart[] = ['input', 'expect', 'standIns'];

export interface TestEditorProps {
  doc: FlowDocument;
  tests: readonly FlowTest[];
  index: number;
  /** The flow's new tests, once every part is valid. */
  onApply: (tests: FlowTest[]) => void;
  onCancel: () => void;
}

export function TestEditor({ doc, tests, index, onApply, onCancel }: TestEditorProps) {
  const test = tests[index] as FlowTest;
  const id = useId();
  const [name, setName] = useState(test.name);
  const [texts, setTexts] = useState<Record<TestPart, string>>(() => ({ input: partText(test, 'input'), expect: partText(test, 'expect'), standIns: partText(test, 'standIns') }));
  const [problems, setProblems] = useState<string[]>([]);

  const apply = () => {
    const found: string[] = [];
    const renamed = nameProblem(tests, index, name);
    if (renamed) found.push(renamed);
    let next: FlowTest = { ...test, name: name.trim() };
    for (const part of PARTS) {
      const parsed = parsePart(texts[part], part, doc);
      if (parsed.ok) next = withPart(next, part, parsed.value);
      else found.push(parsed.message);
    }
    setProblems(found);
    if (found.length === 0) onApply(replaceTest(tests, index, next));
  };

  /** Adds `"nodeId": []` to a part whose text is valid JSON; otherwise says to fix the text first. */
  const addNode = (part: TestPart, nodeId: string) => {
    const parsed = parsePart(texts[part], part, doc);
    if (!parsed.ok) {
      setProblems([parsed.message]);
      return;
    }
    if (nodeId in parsed.value) return;
    setTexts({ ...texts, [part]: JSON.stringify({ ...parsed.value, [nodeId]: [] }, null, 2) });
  };

  const choices: Record<TestPart, string[]> = { input: triggerIds(doc), expect: doc.nodes.map((node) => node.id), standIns: standInCandidates(doc) };
  const labelOf = (nodeId: string): string => {
    const node = doc.nodes.find((candidate) => candidate.id === nodeId);
    return node && nodeLabel(node) !== nodeId ? `${nodeId} (${nodeLabel(node)})` : nodeId;
  };

  return (
    <form
      className="flow-test-editor"
      aria-label={`Edit test ${test.name}`}
      onSubmit={(event) => {
        event.preventDefault();
        apply();
      }}
    >
      <label className="flow-test-editor-field">
        <span>Test name</span>
        <input className="input" value={name} onChange={(event) => setName(event.target.value)} />
      </label>
      {PARTS.map((part) => (
        <div key={part} className="flow-test-editor-field">
          <label htmlFor={`${id}-${part}`}>{PART_LABELS[part]}</label>
          <textarea id={`${id}-${part}`} className="input flow-test-json" spellCheck={false} rows={Math.min(12, texts[part].split('\n').length + 1)} value={texts[part]} onChange={(event) => setTexts({ ...texts, [part]: event.target.value })} />
          {choices[part].length > 0 ? (
            <select
              className="input"
              aria-label={`Add a node to ${PART_LABELS[part].replace(/ \(.*$/, '').toLowerCase()}`}
              value=""
              onChange={(event) => {
                if (event.target.value !== '') addNode(part, event.target.value);
              }}
            >
              <option value="">Add a node…</option>
              {choices[part].map((nodeId) => <option key={nodeId} value={nodeId}>{labelOf(nodeId)}</option>)}
            </select>
          ) : (
            part === 'standIns' && <p className="inspector-muted">No node of this flow reaches outside, so none needs a stand-in.</p>
          )}
        </div>
      ))}
      {problems.length > 0 && (
        <ul className="flow-test-problems" role="alert">
          {problems.map((problem) => <li key={problem}>{problem}</li>)}
        </ul>
      )}
      <div className="flow-test-editor-actions">
        <button type="button" className="button" onClick={onCancel}>Cancel</button>
        <button type="submit" className="button primary">Apply</button>
      </div>
    </form>
  );
}
