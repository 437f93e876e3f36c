// Who holds a lease: an owner token `<host>/<pid>/<process identity>/<random>` per open engine
// (DESIGN.md §4 "Leases"). A lease is alive while its heartbeat is fresh. On the same host a token can
// also be judged at once: its process is gone (kill -9, power cut), or the pid now belongs to another
// process — told apart by the process's start time and the boot it started in, since pids are reused
// after a reboot or a wrap-around. `kill(pid, 0)` alone would keep a zombie's or a reused pid's lease
// alive for ever.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';

const liveTokens = new Set<string>();

export function newOwnerToken(): string {
  const token = `${hostname()}/${process.pid}/${processIdentity(process.pid) ?? '-'}/${randomBytes(4).toString('hex')}`;
  liveTokens.add(token);
  return token;
}

export function retireOwnerToken(token: string): void {
  liveTokens.delete(token);
}

/** True when the token belongs to a live engine of this very process. */
export function isOwnTokenLive(token: string): boolean {
  return liveTokens.has(token);
}

/** true: certainly alive; false: certainly dead; undefined: cannot tell (another host, or no way to check). */
export function isOwnerAlive(token: string): boolean | undefined {
  if (liveTokens.has(token)) return true;
  const parts = token.split('/');
  const [host, pidText] = parts;
  if (host !== hostname()) return undefined;
  const pid = Number(pidText);
  if (!Number.isInteger(pid) || pid <= 0) return false;
  // Our own pid but not one of our live tokens: an engine of this process that was closed.
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  // Tokens written before the identity was recorded have three parts: the pid is all there is.
  const recorded = parts.length >= 4 ? parts[2] : undefined;
  if (recorded === undefined || recorded === '-') return undefined;
  const current = processIdentity(pid);
  if (current === undefined) return current;
  return current === recorded ? true : false;
}

/**
 * `<boot id prefix>:<start time in clock ticks>` from /proc (Linux); undefined where /proc is absent
 * (macOS, Windows), which leaves the heartbeat to decide.
 */
function processIdentity(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which is in parentheses and may itself hold spaces or ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const startTicks = fields[19];
    if (startTicks === undefined) return undefined;
    return `${bootId()}:${startTicks}`;
  } catch {
    return undefined;
  }
}

let cachedBootId: string | undefined;
function bootId(): string {
  if (cachedBootId === undefined) {
    try {
      cachedBootId = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim().slice(0, 8);
    } catch {
      cachedBootId = '';
    }
  }
  return cachedBootId;
}
