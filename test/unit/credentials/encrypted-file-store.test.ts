// The encrypted secrets file: AES-256-GCM under PIPEWRIGHT_SECRETS_KEY (raw key or passphrase), with
// clear errors for a wrong key, a changed file and a file that is not ours, and no secret in its bytes.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EncryptedFileStore } from '../../../main/credentials/encrypted-file-store.js';
import { parseSecretsKey } from '../../../main/credentials/secrets-key.js';
import { PipewrightError } from '../../../shared/errors.js';

const SECRET = `s3cr3t-${randomBytes(8).toString('hex')}`;
let dir: string;
let file: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pipewright-secrets-'));
  file = join(dir, '.pipewright', 'secrets.enc');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const store = (key: string): EncryptedFileStore => new EncryptedFileStore(file, parseSecretsKey(key));

async function failure(promise: Promise<unknown>): Promise<PipewrightError> {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PipewrightError);
  const pipewrightError = error as PipewrightError;
  expect(pipewrightError.message).not.toContain(SECRET);
  expect(pipewrightError.message).not.toMatch(/^\s+at /m);
  return pipewrightError;
}

describe('encrypted file store', () => {
  const keys = {
    'a hex key': randomBytes(32).toString('hex'),
    'a base64 key': randomBytes(32).toString('base64'),
    'a passphrase': 'correct horse battery staple',
  };

  for (const [form, key] of Object.entries(keys)) {
    it(`keeps secrets across instances with ${form}`, async () => {
      await store(key).set('erp-api', SECRET);
      await store(key).set('other', 'second');
      expect(await store(key).get('erp-api')).toBe(SECRET);
      expect(await store(key).get('other')).toBe('second');
      expect(await store(key).get('missing')).toBeUndefined();
      expect(await store(key).delete('erp-api')).toBe(true);
      expect(await store(key).delete('erp-api')).toBe(false);
      expect(await store(key).get('erp-api')).toBeUndefined();
      expect(await store(key).get('other')).toBe('second');
    });
  }

  it('tells a raw key from a passphrase', () => {
    expect(parseSecretsKey('ab'.repeat(32)).kind).toBe('raw');
    expect(parseSecretsKey(randomBytes(32).toString('base64')).kind).toBe('raw');
    expect(parseSecretsKey(randomBytes(32).toString('base64url').replace(/=+$/, '')).kind).toBe('raw');
    expect(parseSecretsKey(randomBytes(16).toString('hex')).kind).toBe('passphrase');
    expect(parseSecretsKey('a long passphrase').kind).toBe('passphrase');
    expect(() => parseSecretsKey('  ')).toThrow(/PIPEWRIGHT_SECRETS_KEY is empty/);
  });

  it('never writes the secret, nor the key, into the file, and keeps the file to its owner', async () => {
    const key = 'passphrase for the bytes test';
    await store(key).set('erp-api', SECRET);
    const bytes = readFileSync(file);
    expect(bytes.includes(SECRET)).toBe(false);
    expect(bytes.includes(Buffer.from(SECRET).toString('base64'))).toBe(false);
    expect(bytes.includes(key)).toBe(false);
    expect(bytes.includes('erp-api')).toBe(false);
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('uses a fresh IV for every write', async () => {
    const key = randomBytes(32).toString('hex');
    await store(key).set('a', SECRET);
    const first = JSON.parse(readFileSync(file, 'utf8')) as { iv: string; data: string };
    await store(key).set('a', SECRET);
    const second = JSON.parse(readFileSync(file, 'utf8')) as { iv: string; data: string };
    expect(second.iv).not.toBe(first.iv);
    expect(second.data).not.toBe(first.data);
  });

  it('says the key is wrong when the file was written with another key', async () => {
    await store(randomBytes(32).toString('hex')).set('a', SECRET);
    const error = await failure(store(randomBytes(32).toString('hex')).get('a'));
    expect(error.code).toBe('SECRETS_KEY_WRONG');
    expect(error.message).toContain(`cannot decrypt ${file}: PIPEWRIGHT_SECRETS_KEY is not the key it was written with, or the file was changed`);
    expect(error.location?.file).toBe(file);
  });

  it('says which kind of key the file wants when a passphrase meets a raw-key file', async () => {
    await store(randomBytes(32).toString('hex')).set('a', SECRET);
    const error = await failure(store('some passphrase').get('a'));
    expect(error.code).toBe('SECRETS_KEY_WRONG');
    expect(error.message).toMatch(/written with a 32-byte key, but PIPEWRIGHT_SECRETS_KEY holds a passphrase/);
  });

  it('refuses a file with one changed byte, in the ciphertext or in the header', async () => {
    const key = 'passphrase for tampering';
    await store(key).set('a', SECRET);
    const original = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown> & { data: string; kdf: { salt: string } };
    const data = Buffer.from(original.data, 'base64');
    data[0] = (data[0] ?? 0) ^ 1;
    writeFileSync(file, JSON.stringify({ ...original, data: data.toString('base64') }));
    expect((await failure(store(key).get('a'))).code).toBe('SECRETS_KEY_WRONG');

    const salt = Buffer.from(original.kdf.salt, 'base64');
    salt[0] = (salt[0] ?? 0) ^ 1;
    writeFileSync(file, JSON.stringify({ ...original, kdf: { ...original.kdf, salt: salt.toString('base64') } }));
    expect((await failure(store(key).get('a'))).code).toBe('SECRETS_KEY_WRONG');
  });

  it('says the file is damaged when it is truncated, garbage or not ours', async () => {
    const key = randomBytes(32).toString('hex');
    await store(key).set('a', SECRET);
    const text = readFileSync(file, 'utf8');
    for (const content of [text.slice(0, text.length / 2), 'garbage', '{"format":"something else"}', '']) {
      writeFileSync(file, content);
      const error = await failure(store(key).set('b', 'x'));
      expect(error.code).toBe('SECRETS_FILE_DAMAGED');
      expect(error.message).toContain(`cannot read ${file}`);
      expect(error.message).toMatch(/restore it from a backup, or delete it and set the secrets again/i);
    }
  });

  it('asks for a newer Pipewright when the file has a newer version', async () => {
    const key = randomBytes(32).toString('hex');
    await store(key).set('a', SECRET);
    const value = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    writeFileSync(file, JSON.stringify({ ...value, version: 2 }));
    expect((await failure(store(key).get('a'))).code).toBe('SECRETS_FILE_VERSION');
  });
});
