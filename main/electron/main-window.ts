// The designer window: secure options (window-options.ts), the navigation and window-open policy
// (navigation-policy.ts), the unsaved-changes question, and its size and place remembered.
import { BrowserWindow, dialog, nativeTheme, screen, shell } from 'electron';
import { APP_ENTRY_URL } from './app-origin.js';
import { decideWindowOpen, externalLink, mayNavigate } from './navigation-policy.js';
import { mainWindowOptions } from './window-options.js';
import { restoreWindowBounds, type WindowState } from './window-state.js';

export interface MainWindowOptions {
  preloadPath: string;
  iconPath: string;
  savedState: WindowState | undefined;
  /** Called when the window closes, with where it was. */
  onSaveState(state: WindowState): void;
  /** What leaving the page now would do, for the unsaved-changes question ("close the window"). */
  leaveReason(): string;
  /** The user kept unsaved changes: whatever wanted the page to go away is called off. */
  onLeaveCancelled(): void;
  /** A main-frame navigation (a reload) really started. */
  onNavigationStarted(): void;
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const workAreas = screen.getAllDisplays().map((display) => display.workArea);
  const bounds = restoreWindowBounds(options.savedState, workAreas);
  const window = new BrowserWindow(mainWindowOptions({ preloadPath: options.preloadPath, iconPath: options.iconPath, bounds, dark: nativeTheme.shouldUseDarkColors }));
  if (options.savedState?.maximized) window.maximize();
  window.once('ready-to-show', () => window.show());
  // The title names the workspace (set by the app), not the page.
  window.on('page-title-updated', (event) => event.preventDefault());

  const contents = window.webContents;
  const refuseNavigation = (event: { preventDefault(): void }, url: string) => {
    if (mayNavigate(url)) return;
    event.preventDefault();
    const external = externalLink(url);
    if (external) void shell.openExternal(external);
  };
  contents.on('will-navigate', (event) => refuseNavigation(event, event.url));
  contents.on('will-redirect', (event) => refuseNavigation(event, event.url));
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    const decision = decideWindowOpen(url);
    if (decision.openExternal) void shell.openExternal(decision.openExternal);
    return { action: decision.action };
  });
  contents.on('did-start-navigation', (details) => {
    if (details.isMainFrame && !details.isSameDocument) options.onNavigationStarted();
  });

  // The designer's beforeunload guard (unsaved changes) only cancels silently in Electron: ask here.
  contents.on('will-prevent-unload', (event) => {
    const choice = dialog.showMessageBoxSync(window, {
      type: 'question',
      buttons: ['Discard Changes', 'Keep Editing'],
      defaultId: 1,
      cancelId: 1,
      title: 'Unsaved changes',
      message: 'The open flow has unsaved changes.',
      detail: `They are lost if you ${options.leaveReason()}.`,
    });
    if (choice === 0) event.preventDefault();
    else options.onLeaveCancelled();
  });

  window.on('close', () => {
    options.onSaveState({ bounds: window.getNormalBounds(), maximized: window.isMaximized() });
  });
  void window.loadURL(APP_ENTRY_URL);
  return window;
}
