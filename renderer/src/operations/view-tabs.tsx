// The switch between designing a flow and operating the workspace: Design, Runs, Logs, Dead letters and
// the Flows overview. Buttons with aria-pressed (the tests and screen readers find them by name); the
// chosen view's region replaces the design workspace, which stays mounted so nothing is lost. The
// Dead letters tab counts the letters waiting, kept current by the service's events
// (./dead-letter-watch.ts), so a failing flow shows without opening the view.
import type { ApiClient } from '../api/client.js';
import { useDeadLetterCount } from './dead-letter-watch.js';

export type DesignerView = 'design' | 'runs' | 'logs' | 'dead-letters' | 'flows-overview';

const tabs: Array<{ view: DesignerView; label: string }> = [
  { view: 'design', label: 'Design' },
  { view: 'runs', label: 'Runs' },
  { view: 'logs', label: 'Logs' },
  { view: 'dead-letters', label: 'Dead letters' },
  { view: 'flows-overview', label: 'Flows overview' },
];

export function ViewTabs({ view, onChange, client }: { view: DesignerView; onChange: (view: DesignerView) => void; client: ApiClient | undefined }) {
  const connected = client !== undefined;
  const deadLetters = useDeadLetterCount(client);
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
          {/* Part of the button's name ("Dead letters 3"), so a screen reader hears the count too. */}
          {tab.view === 'dead-letters' && deadLetters !== undefined && deadLetters > 0 && <span className="view-tab-count"> {deadLetters.toLocaleString()}</span>}
        </button>
      ))}
    </nav>
  );
}
