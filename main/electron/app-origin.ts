// Where the designer is loaded from in the desktop app: `app://pipewright/`, a custom scheme served
// from the built renderer on disk (app-files.ts). Nothing remote is ever loaded, and a privileged
// standard scheme gives the page a real origin, so IPC senders and navigations can be checked by it.
import { designerContentSecurityPolicy } from '../../shared/designer-csp.js';

export const APP_SCHEME = 'app';
export const APP_HOST = 'pipewright';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** The designer's policy (shared/designer-csp.ts); the desktop app submits no forms. */
export const APP_CONTENT_SECURITY_POLICY = designerContentSecurityPolicy("'none'");

/** true for a URL of the app's own origin (`app://pipewright/...`); anything unparsable is foreign. */
export function isAppUrl(url: string | undefined): boolean {
  if (url === undefined) return false;
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
  } catch {
    return false;
  }
}
