// The built designer (renderer/dist) as static files, with a Content-Security-Policy that allows
// nothing remote: scripts, styles, fonts, images and connections all come from this server. Monaco
// needs inline styles (it sets `style` attributes) and workers started from blob: URLs.
// Client-side routes (`/flows/orders`) get index.html, so a reload on any designer page works.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import { designerContentSecurityPolicy } from '../../shared/designer-csp.js';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

export const CONTENT_SECURITY_POLICY = designerContentSecurityPolicy("'self'");

/** Sent with every response, API answers included (they cost nothing there and keep the rule simple). */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/**
 * `renderer/dist` of the installed package, found by walking up from this file: it runs from
 * main/server (tsx) and dist/main/server (built).
 */
export function defaultDesignerDir(): string | undefined {
  for (let dir = new URL('.', import.meta.url); dir.pathname !== '/'; dir = new URL('..', dir)) {
    if (existsSync(new URL('package.json', dir)) && existsSync(new URL('renderer/', dir))) return fileURLToPath(new URL('renderer/dist/', dir));
  }
  return undefined;
}

export function hasDesigner(staticDir: string | undefined): staticDir is string {
  return staticDir !== undefined && existsSync(join(staticDir, 'index.html'));
}

export async function registerStaticFiles(app: FastifyInstance, staticDir: string): Promise<void> {
  await app.register(fastifyStatic, {
    root: staticDir,
    prefix: '/',
    index: 'index.html',
    dotfiles: 'ignore',
    // index.html names the hashed bundles, so it must be revalidated; the bundles themselves may be cached.
    setHeaders: (reply, path) => {
      if (path.endsWith('.html')) reply.header('Cache-Control', 'no-cache');
    },
  });
}

/**
 * For a GET that found no file: a client route (no file extension) gets index.html; a missing asset
 * gets undefined so the caller answers 404.
 */
export function sendDesignerFallback(request: FastifyRequest, reply: FastifyReply, staticDir: string | undefined): FastifyReply | undefined {
  if (!hasDesigner(staticDir) || (request.method !== 'GET' && request.method !== 'HEAD')) return undefined;
  const path = request.url.split('?')[0] ?? '/';
  const last = path.slice(path.lastIndexOf('/') + 1);
  if (last.includes('.')) return undefined;
  return reply.header('Cache-Control', 'no-cache').sendFile('index.html');
}
