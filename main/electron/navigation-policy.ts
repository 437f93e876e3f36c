// What the designer window may do beyond its own page (Electron security checklist items 12-14): it
// never navigates away from the app, never opens a window, and gets no browser permission. A plain
// http(s) link may be handed to the system browser; every other scheme (file:, javascript:, custom
// protocol handlers of other apps) is dropped.
import { isAppUrl } from './app-origin.js';

/** `will-navigate` / `will-redirect`: stay only within the app's origin (a reload, a client route). */
export function mayNavigate(url: string): boolean {
  return isAppUrl(url);
}

/** The http(s) URL to give the system browser, or undefined for anything else. */
export function externalLink(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

export interface WindowOpenDecision {
  /** Always 'deny': the app opens no Electron windows for the page. */
  action: 'deny';
  /** Open this in the system browser instead, when it is a web link. */
  openExternal?: string;
}

/** `setWindowOpenHandler`: deny; a web link goes to the system browser. */
export function decideWindowOpen(url: string): WindowOpenDecision {
  const external = externalLink(url);
  return external === undefined ? { action: 'deny' } : { action: 'deny', openExternal: external };
}

/** `setPermissionRequestHandler` / `setPermissionCheckHandler`: the designer needs no permission. */
export function mayGrantPermission(_permission: string, _requestingUrl: string): boolean {
  return false;
}

/**
 * What the window's session refuses outright (webRequest), beyond the CSP. Schemes are spelt out:
 * a `*` scheme would depend on Chromium's reading of match patterns, and app:// must stay reachable.
 */
export const REMOTE_URL_PATTERNS = ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*'];
