// The top bar: the flow's name (with a dot when unsaved), undo/redo, save and the theme toggle.
import { useFlowSnapshot, useFlowStore } from '../canvas/use-flow-store.js';
import './header.css';

export interface HeaderProps {
  onSave: () => void;
  theme: 'light' | 'dark';
  onToggleTheme: () => void;
}

export function Header({ onSave, theme, onToggleTheme }: HeaderProps) {
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
        <button type="button" className="button" onClick={onToggleTheme} aria-label={theme === 'dark' ? 'Switch to light theme' : 'Switch to dark theme'}>
          {theme === 'dark' ? '☀' : '☾'}
        </button>
      </div>
    </header>
  );
}
