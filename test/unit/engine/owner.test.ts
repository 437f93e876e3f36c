// Whose lease is alive (main/engine/owner.ts, recovery.ts): a stale heartbeat ends a lease whatever
// `kill(pid, 0)` says, and a pid that now belongs to another process is not the owner that wrote it.
import { spawn, type ChildProcess } from 'node:child_process';
import { hostname } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isOwnerAlive, newOwnerToken, retireOwnerToken } from '../../../main/engine/owner.js';
import { isOwnerGone } from '../../../main/engine/recovery.js';

const LEASE_MS = 30_000;

describe('run ownership', () => {
  let other: ChildProcess;
  beforeAll(() => {
    other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)'], { stdio: 'ignore' });
  });
  afterAll(() => {
    other.kill('SIGKILL');
  });

  it("trusts this process's live engine without a heartbeat, and not once it closed", () => {
    const token = newOwnerToken();
    expect(isOwnerGone(token, null, LEASE_MS)).toBe(false);
    retireOwnerToken(token);
    expect(isOwnerGone(token, Date.now(), LEASE_MS)).toBe(true);
  });

  it('ends the lease of a living process whose heartbeat is stale (a zombie, a hung process, a reused pid)', () => {
    const pid = other.pid!;
    const oldStyle = `${hostname()}/${pid}/abcd1234`;
    // An old-style token names only the pid: alive as far as kill(pid, 0) can tell, so the heartbeat decides.
    expect(isOwnerAlive(oldStyle)).not.toBe(false);
    expect(isOwnerGone(oldStyle, Date.now(), LEASE_MS)).toBe(false);
    expect(isOwnerGone(oldStyle, Date.now() - LEASE_MS - 1, LEASE_MS)).toBe(true);
    expect(isOwnerGone(oldStyle, null, LEASE_MS)).toBe(true);
  });

  it.skipIf(process.platform !== 'linux')('knows a pid that now belongs to another process by its start time', () => {
    const pid = other.pid!;
    const mine = newOwnerToken();
    const identity = mine.split('/')[2]!;
    retireOwnerToken(mine);
    const [boot] = identity.split(':');
    // The same pid, but the process that wrote the token started at another time: the pid was reused.
    const reused = `${hostname()}/${pid}/${boot}:1/abcd1234`;
    expect(isOwnerAlive(reused)).toBe(false);
    expect(isOwnerGone(reused, Date.now(), LEASE_MS)).toBe(true);
  });

  it('leaves a token of another host to its heartbeat', () => {
    const remote = 'another-host.example/4242/x:1/abcd1234';
    expect(isOwnerAlive(remote)).toBeUndefined();
    expect(isOwnerGone(remote, Date.now(), LEASE_MS)).toBe(false);
    expect(isOwnerGone(remote, Date.now() - LEASE_MS - 1, LEASE_MS)).toBe(true);
  });

  it('reads a gone pid as dead at once', () => {
    const gone = `${hostname()}/999999999/-/abcd1234`;
    expect(isOwnerAlive(gone)).toBe(false);
    expect(isOwnerGone(gone, Date.now(), LEASE_MS)).toBe(true);
  });
});
