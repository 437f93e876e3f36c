// The hidden prompt on a real terminal: `script` runs `pipewright credentials set` on a pseudo-terminal,
// we type the secret when the prompt shows, and check that the terminal never showed it.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, describe, expect, it } from 'vitest';
import { openCredentialVault } from '../../../main/credentials/open-vault.js';
import { requireSystem } from '../../support/require-system.js';
import { BIN, Workspace } from '../cli/cli-harness.js';

const script = requireSystem({ name: 'script (/usr/bin/script)', present: process.platform === 'linux' && existsSync('/usr/bin/script'), install: 'apt-get install -y bsdutils' });
const TSX = createRequire(import.meta.url).resolve('tsx');
const quote = (text: string): string => `'${text.replace(/'/g, `'\\''`)}'`;

describe.skipIf(!script.present)('credentials set on a terminal', () => {
  const ws = new Workspace('pipewright-prompt-');
  const env = { PIPEWRIGHT_SECRETS_KEY: randomBytes(32).toString('hex') };
  afterAll(() => ws.remove());

  it('asks for the secret without echoing it, and saves what was typed', async () => {
    const secret = `typed-${randomBytes(6).toString('hex')}`;
    const command = [process.execPath, '--import', TSX, BIN, '--workspace', ws.dir, 'credentials', 'set', 'erp-api', '--type', 'bearer'].map(quote).join(' ');
    const child = spawn('/usr/bin/script', ['-qec', command, '/dev/null'], { env: { ...process.env, ...env, NO_COLOR: '1' }, stdio: ['pipe', 'pipe', 'pipe'] });
    let screen = '';
    let typed = false;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      screen += chunk;
      if (!typed && screen.includes('(input hidden): ')) {
        typed = true;
        // A typo and a backspace, then Enter, as a person would.
        child.stdin.write(`${secret}x\u007f\r`);
      }
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    child.stdin.end();
    expect(screen).toContain('Token for erp-api (input hidden): ');
    expect(screen).toContain('added credential erp-api (bearer): secret saved in the encrypted secrets file');
    expect(screen).not.toContain(secret);
    expect(code).toBe(0);
    expect((await openCredentialVault(ws.dir, env).resolve('erp-api')).secret).toBe(secret);
  });
});
