// The header's test buttons: "Tests (N)" opens the Flow tests panel, where tests are made and edited;
// "Run tests" runs them all (unsaved changes included). A flow without tests cannot run any, and the
// button's title says how to get one.
import { useFlowSnapshot } from '../canvas/use-flow-store.js';

export interface RunTestsButtonProps {
  onRunTests: () => void;
  onOpenTests: () => void;
  /** The tests are running: the button waits for them. */
  running: boolean;
}

export function RunTestsButton({ onRunTests, onOpenTests, running }: RunTestsButtonProps) {
  const { doc } = useFlowSnapshot();
  const count = doc.tests?.length ?? 0;
  const title = count === 0
    ? 'This flow has no tests yet: make one in Tests (from the samples or the last run), or pin a node\'s output as expected in the inspector'
    : running ? 'The flow\'s tests are running' : `Run the flow's ${count === 1 ? 'test' : `${count} tests`} and compare what nodes emit with what they expect`;
  return (
    <>
      <button type="button" className="button" onClick={onOpenTests} title="Show the flow's tests: make, edit and run them">
        Tests ({count})
      </button>
      <button type="button" className="button" onClick={onRunTests} disabled={count === 0 || running} aria-busy={running} title={title}>
        Run tests
      </button>
    </>
  );
}
