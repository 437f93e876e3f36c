import { describe, expect, it } from 'vitest';
import { decideWindowOpen, externalLink, mayGrantPermission, mayNavigate, REMOTE_URL_PATTERNS } from '../../../main/electron/navigation-policy.js';
import { mainWindowOptions, secureWebPreferences } from '../../../main/electron/window-options.js';

describe('the designer window options', () => {
  it('follow the Electron security checklist', () => {
    const options = mainWindowOptions({ preloadPath: '/app/dist/electron/preload.cjs', bounds: { width: 1200, height: 800 }, dark: true });
    expect(options.webPreferences).toMatchObject({
      preload: '/app/dist/electron/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
    });
    expect(options.webPreferences).not.toHaveProperty('enableBlinkFeatures');
    expect(options.show).toBe(false);
  });

  it('open with the given bounds and no position when none is known', () => {
    const options = mainWindowOptions({ preloadPath: '/p.cjs', bounds: { width: 1200, height: 800 }, dark: false });
    expect(options).toMatchObject({ width: 1200, height: 800 });
    expect(options).not.toHaveProperty('x');
    expect(secureWebPreferences('/p.cjs').preload).toBe('/p.cjs');
  });
});

describe('navigation, new windows and permissions', () => {
  it('stay inside the app origin', () => {
    expect(mayNavigate('app://pipewright/index.html#/flows/orders')).toBe(true);
    for (const url of ['https://example.com/', 'file:///etc/passwd', 'app://elsewhere/index.html', 'javascript:alert(1)', 'data:text/html,hi', '']) {
      expect(mayNavigate(url)).toBe(false);
    }
  });

  it('deny every new window and send web links to the system browser', () => {
    expect(decideWindowOpen('https://docs.example.com/a?b=1')).toEqual({ action: 'deny', openExternal: 'https://docs.example.com/a?b=1' });
    expect(decideWindowOpen('http://localhost:8080/')).toEqual({ action: 'deny', openExternal: 'http://localhost:8080/' });
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'smb://share/x', 'app://pipewright/index.html', 'nonsense']) {
      expect(decideWindowOpen(url)).toEqual({ action: 'deny' });
      expect(externalLink(url)).toBeUndefined();
    }
  });

  it('block the network for the page but never the app scheme', () => {
    expect(REMOTE_URL_PATTERNS).toEqual(expect.arrayContaining(['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*']));
    expect(REMOTE_URL_PATTERNS.some((pattern) => pattern.startsWith('app:') || pattern.startsWith('*'))).toBe(false);
  });

  it('grant no browser permission, even to the app', () => {
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen']) {
      expect(mayGrantPermission(permission, 'app://pipewright/index.html')).toBe(false);
    }
  });
});
