// Secrets in one file encrypted with AES-256-GCM, for servers without a keychain (DESIGN.md §6). The
// key comes from PIPEWRIGHT_SECRETS_KEY (see secrets-key.ts); the file is
// `<workspace>/.pipewright/secrets.enc` unless PIPEWRIGHT_SECRETS_FILE names another.
//
// The file is JSON: a header (format, version, how the key was made) that is authenticated as GCM's
// additional data, a fresh random IV per write, the tag and the ciphertext of `{"secrets":{name:value}}`.
// GCM cannot tell a wrong key from a changed file, so that error names both.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { z } from 'zod';
import { PipewrightError } from '../../shared/errors.js';
import { writeFileAtomically } from '../files/atomic-write.js';
import { readFileIfExists } from './atomic-file.js';
import { withFileLock } from './file-lock.js';
import { derivationFor, describeDerivation, keyFor, type KeyDerivation, type KeySource } from './secrets-key.js';
import { KEY_VARIABLE } from './store-errors.js';
import type { SecretStore } from './types.js';

const FORMAT = 'pipewright.secrets';
const VERSION = 1;

export function defaultSecretsFile(workspace: string): string {
  return join(workspace, '.pipewright', 'secrets.enc');
}

const base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/);
const derivationSchema = z.discriminatedUnion('name', [
  z.strictObject({ name: z.literal('none') }),
  // Bounded so that a changed header cannot make us spend gigabytes on a derivation.
  z.strictObject({ name: z.literal('scrypt'), salt: base64.min(16), N: z.number().int().min(1024).max(1 << 20), r: z.number().int().min(1).max(32), p: z.number().int().min(1).max(16) }),
]);
const fileSchema = z.strictObject({
  format: z.literal(FORMAT),
  version: z.number().int(),
  kdf: derivationSchema,
  iv: base64,
  tag: base64,
  data: base64,
});
const contentSchema = z.strictObject({ secrets: z.record(z.string(), z.string()) });

type SecretsFile = z.infer<typeof fileSchema>;

export class EncryptedFileStore implements SecretStore {
  readonly kind = 'encrypted-file' as const;
  /** Derived keys by salt: scrypt is slow on purpose, so each file's key is derived once per process. */
  private readonly keys = new Map<string, Buffer>();

  constructor(
    readonly file: string,
    private readonly source: KeySource,
  ) {}

  // async so that a thrown PipewrightError reaches the caller as a rejection, like every store's.
  async get(name: string): Promise<string | undefined> {
    return this.read().secrets[name];
  }

  async set(name: string, secret: string): Promise<void> {
    withFileLock(this.lockFile, () => {
      const { secrets, derivation } = this.read();
      this.write({ ...secrets, [name]: secret }, derivation);
    });
  }

  async delete(name: string): Promise<boolean> {
    return withFileLock(this.lockFile, () => {
      const { secrets, derivation } = this.read();
      if (!Object.hasOwn(secrets, name)) return false;
      const { [name]: _removed, ...rest } = secrets;
      this.write(rest, derivation);
      return true;
    });
  }

  private get lockFile(): string {
    return `${this.file}.lock`;
  }

  /** The decrypted secrets and how the file's key was made (undefined: no file yet). */
  private read(): { secrets: Record<string, string>; derivation?: KeyDerivation } {
    const bytes = readFileIfExists(this.file);
    if (bytes === undefined) return { secrets: {} };
    const file = this.parse(bytes);
    const key = this.keyFor(file.kdf);
    if (!key) {
      throw this.wrongKey(`the file was written with ${describeDerivation(file.kdf)}, but ${KEY_VARIABLE} holds ${this.source.kind === 'raw' ? 'a 32-byte key' : 'a passphrase'}`);
    }
    let plain: Buffer;
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(file.iv, 'base64'));
      decipher.setAAD(headerOf(file.kdf));
      decipher.setAuthTag(Buffer.from(file.tag, 'base64'));
      plain = Buffer.concat([decipher.update(Buffer.from(file.data, 'base64')), decipher.final()]);
    } catch {
      throw this.wrongKey(`${KEY_VARIABLE} is not the key it was written with, or the file was changed`);
    }
    let content: z.infer<typeof contentSchema>;
    try {
      content = contentSchema.parse(JSON.parse(plain.toString('utf8')));
    } catch {
      // Authenticated but unreadable: written by something that had the key, not by Pipewright.
      throw this.damaged('its content is not what Pipewright writes');
    } finally {
      plain.fill(0);
    }
    return { secrets: content.secrets, derivation: file.kdf };
  }

  private parse(bytes: Buffer): SecretsFile {
    let value: unknown;
    try {
      value = JSON.parse(bytes.toString('utf8'));
    } catch {
      throw this.damaged('it is not a Pipewright secrets file (truncated or overwritten?)');
    }
    const header = z.object({ format: z.string(), version: z.number() }).safeParse(value);
    if (header.success && header.data.format === FORMAT && header.data.version > VERSION) {
      throw new PipewrightError('SECRETS_FILE_VERSION', `${this.file} was written by a newer Pipewright (secrets file version ${header.data.version}): upgrade Pipewright to read it`, { location: { file: this.file } });
    }
    const file = fileSchema.safeParse(value);
    if (!file.success || file.data.version !== VERSION) throw this.damaged('its header is not a Pipewright secrets header (truncated or changed?)');
    return file.data;
  }

  private write(secrets: Record<string, string>, existing: KeyDerivation | undefined): void {
    const derivation = existing ?? derivationFor(this.source, randomBytes(16));
    const key = this.keyFor(derivation);
    if (!key) throw this.wrongKey('the key does not fit the file'); // not reached: read() checked it
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(headerOf(derivation));
    const plain = Buffer.from(JSON.stringify({ secrets }), 'utf8');
    const data = Buffer.concat([cipher.update(plain), cipher.final()]);
    plain.fill(0);
    const file: SecretsFile = { format: FORMAT, version: VERSION, kdf: derivation, iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), data: data.toString('base64') };
    writeFileAtomically(this.file, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 });
  }

  private keyFor(derivation: KeyDerivation): Buffer | undefined {
    const cacheKey = derivation.name === 'none' ? 'none' : `${derivation.salt}/${derivation.N}/${derivation.r}/${derivation.p}`;
    const cached = this.keys.get(cacheKey);
    if (cached) return cached;
    const key = keyFor(this.source, derivation);
    if (key) this.keys.set(cacheKey, key);
    return key;
  }

  private wrongKey(why: string): PipewrightError {
    return new PipewrightError('SECRETS_KEY_WRONG', `cannot decrypt ${this.file}: ${why}. Set ${KEY_VARIABLE} to the key the file was written with, or restore the file from a backup`, {
      location: { file: this.file },
    });
  }

  private damaged(why: string): PipewrightError {
    return new PipewrightError('SECRETS_FILE_DAMAGED', `cannot read ${this.file}: ${why}. Restore it from a backup, or delete it and set the secrets again with \`pipewright credentials set\``, {
      location: { file: this.file },
    });
  }
}

/** The additional authenticated data: the header fields, in a fixed order, so none can be changed unnoticed. */
function headerOf(derivation: KeyDerivation): Buffer {
  const kdf = derivation.name === 'none' ? ['none'] : ['scrypt', derivation.salt, derivation.N, derivation.r, derivation.p];
  return Buffer.from(JSON.stringify([FORMAT, VERSION, ...kdf]), 'utf8');
}
