// The server's API token (DESIGN.md §8, §11). Created on the first `pipewright serve`, printed once, and
// kept only as a salted hash in `<workspace>/.pipewright/server-token.json` (mode 0600), so reading the
// workspace does not reveal it. Candidates are hashed the same way and compared in constant time.
//
// Why SHA-256 and not scrypt: the token is 32 random bytes (256 bits), so there is nothing to guess and
// a slow hash buys no safety; it would only add tens of milliseconds to every API call, and the mapping
// editor calls on each keystroke. A salted fast hash is the usual choice for random API keys.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PipewrightError } from '../../shared/errors.js';
import { writeFileAtomically } from '../files/atomic-write.js';

/** Tokens start with this, so secret scanners and people can tell what they are. */
const TOKEN_PREFIX = 'pw_';
const FORMAT = 1;

export interface TokenStore {
  /** True when `candidate` is the server's token. Takes the same time whatever the candidate. */
  verify(candidate: string): boolean;
}

export interface OpenedTokenStore {
  store: TokenStore;
  /** The token in clear, only when it was just created (first start or reset): print it once. */
  createdToken?: string;
  /** Where the hash is kept. */
  file: string;
  /** Writes a just-created token's hash (once); a no-op otherwise. See `defer` below. */
  persist(): void;
}

interface TokenFile {
  format: typeof FORMAT;
  algorithm: 'sha256';
  salt: string;
  hash: string;
  createdAt: string;
}

export function tokenFilePath(workspace: string): string {
  return join(workspace, '.pipewright', 'server-token.json');
}

export interface OpenTokenOptions {
  /** Make a new token even when there is one (the old one stops working). */
  reset?: boolean;
  /**
   * Keep a new token's hash in memory until `persist()`: `serve` writes it only once the server
   * listens, so a failed start (port in use) never stores a token that nobody was shown.
   */
  defer?: boolean;
}

/** Loads the workspace's token hash, creating a token when there is none or when `reset` is set. */
export function openTokenStore(workspace: string, options: OpenTokenOptions = {}): OpenedTokenStore {
  const file = tokenFilePath(workspace);
  if (options.reset !== true && existsSync(file)) {
    return { store: storeFor(readTokenFile(file)), file, persist: () => undefined };
  }
  const token = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  const salt = randomBytes(16);
  const record: TokenFile = { format: FORMAT, algorithm: 'sha256', salt: salt.toString('base64url'), hash: hashToken(salt, token).toString('base64url'), createdAt: new Date().toISOString() };
  let pending = true;
  const persist = (): void => {
    if (!pending) return;
    writeTokenFile(file, record);
    pending = false;
  };
  if (options.defer !== true) persist();
  return { store: storeFor(record), createdToken: token, file, persist };
}

function storeFor(record: TokenFile): TokenStore {
  const salt = Buffer.from(record.salt, 'base64url');
  const expected = Buffer.from(record.hash, 'base64url');
  return {
    // Both sides are SHA-256 digests, so the lengths always match and timingSafeEqual never throws.
    verify: (candidate) => timingSafeEqual(hashToken(salt, candidate), expected),
  };
}

function hashToken(salt: Buffer, token: string): Buffer {
  return createHash('sha256').update(salt).update(token, 'utf8').digest();
}

function readTokenFile(file: string): TokenFile {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw unreadable(file, error instanceof Error ? error.message : String(error));
  }
  const record = parsed as Partial<TokenFile> | null;
  if (record === null || typeof record !== 'object' || record.format !== FORMAT || record.algorithm !== 'sha256' || typeof record.salt !== 'string' || typeof record.hash !== 'string' || Buffer.from(record.hash, 'base64url').length !== 32) {
    throw unreadable(file, 'not a Pipewright token file');
  }
  return record as TokenFile;
}

function unreadable(file: string, why: string): PipewrightError {
  return new PipewrightError('SERVER_TOKEN_UNREADABLE', `cannot read the server token (${why}); make a new one with: pipewright serve --reset-token`, { location: { file } });
}

/** Private (0600 in a 0700 folder) and atomic, so a crash never leaves half a token file. */
function writeTokenFile(file: string, record: TokenFile): void {
  writeFileAtomically(file, `${JSON.stringify(record, null, 2)}\n`, { mode: 0o600, dirMode: 0o700 });
}
