// The designer window's options, built here so a test can hold them to Electron's security checklist
// without starting Electron (only Electron's types are imported).
import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron';
import type { WindowBounds } from './window-state.js';

/** The page gets no Node, runs sandboxed and isolated from the preload, and loads nothing insecure. */
export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
  };
}

export interface MainWindowInput {
  preloadPath: string;
  bounds: WindowBounds;
  /** Window icon (Linux, Windows); macOS takes the app bundle's. */
  iconPath?: string;
  /** The system prefers dark colours (Electron's nativeTheme.shouldUseDarkColors). */
  dark: boolean;
}

export const MIN_WINDOW_SIZE = { width: 900, height: 600 } as const;

export function mainWindowOptions(input: MainWindowInput): BrowserWindowConstructorOptions {
  return {
    ...input.bounds,
    minWidth: MIN_WINDOW_SIZE.width,
    minHeight: MIN_WINDOW_SIZE.height,
    title: 'Pipewright',
    // Shown on 'ready-to-show', so the user never sees an empty white frame.
    show: false,
    // The designer's page background (--bg in renderer/src/app/theme.css), for the first paint.
    backgroundColor: input.dark ? '#14171c' : '#f6f7f9',
    ...(input.iconPath === undefined ? {} : { icon: input.iconPath }),
    webPreferences: secureWebPreferences(input.preloadPath),
  };
}
