// The desktop app's state: the open workspace (its service in a utility process), the window, the
// menu and the settings file. index.ts creates one and forwards Electron's lifecycle events to it.
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { app, BrowserWindow, dialog, Menu, shell, utilityProcess } from 'electron';
import type { Method, Params, Result } from '../../shared/api/contract.js';
import { fromErrorData, type RpcResponse } from '../../shared/api/errors.js';
import type { ApiEvent } from '../../shared/api/events.js';
import { isPipewrightError } from '../../shared/errors.js';
import type { AppPaths } from './app-paths.js';
import { exportFlows, importFlows, type BundleContext } from './bundle-actions.js';
import { IPC_CHANNELS } from './channels.js';
import { ConnectionSlot } from './connection-slot.js';
import { createMainWindow } from './main-window.js';
import { buildMenuTemplate } from './menu-template.js';
import { addRecent, removeRecent } from './recent-workspaces.js';
import { connectService, type ServiceConnection, type ServiceProcess } from './service-connection.js';
import { readSettings, settingsPath, writeSettings, type AppSettings } from './settings-file.js';
import { seedExampleFlows } from '../workspace/seed-examples.js';
import { startupDialog } from './state-db-errors.js';

const DOCS_URL = 'https://github.com/pipewright/pipewright#readme';
const ISSUES_URL = 'https://github.com/pipewright/pipewright/issues';

export class DesktopApp {
  private readonly slot = new ConnectionSlot<ServiceConnection>();
  private readonly settingsFile = settingsPath(app.getPath('userData'));
  private settings: AppSettings = readSettings(this.settingsFile);
  private window: BrowserWindow | undefined;
  private leaveReason = 'close the window';

  constructor(private readonly paths: AppPaths) {}

  /** The first workspace: the folder given on the command line, else the last one, else ~/Documents/Pipewright. */
  async start(folder: string | undefined): Promise<void> {
    this.updateMenu();
    const candidates = folder !== undefined ? [folder] : [...new Set([...this.settings.recentWorkspaces.filter(isFolder), defaultWorkspace()])];
    for (const candidate of candidates) {
      if (await this.openWorkspace(candidate)) return;
    }
    // Nothing could be opened (each failure was explained in a dialog): let the user pick a folder.
    if (!(await this.chooseWorkspace())) app.quit();
  }

  /** Relays a checked call from the window to the active workspace's service. */
  call(method: Method, params: unknown): Promise<RpcResponse<unknown>> {
    const connection = this.slot.active;
    if (!connection) return Promise.resolve({ ok: false, error: { code: 'NO_WORKSPACE', message: 'no workspace is open: choose one with File ▸ Open Workspace…' } });
    return connection.call(method, params);
  }

  /** Second launch: bring the window forward and open the folder it was given. */
  async onSecondInstance(folder: string | undefined): Promise<void> {
    this.showWindow();
    if (folder !== undefined && folder !== this.slot.active?.workspace) await this.openWorkspace(folder);
  }

  /** macOS dock click with no window open. */
  showWindow(): void {
    if (!this.window || this.window.isDestroyed()) {
      if (this.slot.active) this.createWindow();
      return;
    }
    if (this.window.isMinimized()) this.window.restore();
    this.window.focus();
  }

  async shutdown(): Promise<void> {
    await this.slot.clear();
  }

  async chooseWorkspace(): Promise<boolean> {
    const options: Electron.OpenDialogOptions = { title: 'Open Workspace', buttonLabel: 'Open Workspace', properties: ['openDirectory', 'createDirectory'] };
    const picked = this.window && !this.window.isDestroyed() ? await dialog.showOpenDialog(this.window, options) : await dialog.showOpenDialog(options);
    const folder = picked.filePaths[0];
    if (picked.canceled || folder === undefined) return false;
    return this.openWorkspace(folder);
  }

  /** Starts the service on `folder`; on success the window shows it (after the unsaved-changes question). */
  async openWorkspace(given: string): Promise<boolean> {
    const folder = resolve(given);
    if (folder === this.slot.active?.workspace) {
      this.showWindow();
      return true;
    }
    if (folder === defaultWorkspace()) {
      mkdirSync(folder, { recursive: true });
      // A first start meets the example flows, not an empty canvas (main/workspace/seed-examples.ts).
      seedExampleFlows(folder, this.paths.examples);
    }
    let connection: ServiceConnection;
    try {
      connection = await this.connect(folder);
    } catch (error) {
      const data = isPipewrightError(error) ? error.toData() : { code: 'INTERNAL', message: String(error) };
      const text = startupDialog(data, folder);
      await this.showMessage({ type: 'error', title: text.title, message: text.message, detail: text.detail });
      return false;
    }
    this.remember(folder);
    if (!this.window || this.window.isDestroyed()) {
      await this.slot.activate(connection);
      this.createWindow();
    } else {
      await this.slot.begin(connection);
      this.reloadDesigner(`open the workspace ${basename(folder)}`);
    }
    return true;
  }

  private connect(folder: string): Promise<ServiceConnection> {
    const child = utilityProcess.fork(this.paths.serviceHost, [], { serviceName: 'Pipewright engine', stdio: 'inherit' });
    let connection: ServiceConnection | undefined;
    const connecting = connectService(child as unknown as ServiceProcess, {
      workspace: folder,
      onEvent: (event) => {
        if (connection && connection === this.slot.active) this.sendEvent(event);
      },
      onUnexpectedExit: (code) => {
        if (connection && connection === this.slot.active) void this.onServiceCrashed(folder, code);
      },
    });
    return connecting.then((opened) => (connection = opened));
  }

  private async onServiceCrashed(folder: string, code: number): Promise<void> {
    await this.slot.clear();
    const answer = await this.showMessage({
      type: 'error', buttons: ['Restart Engine', 'Quit'], defaultId: 0, cancelId: 1,
      title: 'Engine stopped', message: 'The Pipewright engine stopped unexpectedly.',
      detail: `Exit code ${code}. Runs in progress were interrupted and can be resumed; saved flows are safe.`,
    });
    if (answer === 0) await this.openWorkspace(folder);
    else app.quit();
  }

  private createWindow(): void {
    this.window = createMainWindow({
      preloadPath: this.paths.preload,
      iconPath: this.paths.icon,
      savedState: this.settings.window,
      onSaveState: (state) => this.saveSettings({ ...this.settings, window: state }),
      leaveReason: () => this.leaveReason,
      onLeaveCancelled: () => {
        this.leaveReason = 'close the window';
        void this.slot.cancel();
      },
      onNavigationStarted: () => {
        this.leaveReason = 'close the window';
        void this.slot.commit().then(() => this.updateTitle());
      },
    });
    this.window.on('closed', () => (this.window = undefined));
    this.updateTitle();
  }

  /** Reloads the page (it reads the workspace again); the user may keep unsaved changes instead. */
  private reloadDesigner(reason: string): void {
    if (!this.window || this.window.isDestroyed()) return;
    this.leaveReason = reason;
    this.window.webContents.reload();
  }

  private sendEvent(event: ApiEvent): void {
    if (this.window && !this.window.isDestroyed()) this.window.webContents.send(IPC_CHANNELS.event, event);
  }

  private updateTitle(): void {
    const workspace = this.slot.active?.workspace;
    this.window?.setTitle(workspace === undefined ? 'Pipewright' : `${basename(workspace)} — Pipewright`);
  }

  private remember(folder: string): void {
    this.saveSettings({ ...this.settings, recentWorkspaces: addRecent(this.settings.recentWorkspaces, folder) });
    app.addRecentDocument(folder);
  }

  private saveSettings(settings: AppSettings): void {
    this.settings = settings;
    try {
      writeSettings(this.settingsFile, settings);
    } catch (error) {
      process.stderr.write(`pipewright: cannot save ${this.settingsFile}: ${String(error)}\n`);
    }
    this.updateMenu();
  }

  private updateMenu(): void {
    const template = buildMenuTemplate({
      platform: process.platform,
      isDev: !app.isPackaged,
      recentWorkspaces: this.settings.recentWorkspaces,
      actions: {
        openWorkspace: () => void this.chooseWorkspace(),
        openRecent: (folder) => void this.openRecent(folder),
        clearRecent: () => {
          this.saveSettings({ ...this.settings, recentWorkspaces: [] });
          app.clearRecentDocuments();
        },
        importFlows: () => void this.withBundleContext(importFlows),
        exportFlows: () => void this.withBundleContext(exportFlows),
        revealWorkspace: () => {
          const workspace = this.slot.active?.workspace;
          if (workspace !== undefined) void shell.openPath(workspace);
        },
        openDocs: () => void shell.openExternal(DOCS_URL),
        reportIssue: () => void shell.openExternal(ISSUES_URL),
        showAbout: () => void this.showMessage({ type: 'info', title: 'About Pipewright', message: `Pipewright ${app.getVersion()}`, detail: `Electron ${process.versions.electron}, Node ${process.versions.node}` }),
      },
    });
    Menu.setApplicationMenu(Menu.buildFromTemplate(template));
  }

  private async openRecent(folder: string): Promise<void> {
    if (isFolder(folder)) {
      await this.openWorkspace(folder);
      return;
    }
    this.saveSettings({ ...this.settings, recentWorkspaces: removeRecent(this.settings.recentWorkspaces, folder) });
    await this.showMessage({ type: 'warning', title: 'Workspace not found', message: `${folder} no longer exists.`, detail: 'It was removed from the recent workspaces.' });
  }

  private async withBundleContext(action: (context: BundleContext) => Promise<void>): Promise<void> {
    const workspace = this.slot.active?.workspace;
    if (!this.window || this.window.isDestroyed() || workspace === undefined) return;
    const call = async <M extends Method>(method: M, params: Params<M>): Promise<Result<M>> => {
      const response = await this.call(method, params);
      if (!response.ok) throw fromErrorData(response.error);
      return response.result as Result<M>;
    };
    await action({ window: this.window, call, workspace, reloadDesigner: (reason) => this.reloadDesigner(reason) });
  }

  private async showMessage(options: Electron.MessageBoxOptions): Promise<number> {
    const result = this.window && !this.window.isDestroyed() ? await dialog.showMessageBox(this.window, options) : await dialog.showMessageBox(options);
    return result.response;
  }
}

/** Where a first start puts its flows when no folder was ever chosen. */
function defaultWorkspace(): string {
  return join(app.getPath('documents'), 'Pipewright');
}

function isFolder(path: string): boolean {
  try {
    return existsSync(path) && statSync(path).isDirectory();
  } catch {
    return false;
  }
}
