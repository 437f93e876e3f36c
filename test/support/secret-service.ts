// A private Secret Service for keychain tests: a session bus of its own (dbus-daemon) and gnome-keyring
// answering on it, unlocked with a throwaway password, its keyring files in a temporary HOME so that
// tests never touch the real login keyring. @napi-rs/keyring finds it through
// DBUS_SESSION_BUS_ADDRESS: pass `env` to a child process (the CLI), or `use()` it in this process.
// The library's D-Bus layer remembers the session address once it has connected, so a test file that
// uses the keychain in-process should start one service for the whole file, and check "no keychain"
// in a child process.
//
//   const secretService = requireSecretService();
//   describe.skipIf(!secretService.present)('…', () => { let service; beforeAll(async () => (service = await startSecretService())); … });
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { requireSystem, type SystemCheck } from './require-system.js';

const PROGRAMS = ['dbus-daemon', 'dbus-send', 'gnome-keyring-daemon'];

export interface SecretService {
  /** The variables a process needs to reach this Secret Service (and nothing else of the real session). */
  readonly env: Record<string, string>;
  /** Points this process's keyring library at the service until `stop()`. */
  use(): void;
  stop(): Promise<void>;
}

function onPath(program: string): boolean {
  return (process.env.PATH ?? '').split(delimiter).some((dir) => dir !== '' && existsSync(join(dir, program)));
}

export function requireSecretService(): SystemCheck {
  const missing = PROGRAMS.filter((program) => !onPath(program));
  return requireSystem({
    name: `a Secret Service (${missing.length > 0 ? `${missing.join(', ')} not found` : PROGRAMS.join(', ')})`,
    present: missing.length === 0,
    install: 'apt-get install -y gnome-keyring dbus dbus-x11',
  });
}

export async function startSecretService(): Promise<SecretService> {
  const home = mkdtempSync(join(tmpdir(), 'pipewright-keyring-'));
  const bus = spawn('dbus-daemon', ['--session', '--nofork', '--print-address=1'], { stdio: ['ignore', 'pipe', 'ignore'] });
  const children: ChildProcess[] = [bus];
  const stop = async (): Promise<void> => {
    await Promise.all(children.map(kill));
    rmSync(home, { recursive: true, force: true });
  };
  try {
    const address = await firstLine(bus, 'dbus-daemon');
    const env = { DBUS_SESSION_BUS_ADDRESS: address };
    const keyringEnv = { ...process.env, ...env, HOME: home, XDG_DATA_HOME: join(home, 'data'), XDG_CONFIG_HOME: join(home, 'config'), XDG_RUNTIME_DIR: home };
    const keyring = spawn('gnome-keyring-daemon', ['--foreground', '--unlock', '--components=secrets'], { env: keyringEnv, stdio: ['pipe', 'ignore', 'ignore'] });
    children.push(keyring);
    // --unlock reads the new login keyring's password from stdin.
    keyring.stdin?.end('pipewright-test');
    await waitForName(address, 'org.freedesktop.secrets', keyring);
    let saved: string | undefined;
    return {
      env,
      use: () => {
        saved = process.env.DBUS_SESSION_BUS_ADDRESS;
        process.env.DBUS_SESSION_BUS_ADDRESS = address;
      },
      stop: async () => {
        if (saved === undefined) delete process.env.DBUS_SESSION_BUS_ADDRESS;
        else process.env.DBUS_SESSION_BUS_ADDRESS = saved;
        await stop();
      },
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

function firstLine(child: ChildProcess, what: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      text += chunk;
      const end = text.indexOf('\n');
      if (end >= 0) resolve(text.slice(0, end).trim());
    });
    child.on('error', reject);
    child.on('exit', (code) => reject(new Error(`${what} exited (${code}) before it was ready`)));
  });
}

/** Polls the bus until `name` has an owner: gnome-keyring prints nothing when it is ready. */
async function waitForName(address: string, name: string, owner: ChildProcess): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (owner.exitCode !== null) throw new Error(`gnome-keyring-daemon exited (${owner.exitCode}) before it was ready`);
    const reply = spawnSync('dbus-send', ['--bus=' + address, '--print-reply', '--dest=org.freedesktop.DBus', '/org/freedesktop/DBus', 'org.freedesktop.DBus.NameHasOwner', `string:${name}`], { encoding: 'utf8' });
    if (/boolean true/.test(reply.stdout ?? '')) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${name} did not appear on the private session bus within 15 s`);
}

function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
