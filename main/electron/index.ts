// Electron main process: wires the lifecycle and nothing else (DESIGN.md §1, CRAFT.md "small files").
// One instance per user; the designer is served from app://pipewright/; every contract call from the
// window passes ipc-guard.ts and goes to the service in its utility process (desktop-app.ts).
import { join } from 'node:path';
import { app, ipcMain, protocol, session } from 'electron';
import { APP_SCHEME } from './app-origin.js';
import { readAppFile } from './app-files.js';
import { appPaths } from './app-paths.js';
import { IPC_CHANNELS } from './channels.js';
import { DesktopApp } from './desktop-app.js';
import { handleCall } from './ipc-guard.js';
import { workspaceFromArgs } from './launch-args.js';
import { mayGrantPermission, REMOTE_URL_PATTERNS } from './navigation-policy.js';

// Before 'ready': app:// is a standard, secure origin (so CSP 'self', fetch and module workers apply).
// Not corsEnabled: that would let other origins read it; the designer only loads from its own origin.
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } }]);
// Every renderer sandboxed, whatever options a window is given.
app.enableSandbox();
// The same settings folder in development (where the app is called "pipewright", after package.json)
// and installed ("Pipewright"): ~/.config/Pipewright, ~/Library/Application Support/Pipewright, %APPDATA%\Pipewright.
app.setPath('userData', join(app.getPath('appData'), 'Pipewright'));

if (!app.requestSingleInstanceLock()) {
  // Another Pipewright is running: it gets our argv (second-instance) and we are done.
  app.quit();
} else {
  // Bundled as CommonJS (scripts/bundle.ts): __dirname is dist/electron, in the checkout or the asar.
  const paths = appPaths(__dirname);
  const launchFolder = workspaceFromArgs({ argv: process.argv, defaultApp: process.defaultApp === true, cwd: process.cwd() });
  let desktop: DesktopApp | undefined;
  let quitting = false;

  app.on('second-instance', (_event, argv, workingDirectory) => {
    void desktop?.onSecondInstance(workspaceFromArgs({ argv, defaultApp: process.defaultApp === true, cwd: workingDirectory }));
  });

  app.whenReady().then(async () => {
    if (process.platform === 'win32') app.setAppUserModelId('dev.pipewright.app');
    protocol.handle(APP_SCHEME, async (request) => {
      const answer = await readAppFile(paths.rendererDir, request.url);
      return new Response(answer.body, { status: answer.status, headers: answer.headers });
    });
    session.defaultSession.setPermissionRequestHandler((contents, permission, callback) => callback(mayGrantPermission(permission, contents.getURL())));
    session.defaultSession.setPermissionCheckHandler((_contents, permission, requestingOrigin) => mayGrantPermission(permission, requestingOrigin));
    // Beyond the CSP: the window's session never reaches the network (flows' HTTP calls run in the
    // utility process, on Node's own network stack).
    session.defaultSession.webRequest.onBeforeRequest({ urls: REMOTE_URL_PATTERNS }, (_details, callback) => callback({ cancel: true }));
    ipcMain.handle(IPC_CHANNELS.call, (event, method: unknown, params: unknown) => {
      const sender = { frameUrl: event.senderFrame?.url, isMainFrame: event.senderFrame !== null && event.senderFrame === event.sender.mainFrame };
      return handleCall(sender, method, params, (checkedMethod, checkedParams) => desktop ? desktop.call(checkedMethod, checkedParams) : Promise.reject(new Error('not started')));
    });
    desktop = new DesktopApp(paths);
    await desktop.start(launchFolder);
  }).catch((error: unknown) => {
    process.stderr.write(`pipewright: cannot start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    app.exit(1);
  });

  app.on('activate', () => desktop?.showWindow());
  app.on('window-all-closed', () => {
    // macOS apps stay in the dock without windows; the engine keeps its workspace open meanwhile.
    if (process.platform !== 'darwin') app.quit();
  });
  // Close the engine before leaving: runs in progress stop at a step boundary and stay resumable.
  app.on('will-quit', (event) => {
    if (quitting || !desktop) return;
    event.preventDefault();
    quitting = true;
    void desktop.shutdown().finally(() => app.quit());
  });
}
