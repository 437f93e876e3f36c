// Light/dark theme: follows the system until the user picks one with the header toggle; the choice is
// remembered. The effective theme is also handed to React Flow (its colorMode) so both match.
import { useEffect, useState, useSyncExternalStore } from 'react';

export type ThemeChoice = 'system' | 'light' | 'dark';
const STORAGE_KEY = 'pipewright.theme';
const darkQuery = () => window.matchMedia('(prefers-color-scheme: dark)');

export function useTheme(): { choice: ThemeChoice; effective: 'light' | 'dark'; toggle: () => void } {
  const [choice, setChoice] = useState<ThemeChoice>(() => readChoice());
  const systemDark = useSyncExternalStore(
    (onChange) => {
      const query = darkQuery();
      query.addEventListener('change', onChange);
      return () => query.removeEventListener('change', onChange);
    },
    () => darkQuery().matches,
  );
  const effective = choice === 'system' ? (systemDark ? 'dark' : 'light') : choice;

  // The stylesheet knows one dark palette, under data-theme="dark": the effective theme is always set
  // here, whether it came from the system or from the toggle.
  useEffect(() => {
    document.documentElement.dataset.theme = effective;
  }, [effective]);

  useEffect(() => {
    localStorage.setItem(STORAGE_KEY, choice);
  }, [choice]);

  // The toggle flips what is on screen; from then on the choice is explicit.
  const toggle = () => setChoice(effective === 'dark' ? 'light' : 'dark');
  return { choice, effective, toggle };
}

function readChoice(): ThemeChoice {
  const stored = localStorage.getItem(STORAGE_KEY);
  return stored === 'light' || stored === 'dark' ? stored : 'system';
}
