// The package's version, found by walking up from this file: it runs from main/api (tsx) and
// dist/main/api (built). The CLI, the service and the server all report this one.
import { existsSync, readFileSync } from 'node:fs';

let cached: string | undefined;

export function packageVersion(): string {
  if (cached !== undefined) return cached;
  cached = '0.0.0';
  for (let dir = new URL('.', import.meta.url); dir.pathname !== '/'; dir = new URL('..', dir)) {
    const candidate = new URL('package.json', dir);
    if (!existsSync(candidate)) continue;
    const pkg = JSON.parse(readFileSync(candidate, 'utf8')) as { name?: string; version?: string };
    if (pkg.name === 'pipewright') {
      cached = pkg.version ?? '0.0.0';
      break;
    }
  }
  return cached;
}
