// The key of the encrypted secrets file, from PIPEWRIGHT_SECRETS_KEY. A 32-byte key given as 64 hex
// characters or as base64 is used as it is (`openssl rand -hex 32`); anything else is a passphrase,
// stretched with scrypt and a random salt kept in the file's header, so the same passphrase gives
// different keys for different files and guessing it costs memory and time.
import { scryptSync } from 'node:crypto';
import { PipewrightError } from '../../shared/errors.js';
import { KEY_VARIABLE } from './store-errors.js';

export type KeySource = { kind: 'raw'; key: Buffer } | { kind: 'passphrase'; passphrase: string };

/** How the file's key was made; part of the authenticated header. */
export type KeyDerivation = { name: 'none' } | { name: 'scrypt'; salt: string; N: number; r: number; p: number };

/** scrypt cost: 32 MiB of memory and about a tenth of a second per derivation. */
export const SCRYPT_COST = { N: 32768, r: 8, p: 1 } as const;

export function parseSecretsKey(value: string | undefined): KeySource {
  if (value === undefined || value.trim() === '') {
    throw new PipewrightError('SECRETS_KEY_MISSING', `${KEY_VARIABLE} is empty: set it to 64 hex characters (\`openssl rand -hex 32\`), base64 of 32 bytes, or a long passphrase`);
  }
  const text = value.trim();
  if (/^[0-9a-fA-F]{64}$/.test(text)) return { kind: 'raw', key: Buffer.from(text, 'hex') };
  if (/^[A-Za-z0-9+/]{43}=?$/.test(text) || /^[A-Za-z0-9_-]{43}$/.test(text)) {
    const key = Buffer.from(text, 'base64');
    if (key.length === 32) return { kind: 'raw', key };
  }
  return { kind: 'passphrase', passphrase: text };
}

/** The 32-byte AES key for a file written with `derivation`; undefined when the key's form does not fit it. */
export function keyFor(source: KeySource, derivation: KeyDerivation): Buffer | undefined {
  if (derivation.name === 'none') return source.kind === 'raw' ? source.key : undefined;
  if (source.kind !== 'passphrase') return undefined;
  const { N, r, p } = derivation;
  return scryptSync(source.passphrase.normalize('NFC'), Buffer.from(derivation.salt, 'base64'), 32, { N, r, p, maxmem: 256 * N * r });
}

/** What a new file records about its key. */
export function derivationFor(source: KeySource, salt: Buffer): KeyDerivation {
  return source.kind === 'raw' ? { name: 'none' } : { name: 'scrypt', salt: salt.toString('base64'), ...SCRYPT_COST };
}

export function describeDerivation(derivation: KeyDerivation): string {
  return derivation.name === 'none' ? 'a 32-byte key' : 'a passphrase';
}
