// The designer's shell: header, flows list and palette, canvas with the run and flow tests panels under it, inspector
// and status bar around one open flow; the Credentials dialog over it when the header opens it.
// Picks the transport at start (connect/connection.ts) and asks for a token when HTTP needs one.
import { ReactFlowProvider } from '@xyflow/react';
import { useMemo, useState } from 'react';
import type { ApiClient } from '../api/client.js';
import { FlowCanvas } from '../canvas/flow-canvas.js';
import { useCanvasShortcuts } from '../canvas/use-canvas-shortcuts.js';
import { FlowStoreContext, useFlowSnapshot } from '../canvas/use-flow-store.js';
import { TokenForm } from '../connect/token-form.js';
import { useConnection } from '../connect/use-connection.js';
import { useSignIn } from '../connect/use-sign-in.js';
import { CredentialStore } from '../credentials/credential-store.js';
import { CredentialsDialogHost } from '../credentials/credentials-dialog.js';
import { CredentialStoreContext } from '../credentials/use-credentials.js';
import { FlowTestsPanel } from '../flow-tests/flow-tests-panel.js';
import { useFlowTests } from '../flow-tests/use-flow-tests.js';
import { FlowsPanel } from '../flows/flows-panel.js';
import { Header } from '../header/header.js';
import { ShortcutHelp } from '../help/shortcut-help.js';
import { Inspector } from '../inspector/inspector.js';
import { Palette } from '../palette/palette.js';
import { RunPanel } from '../run/run-panel.js';
import { isRunBusy } from '../run/run-state.js';
import { useTestRun } from '../run/use-test-run.js';
import { RunStoreContext, useRunState, useRunStore } from '../run/use-run-store.js';
import { useUpstreamOutput } from '../run/use-upstream-output.js';
import { StatusBar } from '../status-bar/status-bar.js';
import { OperationsView } from '../operations/operations-view.js';
import { PastRunBanner } from '../operations/past-run-banner.js';
import { usePastRun } from '../operations/use-past-run.js';
import { useDesignerView } from '../operations/use-designer-view.js';
import { ViewTabs } from '../operations/view-tabs.js';
import { useFlowSession } from './use-flow-session.js';
import { useTheme } from './use-theme.js';
import './app.css';

export function App({ client: given }: { client?: ApiClient } = {}) {
  const signIn = useSignIn(given);
  const [offline, setOffline] = useState(false);
  if (offline) return <Designer client={undefined} />;
  if (signIn.state.phase === 'signed-in') return <Designer client={signIn.state.client} {...(signIn.signOut ? { onSignOut: signIn.signOut } : {})} />;
  return (
    <>
      <TokenForm onToken={signIn.submit} checking={signIn.state.phase === 'checking'} error={signIn.state.phase === 'needs-token' ? signIn.state.error : undefined} />
      <p className="offline-link">
        <button type="button" className="button" onClick={() => setOffline(true)}>Design offline without a server</button>
      </p>
    </>
  );
}

function Designer({ client: signedIn, onSignOut }: { client: ApiClient | undefined; onSignOut?: () => void }) {
  // Every call goes through the connection monitor, so a failed one shows at once in the status bar.
  const connection = useConnection(signedIn);
  const client = connection.client;
  const theme = useTheme();
  const session = useFlowSession(client);
  const { save } = session;
  const testRun = useTestRun(client, session.store);
  const flowTests = useFlowTests(client, session.store);
  const [helpOpen, setHelpOpen] = useState(false);
  const actions = useMemo(() => ({ save: () => void save(), showHelp: () => setHelpOpen(true) }), [save]);
  const credentials = useMemo(() => new CredentialStore(client), [client]);
  useCanvasShortcuts(session.store, actions);
  const designerView = useDesignerView();
  // A run opened from the Runs view on the canvas stands in for the test run until a test run starts.
  const pastRun = usePastRun({ client, flowStore: session.store, openFlowId: session.state.flowId, openFlow: (id) => session.session.open(id), showDesign: () => designerView.show('design') });
  const runTest = () => {
    pastRun.leave();
    testRun.run();
  };
  return (
    <CredentialStoreContext.Provider value={credentials}>
      <FlowStoreContext.Provider value={session.store}>
        <RunStoreContext.Provider value={pastRun.pastRun?.store ?? testRun.store}>
          <ReactFlowProvider>
            <div className="app">
              <Header onSave={actions.save} onRun={runTest} running={isRunBusy(testRun.state)} onRunTests={() => flowTests.run()} onOpenTests={flowTests.open} testsRunning={flowTests.state.phase === 'running'} theme={theme.effective} onToggleTheme={theme.toggle} {...(client ? { onCredentials: () => credentials.openDialog(), deployClient: client } : {})} {...(onSignOut ? { onSignOut } : {})} />
              <ViewTabs view={designerView.view} onChange={designerView.show} client={client} />
              {/* Kept mounted while an operations view is shown, so the open flow, canvas and editors keep their state. */}
              <main className="workspace" hidden={designerView.view !== 'design'}>
                <div className="side-column">
                  <FlowsPanel session={session.session} state={session.state} connected={client !== undefined} askFields={session.askFields} />
                  <Palette />
                </div>
                <div className="center-column">
                  <FlowCanvas colorMode={theme.effective} client={client} />
                  <RunPanel />
                  <FlowTestsPanel state={flowTests.state} client={client} onRun={flowTests.run} onClose={flowTests.close} />
                  {pastRun.pastRun && <PastRunBanner runId={pastRun.pastRun.runId} flowId={pastRun.pastRun.flowId} onBackToRuns={() => designerView.openRun(pastRun.pastRun?.runId ?? '')} onLeave={pastRun.leave} />}
                </div>
                <InspectorWithRun theme={theme.effective} client={client} />
              </main>
              {client && designerView.view !== 'design' && <OperationsView client={client} state={designerView} onShowOnCanvas={pastRun.showOnCanvas} onUseAsSample={pastRun.copyAsSample} onShowNode={pastRun.showNode} {...(session.state.flowId === undefined ? {} : { openFlowId: session.state.flowId })} />}
              <StatusBar message={session.status} client={client} connection={connection.state} run={testRun.state} onOpenOverview={() => designerView.show('flows-overview')} />
              {session.dialog}
              <CredentialsDialogHost />
              {helpOpen && <ShortcutHelp onClose={() => setHelpOpen(false)} />}
            </div>
          </ReactFlowProvider>
        </RunStoreContext.Provider>
      </FlowStoreContext.Provider>
    </CredentialStoreContext.Provider>
  );
}

/** The inspector, fed the contract client and the selected node's upstream output from the last run. */
function InspectorWithRun({ theme, client }: { theme: 'light' | 'dark'; client: ApiClient | undefined }) {
  const snapshot = useFlowSnapshot();
  const runStore = useRunStore();
  const run = useRunState();
  const selected = snapshot.selection.size === 1 ? [...snapshot.selection][0] : undefined;
  const upstream = useUpstreamOutput(runStore, run.runId, run.phase === 'finished', snapshot.doc, selected);
  return <Inspector theme={theme} client={client} {...(upstream ? { upstream } : {})} />;
}
