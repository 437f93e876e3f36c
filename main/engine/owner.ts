// Who holds a lease: an owner token `<host>/<pid>/<random>` per open engine. On the same host a token
// whose process is gone (kill -9, power cut) is dead at once; a token from another host is trusted
// until its lease or heartbeat expires.
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';

const liveTokens = new Set<string>();

export function newOwnerToken(): string {
  const token = `${hostname()}/${process.pid}/${randomBytes(4).toString('hex')}`;
  liveTokens.add(token);
  return token;
}

export function retireOwnerToken(token: string): void {
  liveTokens.delete(token);
}

/** true: certainly alive; false: certainly dead; undefined: cannot tell (another host). */
export function isOwnerAlive(token: string): boolean | undefined {
  if (liveTokens.has(token)) return true;
  const [host, pidText] = token.split('/');
  if (host !== hostname()) return undefined;
  const pid = Number(pidText);
  if (!Number.isInteger(pid) || pid <= 0) return false;
  // Our own pid but not one of our live tokens: an engine of this process that was closed.
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
