// Serves the built renderer (renderer/dist) for the `app://pipewright/` scheme. Plain Node, so it is
// tested without Electron: index.ts turns the answer into a fetch Response inside protocol.handle.
// Only files under the root are served (no `..`, no symlink games via the URL), every answer carries
// the Content-Security-Policy, and a path without an extension is a client route → index.html.
import { readFile, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { APP_CONTENT_SECURITY_POLICY, isAppUrl } from './app-origin.js';

export interface AppFileAnswer {
  status: number;
  headers: Record<string, string>;
  body: Uint8Array | string;
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

const BASE_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': APP_CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Referrer-Policy': 'no-referrer',
};

/** The file under `root` that `url` names, or undefined when the URL is foreign or leaves the root. */
export function resolveAppFile(root: string, url: string): string | undefined {
  if (!isAppUrl(url)) return undefined;
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(url).pathname);
  } catch {
    return undefined;
  }
  if (pathname.includes('\0')) return undefined;
  const last = pathname.slice(pathname.lastIndexOf('/') + 1);
  const relative = pathname === '/' || !last.includes('.') ? 'index.html' : pathname.replace(/^\/+/, '');
  const base = resolve(root);
  const file = resolve(join(base, relative));
  return file.startsWith(base + sep) ? file : undefined;
}

export async function readAppFile(root: string, url: string): Promise<AppFileAnswer> {
  const file = resolveAppFile(root, url);
  if (file === undefined) return notFound();
  try {
    if (!(await stat(file)).isFile()) return notFound();
    const body = new Uint8Array(await readFile(file));
    const contentType = CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
    return { status: 200, headers: { ...BASE_HEADERS, 'Content-Type': contentType, 'Cache-Control': 'no-cache' }, body };
  } catch {
    return notFound();
  }
}

function notFound(): AppFileAnswer {
  return { status: 404, headers: { ...BASE_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' }, body: 'not found' };
}
