// A private PostgreSQL cluster for tests (DESIGN.md §9): initdb in a temporary folder, a server on
// 127.0.0.1 at a free port with its socket in that folder, a database and a login user with a password
// — the settings a test (or a credential) needs — and stop() removes it all again. Nothing touches a
// system cluster. Run as root (CI containers), PostgreSQL refuses to start, so the server runs as the
// `postgres` user and the folder belongs to it.
//
//   const postgres = postgresCheck();                  // skips (or fails with PIPEWRIGHT_REQUIRE_ALL=1) without binaries
//   describe.skipIf(!postgres.present)('…', () => { let pg: PostgresCluster; beforeAll(async () => { pg = await startPostgres(); }); afterAll(() => pg?.stop()); … })
import { execFile, execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { requireSystem, type SystemCheck } from './require-system.js';

export interface PostgresSettings {
  host: string;
  port: number;
  database: string;
  user: string;
  password: string;
}

export interface PostgresCluster extends PostgresSettings {
  /** The folder holding the data directory, the socket and the server log. */
  readonly dir: string;
  /** `postgres://user:password@127.0.0.1:port/database` */
  url(): string;
  /** Settings for the cluster's superuser over its Unix socket (no password): creating more databases, inspecting. */
  admin(): pg.ClientConfig;
  /** The server log, for a failing test's message. */
  log(): string;
  /** Stops the server (fast shutdown: connections are cut), waits `downMs`, and starts it again on the same port. */
  restart(downMs?: number): Promise<void>;
  /** Stops the server and removes the folder. Safe to call twice. */
  stop(): Promise<void>;
}

/** The folder of initdb and pg_ctl: PIPEWRIGHT_PG_BIN, else the newest /usr/lib/postgresql/<version>/bin. */
export function postgresBinDir(): string | undefined {
  const fromEnv = process.env.PIPEWRIGHT_PG_BIN;
  if (fromEnv) return fromEnv;
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root).filter((name) => /^\d+$/.test(name)).sort((a, b) => Number(b) - Number(a));
  return versions.map((version) => join(root, version, 'bin')).find((bin) => existsSync(join(bin, 'initdb')));
}

export function postgresCheck(): SystemCheck {
  const bin = postgresBinDir();
  return requireSystem({
    name: 'the PostgreSQL server (initdb, pg_ctl)',
    present: bin !== undefined && existsSync(join(bin, 'pg_ctl')),
    install: 'apt-get install -y postgresql (or set PIPEWRIGHT_PG_BIN to the folder holding initdb and pg_ctl)',
  });
}

export interface StartOptions {
  database?: string;
  user?: string;
  password?: string;
}

export async function startPostgres(options: StartOptions = {}): Promise<PostgresCluster> {
  const bin = postgresBinDir();
  if (bin === undefined) throw new Error('PostgreSQL binaries not found: apt-get install -y postgresql, or set PIPEWRIGHT_PG_BIN');
  const owner = serverUser();
  const dir = mkdtempSync(join(tmpdir(), 'pipewright-pg-'));
  if (owner) chownSync(dir, owner.uid, owner.gid);
  const data = join(dir, 'data');
  const logFile = join(dir, 'server.log');
  const port = await freePort();
  const run = (command: string, args: string[]): Promise<string> => new Promise((resolve, reject) => {
    execFile(join(bin, command), args, { cwd: dir, env: { ...process.env, LC_ALL: 'C', LANG: 'C' }, timeout: 60_000, ...(owner ?? {}) }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${command} failed: ${error.message}\n${stdout}${stderr}`));
      else resolve(stdout);
    });
  });
  const stopSync = (): void => {
    try {
      execFileSync(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop'], { stdio: 'ignore', ...(owner ?? {}) });
    } catch {
      // not running
    }
  };
  // A test process that dies without stop() must not leave a server behind.
  process.once('exit', stopSync);

  const settings: PostgresSettings = {
    host: '127.0.0.1',
    port,
    database: options.database ?? 'pipewright_test',
    user: options.user ?? 'pipewright',
    password: options.password ?? `pw-${Math.random().toString(36).slice(2)}-${Date.now().toString(36)}`,
  };
  // max_connections: a conformance file keeps every workspace's stores open until its suite ends, each a
  // pool of up to 10 connections that idle out after 30 s; a quick run of postgres-store.test.ts held 80
  // backends at once and, on a fresh machine, ran past the default 100 (less 3 reserved), failing 18 tests
  // with "remaining connection slots are reserved".
  const startServer = (): Promise<string> => run('pg_ctl', ['-D', data, '-l', logFile, '-w', '-t', '60', '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=400`, 'start']);
  const admin = (): pg.ClientConfig => ({ host: dir, port, user: 'postgres', database: 'postgres' });
  let stopped = false;
  const cluster: PostgresCluster = {
    ...settings,
    dir,
    url: () => `postgres://${encodeURIComponent(settings.user)}:${encodeURIComponent(settings.password)}@${settings.host}:${port}/${encodeURIComponent(settings.database)}`,
    admin,
    log: () => (existsSync(logFile) ? readFileSync(logFile, 'utf8') : ''),
    async restart(downMs = 0) {
      await run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
      await new Promise((resolve) => setTimeout(resolve, downMs));
      await startServer();
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']).catch(() => stopSync());
      process.removeListener('exit', stopSync);
      rmSync(dir, { recursive: true, force: true });
    },
  };
  try {
    // Local (socket) connections are trusted: the socket lives in this private folder. TCP needs a password.
    await run('initdb', ['-D', data, '-U', 'postgres', '--auth-local=trust', '--auth-host=scram-sha-256', '--encoding=UTF8', '--no-sync']);
    await startServer();
    const client = new pg.Client(admin());
    await client.connect();
    try {
      // CREATEDB: store tests give each workspace a database of its own (createDatabaseIfMissing).
      await client.query(`CREATE ROLE ${client.escapeIdentifier(settings.user)} LOGIN CREATEDB PASSWORD ${client.escapeLiteral(settings.password)}`);
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(settings.database)} OWNER ${client.escapeIdentifier(settings.user)}`);
    } finally {
      await client.end();
    }
    return cluster;
  } catch (error) {
    const log = cluster.log();
    await cluster.stop();
    throw new Error(`could not start a private PostgreSQL cluster: ${(error as Error).message}${log ? `\nserver log:\n${log}` : ''}`, { cause: error });
  }
}

/** `url` with another database name. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(database)}`;
  return parsed.toString();
}

/**
 * Creates the database `url` names unless it exists, as the URL's user (which needs CREATEDB): so a
 * child process handed only a URL can open a store there first. Safe when several do it at once.
 */
export async function createDatabaseIfMissing(url: string): Promise<void> {
  const database = decodeURIComponent(new URL(url).pathname.slice(1));
  const client = new pg.Client({ connectionString: withDatabase(url, 'postgres') });
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (exists.rowCount) return;
    await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`).catch((error: { code?: string }) => {
      // 42P04: created meanwhile by someone else; 23505: the same race seen in the catalog.
      if (error.code !== '42P04' && error.code !== '23505') throw error;
    });
  } finally {
    await client.end();
  }
}

/** PostgreSQL will not run as root: then the server runs as `postgres`. */
function serverUser(): { uid: number; gid: number } | undefined {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return undefined;
  const line = readFileSync('/etc/passwd', 'utf8').split('\n').find((entry) => entry.startsWith('postgres:'));
  const [, , uid, gid] = line?.split(':') ?? [];
  if (uid === undefined || gid === undefined) throw new Error('running as root, but there is no "postgres" user to run the server as (apt-get install -y postgresql creates it)');
  return { uid: Number(uid), gid: Number(gid) };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
