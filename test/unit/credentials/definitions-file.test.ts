// <workspace>/credentials.json: deterministic text, validated on read with a clear error and the path,
// and never a secret in it.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readDefinitions, serializeDefinitions, writeDefinitions } from '../../../main/credentials/definitions-file.js';
import { openCredentialVault } from '../../../main/credentials/open-vault.js';
import { PipewrightError } from '../../../shared/errors.js';

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'pipewright-defs-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const file = (): string => join(dir, 'credentials.json');

function readError(): PipewrightError {
  try {
    readDefinitions(dir);
  } catch (error) {
    expect(error).toBeInstanceOf(PipewrightError);
    return error as PipewrightError;
  }
  throw new Error('readDefinitions did not fail');
}

describe('credentials.json', () => {
  it('is written sorted by name with fields in a fixed order, two-space indent and a trailing newline', () => {
    const workspaceId = '0123abcd-0000-4000-8000-000000000000';
    const a = serializeDefinitions({
      workspaceId,
      credentials: [
        { name: 'zeta', type: 'oauth2ClientCredentials', fields: { tokenUrl: 'https://id.example/token', clientId: 'c', scope: 'read' } },
        { name: 'alpha', type: 'apiKey', fields: { prefix: 'Token ', name: 'X-Key', in: 'header' }, updatedAt: '2026-01-01T00:00:00.000Z' },
      ],
    });
    const b = serializeDefinitions({
      workspaceId,
      credentials: [
        { name: 'alpha', type: 'apiKey', fields: { in: 'header', name: 'X-Key', prefix: 'Token ' }, updatedAt: '2026-01-01T00:00:00.000Z' },
        { name: 'zeta', type: 'oauth2ClientCredentials', fields: { scope: 'read', clientId: 'c', tokenUrl: 'https://id.example/token' } },
      ],
    });
    expect(a).toBe(b);
    expect(a.endsWith('}\n')).toBe(true);
    expect(a).toContain('\n  "credentials": [\n    {\n      "name": "alpha"');
    expect(a.indexOf('"in"')).toBeLessThan(a.indexOf('"prefix"'));
    expect(JSON.parse(a)).toMatchObject({ format: 'pipewright.credentials', version: 1, workspaceId });
  });

  it('reads back what it wrote', () => {
    const document = { workspaceId: '0123abcd-0000-4000-8000-000000000000', credentials: [{ name: 'b', type: 'basic' as const, fields: { username: 'ada' }, updatedAt: '2026-01-01T00:00:00.000Z' }] };
    writeDefinitions(dir, document);
    expect(readDefinitions(dir)).toEqual(document);
  });

  it('never holds a secret saved through the vault', async () => {
    const secret = 'pw-that-must-stay-out-of-the-workspace';
    const vault = openCredentialVault(dir, { PIPEWRIGHT_SECRETS_KEY: 'ab'.repeat(32) });
    await vault.save({ name: 'erp', type: 'basic', fields: { username: 'ada' } }, secret);
    const text = readFileSync(file(), 'utf8');
    expect(text).not.toContain(secret);
    expect(JSON.parse(text)).toMatchObject({ credentials: [{ name: 'erp', type: 'basic', fields: { username: 'ada' } }] });
  });

  it('names the file and the JSON problem when it is not JSON', () => {
    writeFileSync(file(), '{ "format": ');
    const error = readError();
    expect(error.code).toBe('CREDENTIALS_FILE_INVALID');
    expect(error.location?.file).toBe(file());
    expect(error.message).toMatch(/credentials\.json is not valid JSON/);
  });

  it('names every invalid place with its path', () => {
    writeFileSync(
      file(),
      JSON.stringify({
        format: 'pipewright.credentials',
        version: 1,
        workspaceId: '0123abcd-0000-4000-8000-000000000000',
        credentials: [
          { name: 'ok', type: 'bearer', fields: {} },
          { name: 'bad', type: 'apiKey', fields: { in: 'cookie', name: 'k' } },
          { name: 'ok', type: 'bearer', fields: {} },
          { name: 'odd', type: 'bearer', fields: {}, secret: 'never here' },
        ],
      }),
    );
    const error = readError();
    expect(error.code).toBe('CREDENTIALS_FILE_INVALID');
    expect(error.problems?.map((p) => p.path)).toEqual(['credentials[1].fields.in', 'credentials[2].name', 'credentials[3]']);
    expect(error.problems?.every((p) => p.file === file())).toBe(true);
    expect(error.message).toMatch(/^credentials\.json is not a valid credentials file: credentials\[1\]\.fields\.in: .* \(and 2 more\)/);
  });

  it('refuses a file of another format or a newer version', () => {
    writeFileSync(file(), JSON.stringify({ format: 'pipewright.credentials', version: 2, workspaceId: '0123abcd-0000', credentials: [] }));
    expect(readError().problems?.[0]?.path).toBe('version');
    writeFileSync(file(), JSON.stringify([]));
    expect(readError().code).toBe('CREDENTIALS_FILE_INVALID');
  });
});
