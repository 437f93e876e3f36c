// Hardening catalogue — secrets too short to recognise (issue "Hardening", DESIGN.md §6). Redaction only
// looks for secrets of 8 characters and more (a four-digit PIN would shred dates and amounts); a shorter
// secret is accepted, with a warning where it is set, saying it cannot be hidden in logs and traces.
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { Workspace } from '../cli/cli-harness.js';

const env = { PIPEWRIGHT_SECRETS_KEY: randomBytes(32).toString('hex') };

describe('a secret under 8 characters', () => {
  const ws = new Workspace();
  afterAll(() => ws.remove());

  it('is saved by credentials set with a warning that it cannot be recognised', async () => {
    const result = await ws.run(['credentials', 'set', 'pin', '--type', 'bearer'], { env, stdin: '2026\n' });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('added credential pin');
    expect(result.stderr).toMatch(/^pipewright: warning: pin: this secret is shorter than 8 characters, too short to be recognised and hidden in logs, traces and error messages/);
  });

  it('is not warned about at 8 characters and more', async () => {
    const result = await ws.run(['credentials', 'set', 'token', '--type', 'bearer'], { env, stdin: '20261204\n' });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toBe('');
  });
});
