import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_CONTENT_SECURITY_POLICY, isAppUrl } from '../../../main/electron/app-origin.js';
import { readAppFile, resolveAppFile } from '../../../main/electron/app-files.js';

let root: string;

beforeAll(() => {
  const base = mkdtempSync(join(tmpdir(), 'pw-app-files-'));
  root = join(base, 'dist');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>Pipewright</title>');
  writeFileSync(join(root, 'assets', 'index-abc.js'), 'console.log(1)');
  writeFileSync(join(base, 'secret.txt'), 'outside the root');
});

afterAll(() => rmSync(join(root, '..'), { recursive: true, force: true }));

describe('the app:// file handler', () => {
  it('serves the designer files with their type and the CSP', async () => {
    const answer = await readAppFile(root, 'app://pipewright/assets/index-abc.js');
    expect(answer.status).toBe(200);
    expect(answer.headers['Content-Type']).toBe('text/javascript; charset=utf-8');
    expect(answer.headers['Content-Security-Policy']).toBe(APP_CONTENT_SECURITY_POLICY);
    expect(Buffer.from(answer.body).toString()).toBe('console.log(1)');
  });

  it('answers index.html for the root and client routes', async () => {
    for (const url of ['app://pipewright/', 'app://pipewright/index.html', 'app://pipewright/flows/orders']) {
      const answer = await readAppFile(root, url);
      expect(answer.status).toBe(200);
      expect(answer.headers['Content-Type']).toBe('text/html; charset=utf-8');
    }
  });

  it('never leaves the root and never serves another origin', async () => {
    for (const url of ['app://pipewright/../secret.txt', 'app://pipewright/%2e%2e/secret.txt', 'app://pipewright/assets/%2e%2e%2f..%2fsecret.txt', 'app://other/index.html', 'file:///etc/passwd', 'app://pipewright/missing.js']) {
      const answer = await readAppFile(root, url);
      expect(answer.status, url).toBe(404);
      expect(answer.headers['Content-Security-Policy']).toBe(APP_CONTENT_SECURITY_POLICY);
    }
    expect(resolveAppFile(root, 'app://pipewright/%00.js')).toBeUndefined();
  });

  it('allows nothing remote in the page', () => {
    expect(APP_CONTENT_SECURITY_POLICY).toContain("default-src 'self'");
    expect(APP_CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(APP_CONTENT_SECURITY_POLICY).not.toMatch(/https?:|unsafe-eval|\*/);
    expect(isAppUrl('app://pipewright/x')).toBe(true);
    expect(isAppUrl('app://pipewright.evil.com/x')).toBe(false);
  });
});
