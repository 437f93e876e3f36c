// The top bar: the flow's name (with a dot when unsaved), undo/redo, save, the test run and Run tests
// buttons, Deploy to server…, the Credentials dialog and the theme toggle.
import { useFlowSnapshot, useFlowStore } from '../canvas/use-flow-store.js';
import { RunTestsButton } from '../flow-tests/run-tests-button.js';
import type { ApiClient } from '../api/client.js';
import { DeployButton } from '../deploy/deploy-button.js';
import './header.css';

export interface HeaderProps {
  onSave: () => void;
  /** Test-runs the open document (unsaved changes included) on its samples. */
  onRun: () => void;
  /** A run is starting or going on: the button waits for it. */
  running: boolean;
  /** Runs the flow's tests (unsaved changes included) and shows the Flow tests panel. */
  onRunTests: () => void;
  onOpenTests: () => void;
  testsRunning: boolean;
  theme: 'light' | 'dark';
  onToggleTheme: () => void;
  /** Opens the Credentials dialog; without it (offline design) the button is not shown. */
  onCredentials?: () => void;
  /** Forgets the server's access token and asks for it again (browser only). */
  onSignOut?: () => void;
  /** The service, for Deploy to server…; without it (offline design) the button is not shown. */
  deployClient?: ApiClient;
}

export function Header({ onSave, onRun, running, onRunTests, onOpenTests, testsRunning, theme, onToggleTheme, onCredentials, deployClient, onSignOut }: HeaderProps) {
  const store = useFlowStore();
  const { doc, dirty, canUndo, canRedo } = useFlowSnapshot();
  const mod = navigator.platform.toLowerCase().includes('mac') ? '⌘' : 'Ctrl+';
  return (
    <header className="app-header">
      <span className="app-brand">Pipewright</span>
      <h1 className="app-flow-name">
        {doc.name || doc.id}
        {dirty && <span className="app-dirty" aria-label="unsaved changes" title="Unsaved changes">●</span>}
      </h1>
      <div className="app-header-actions">
        <button type="button" className="button" onClick={store.undo} disabled={!canUndo} title={`Undo (${mod}Z)`}>Undo</button>
        <button type="button" className="button" onClick={store.redo} disabled={!canRedo} title={`Redo (${mod}Shift+Z)`}>Redo</button>
        <button type="button" className="button primary" onClick={onSave} title={`Save (${mod}S)`}>Save</button>
        <button type="button" className="button run-button" onClick={onRun} disabled={running} aria-busy={running} title={running ? 'A test run is going on' : 'Test-run the flow on its samples (unsaved changes included)'}>
          <span aria-hidden="true">{running ? '…' : '▶'}</span>Run
        </button>
        <RunTestsButton onRunTests={onRunTests} onOpenTests={onOpenTests} running={testsRunning} />
        {deployClient && <DeployButton client={deployClient} />}
        {onCredentials && <button type="button" className="button" onClick={onCredentials} title="API keys, passwords and tokens the flows use">Credentials</button>}
        <button type="button" className="button" onClick={onToggleTheme} aria-label={theme === 'dark' ? 'Switch to light theme' : 'Switch to dark theme'}>
          {theme === 'dark' ? '☀' : '☾'}
        </button>
        {onSignOut && <button type="button" className="button" onClick={onSignOut} title="Forget this browser's access token">Sign out</button>}
      </div>
    </header>
  );
}
