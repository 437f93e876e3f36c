// The switch between designing a flow and operating the workspace: Design, Runs, Dead letters and the
// Flows overview. Buttons with aria-pressed (the tests and screen readers find them by name); the
// chosen view's region replaces the design workspace, which stays mounted so nothing is lost.
export type DesignerView = 'design' | 'runs' | 'dead-letters' | 'flows-overview';

const tabs: Array<{ view: DesignerView; label: string }> = [
  { view: 'design', label: 'Design' },
  { view: 'runs', label: 'Runs' },
  { view: 'dead-letters', label: 'Dead letters' },
  { view: 'flows-overview', label: 'Flows overview' },
];

export function ViewTabs({ view, onChange, connected }: { view: DesignerView; onChange: (view: DesignerView) => void; connected: boolean }) {
  return (
    <nav className="view-tabs" aria-label="Views">
      {tabs.map((tab) => (
        <button
          key={tab.view}
          type="button"
          className={`view-tab${tab.view === view ? ' view-tab-active' : ''}`}
          aria-pressed={tab.view === view}
          disabled={!connected && tab.view !== 'design'}
          title={!connected && tab.view !== 'design' ? 'Connect to a server to see its runs and dead letters' : undefined}
          onClick={() => onChange(tab.view)}
        >
          {tab.label}
        </button>
      ))}
    </nav>
  );
}
