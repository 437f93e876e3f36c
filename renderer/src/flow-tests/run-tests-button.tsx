// The header's "Run tests" button: runs the open flow's tests (unsaved changes included). A flow
// without tests cannot run any, and the button's title says how to get one.
import { useFlowSnapshot } from '../canvas/use-flow-store.js';

export interface RunTestsButtonProps {
  onRunTests: () => void;
  /** The tests are running: the button waits for them. */
  running: boolean;
}

export function RunTestsButton({ onRunTests, running }: RunTestsButtonProps) {
  const { doc } = useFlowSnapshot();
  const count = doc.tests?.length ?? 0;
  const title = count === 0
    ? 'This flow has no tests yet: pin a node\'s output as expected (inspector) or add "tests" to the flow file'
    : running ? 'The flow\'s tests are running' : `Run the flow's ${count === 1 ? 'test' : `${count} tests`} and compare what nodes emit with what they expect`;
  return (
    <button type="button" className="button" onClick={onRunTests} disabled={count === 0 || running} aria-busy={running} title={title}>
      Run tests
    </button>
  );
}
