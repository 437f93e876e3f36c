// `pipewright credentials set|list|delete` on the encrypted file store (no keychain needed): every
// credential type from options, the secret only ever from stdin, listings and files without secrets,
// and one clear line with exit 2 for each mistake.
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCredentialVault } from '../../../main/credentials/open-vault.js';
import { hasStackTrace, stdoutJson, Workspace, type CliResult } from '../cli/cli-harness.js';

const env = { PIPEWRIGHT_SECRETS_KEY: randomBytes(32).toString('hex') };
const SECRETS = { key: `key-${randomBytes(10).toString('hex')}`, password: `pw-${randomBytes(10).toString('hex')}`, token: `tok-${randomBytes(10).toString('hex')}`, client: `cs-${randomBytes(10).toString('hex')}` };

/** Every byte under the workspace (credentials.json, the encrypted file, anything else written). */
function allBytes(dir: string): string {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => readFileSync(join(entry.parentPath, entry.name)).toString('latin1'))
    .join('\n');
}

function expectOneProblem(result: CliResult, pattern: RegExp): void {
  expect(result.code).toBe(2);
  expect(result.stdout).toBe('');
  expect(result.stderr.trim().split('\n')).toHaveLength(1);
  expect(result.stderr).toMatch(pattern);
  expect(hasStackTrace(result.stderr)).toBe(false);
}

let ws: Workspace;
beforeAll(async () => {
  ws = new Workspace('pipewright-credentials-cli-');
  // All at once: four processes writing credentials.json and the encrypted file take turns (file lock).
  const results = await Promise.all([
    ws.run(['credentials', 'set', 'erp-key', '--type', 'apiKey', '--in', 'header', '--param-name', 'X-API-Key', '--prefix', 'Token '], { env, stdin: `${SECRETS.key}\n` }),
    ws.run(['credentials', 'set', 'erp-basic', '--type', 'basic', '--username', 'ada'], { env, stdin: SECRETS.password }),
    ws.run(['credentials', 'set', 'erp-bearer', '--type', 'bearer'], { env, stdin: SECRETS.token }),
    ws.run(
      ['credentials', 'set', 'erp-oauth', '--type', 'oauth2ClientCredentials', '--token-url', 'https://id.example/token', '--client-id', 'pipewright', '--scope', 'orders:read', '--audience', 'erp', '--client-auth', 'body'],
      { env, stdin: SECRETS.client },
    ),
  ]);
  for (const result of results) expect(result, result.stderr).toMatchObject({ code: 0, stderr: '' });
});
afterAll(() => ws?.remove());

describe('pipewright credentials', () => {
  it('stores every type with its fields, and the secret as piped', async () => {
    const vault = openCredentialVault(ws.dir, env);
    expect(await vault.resolve('erp-key')).toEqual({ definition: { name: 'erp-key', type: 'apiKey', fields: { in: 'header', name: 'X-API-Key', prefix: 'Token ' } }, secret: SECRETS.key });
    expect(await vault.resolve('erp-basic')).toEqual({ definition: { name: 'erp-basic', type: 'basic', fields: { username: 'ada' } }, secret: SECRETS.password });
    expect(await vault.resolve('erp-bearer')).toEqual({ definition: { name: 'erp-bearer', type: 'bearer', fields: {} }, secret: SECRETS.token });
    expect(await vault.resolve('erp-oauth')).toEqual({
      definition: { name: 'erp-oauth', type: 'oauth2ClientCredentials', fields: { tokenUrl: 'https://id.example/token', clientId: 'pipewright', scope: 'orders:read', audience: 'erp', clientAuth: 'body' } },
      secret: SECRETS.client,
    });
  });

  it('lists names, types, stores and whether a secret is stored, never a secret', async () => {
    const [table, json] = await Promise.all([ws.run(['credentials', 'list'], { env }), ws.run(['credentials', 'list', '--json'], { env })]);
    expect(table.stdout.split('\n').map((line) => line.split(/ {2,}/).slice(0, 4))).toEqual([
      ['NAME', 'TYPE', 'STORE', 'SECRET', 'UPDATED'].slice(0, 4),
      ['erp-basic', 'basic', 'encrypted-file', 'yes'],
      ['erp-bearer', 'bearer', 'encrypted-file', 'yes'],
      ['erp-key', 'apiKey', 'encrypted-file', 'yes'],
      ['erp-oauth', 'oauth2ClientCredentials', 'encrypted-file', 'yes'],
      [''],
    ]);
    const listed = stdoutJson<Array<Record<string, unknown>>>(json);
    expect(listed.map((c) => Object.keys(c).sort())).toEqual(Array(4).fill(['fields', 'hasSecret', 'name', 'store', 'type', 'updatedAt']));
    for (const value of Object.values(SECRETS)) {
      for (const output of [table.stdout, table.stderr, json.stdout, json.stderr]) expect(output).not.toContain(value);
    }
  });

  it('never writes a secret in the clear into the workspace', () => {
    const bytes = allBytes(ws.dir);
    for (const value of Object.values(SECRETS)) {
      expect(bytes).not.toContain(value);
      expect(bytes).not.toContain(Buffer.from(value).toString('base64'));
    }
  });

  it('refuses a secret given as an argument, without repeating it, and says how to pipe it', async () => {
    const value = `argv-${randomBytes(8).toString('hex')}`;
    const attempts = await Promise.all([
      ws.run(['credentials', 'set', 'x', '--type', 'bearer', '--token', value], { env }),
      ws.run(['credentials', 'set', 'x', '--type', 'basic', '--username', 'u', `--password=${value}`], { env }),
      ws.run(['credentials', 'set', 'x', '--type', 'oauth2ClientCredentials', '--client-secret', value], { env }),
      ws.run(['credentials', 'set', 'x', value, '--type', 'bearer'], { env }),
    ]);
    for (const result of attempts.slice(0, 3)) expectOneProblem(result, /secrets are never taken from the command line .*pipe the secret on stdin, e.g. `printf %s "\$SECRET" \| pipewright credentials set x --type /);
    expectOneProblem(attempts[3] as CliResult, /too many arguments/);
    for (const result of attempts) expect(result.stderr).not.toContain(value);
    const help = await ws.run(['credentials', 'set', '--help']);
    expect(help.stdout).toContain('printf %s "$TOKEN" | pipewright credentials set erp-api --type bearer');
    expect(help.stdout).toContain('never taken from the command line');
    expect(help.stdout).not.toMatch(/^\s+--(secret|password|token|key|api-key|client-secret|value)\s/m);
    expect(await openCredentialVault(ws.dir, env).list()).toHaveLength(4);
  });

  it('changes fields only with --keep-secret, and keeps the fields not given', async () => {
    const changed = await ws.run(['credentials', 'set', 'erp-key', '--in', 'query', '--keep-secret'], { env });
    expect(changed.stdout).toBe('updated credential erp-key (apiKey): secret unchanged\n');
    expect(await openCredentialVault(ws.dir, env).resolve('erp-key')).toEqual({
      definition: { name: 'erp-key', type: 'apiKey', fields: { in: 'query', name: 'X-API-Key', prefix: 'Token ' } },
      secret: SECRETS.key,
    });
  });

  it('answers each mistake with one line and exit 2', async () => {
    const other = new Workspace('pipewright-credentials-cli-');
    try {
      other.write('credentials.json', '{"format": "pipewright.credentials", ');
      const [noType, wrongField, badUrl, unknown, wrongKey, broken, emptySecret, typeChange] = await Promise.all([
        ws.run(['credentials', 'set', 'new-one'], { env, stdin: 'x' }),
        ws.run(['credentials', 'set', 'new-one', '--type', 'bearer', '--username', 'ada'], { env, stdin: 'x' }),
        ws.run(['credentials', 'set', 'new-one', '--type', 'oauth2ClientCredentials', '--token-url', 'ftp://id.example', '--client-id', 'c'], { env, stdin: 'x' }),
        ws.run(['credentials', 'delete', 'ghost'], { env }),
        ws.run(['credentials', 'list'], { env: { PIPEWRIGHT_SECRETS_KEY: randomBytes(32).toString('hex') } }),
        other.run(['credentials', 'list'], { env }),
        ws.run(['credentials', 'set', 'new-one', '--type', 'bearer'], { env, stdin: '\n' }),
        ws.run(['credentials', 'set', 'erp-bearer', '--type', 'basic', '--username', 'u', '--keep-secret'], { env }),
      ]);
      expectOneProblem(noType, /^pipewright: USAGE "new-one" is a new credential: give its type with --type \(apiKey, basic, bearer, oauth2ClientCredentials, postgres\)/);
      expectOneProblem(wrongField, /^pipewright: USAGE --username does not apply to bearer credentials/);
      expectOneProblem(badUrl, /^pipewright: CREDENTIAL_INVALID credential "new-one" \(oauth2ClientCredentials\): --token-url: must be an http:\/\/ or https:\/\/ URL/);
      expectOneProblem(unknown, /^pipewright: CREDENTIAL_NOT_FOUND no credential "ghost" in this workspace/);
      // list still shows the definitions; the wrong key is the warning.
      expect(wrongKey.code).toBe(0);
      expect(wrongKey.stderr).toMatch(/^pipewright: warning: cannot tell which secrets are stored: SECRETS_KEY_WRONG cannot decrypt .*secrets\.enc: PIPEWRIGHT_SECRETS_KEY is not the key it was written with, or the file was changed/);
      expectOneProblem(broken, /credentials\.json: CREDENTIALS_FILE_INVALID credentials\.json is not valid JSON/);
      expectOneProblem(emptySecret, /^pipewright: CREDENTIAL_SECRET_EMPTY no secret given: pipe it on stdin/);
      expectOneProblem(typeChange, /^pipewright: USAGE credential "erp-bearer" changes type from bearer to basic: the stored secret belongs to the old type/);
    } finally {
      other.remove();
    }
  });

  it('tells to set the environment variable when secrets come from the environment', async () => {
    const envOnly = { PIPEWRIGHT_SECRET_STORE: 'environment', PIPEWRIGHT_SECRETS_KEY: undefined as unknown as string };
    const refused = await ws.run(['credentials', 'set', 'erp-bearer', '--type', 'bearer'], { env: envOnly, stdin: 'x' });
    expectOneProblem(refused, /set PIPEWRIGHT_SECRET_ERP_BEARER in the environment, and save the definition with --keep-secret/);
  });

  it('deletes the definition and the secret', async () => {
    const deleted = await ws.run(['credentials', 'delete', 'erp-bearer'], { env });
    expect(deleted).toMatchObject({ code: 0, stdout: 'deleted credential erp-bearer\n', stderr: '' });
    const vault = openCredentialVault(ws.dir, env);
    expect(vault.definition('erp-bearer')).toBeUndefined();
    expect(await vault.store.get('erp-bearer')).toBeUndefined();
  });
});
