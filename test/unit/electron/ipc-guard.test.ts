import { describe, expect, it, vi } from 'vitest';
import { APP_ENTRY_URL } from '../../../main/electron/app-origin.js';
import { handleCall, isTrustedSender, type Relay } from '../../../main/electron/ipc-guard.js';

const app = { frameUrl: `${APP_ENTRY_URL}#/flows/orders`, isMainFrame: true };

describe('the IPC gate in main', () => {
  it('trusts only the app origin main frame', () => {
    expect(isTrustedSender(app)).toBe(true);
    expect(isTrustedSender({ ...app, isMainFrame: false })).toBe(false);
    for (const frameUrl of ['https://evil.example/', 'file:///tmp/index.html', 'app://other/index.html', 'http://127.0.0.1:4870/', 'about:blank', 'not a url', undefined]) {
      expect(isTrustedSender({ frameUrl, isMainFrame: true })).toBe(false);
    }
  });

  it('refuses foreign senders with FORBIDDEN before looking at the call', async () => {
    const relay = vi.fn<Relay>();
    const answer = await handleCall({ frameUrl: 'https://evil.example/', isMainFrame: true }, 'flows.list', {}, relay);
    expect(answer).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(relay).not.toHaveBeenCalled();
  });

  it('refuses unknown methods with UNKNOWN_METHOD', async () => {
    const relay = vi.fn<Relay>();
    for (const method of ['flows.nope', 'close', 'toString', 7, undefined]) {
      expect(await handleCall(app, method, {}, relay)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    }
    expect(relay).not.toHaveBeenCalled();
  });

  it('refuses bad payloads with INVALID_PARAMS naming each path', async () => {
    const relay = vi.fn<Relay>();
    const answer = await handleCall(app, 'flows.get', { id: 42, extra: true }, relay);
    expect(answer.ok).toBe(false);
    if (answer.ok) return;
    expect(answer.error.code).toBe('INVALID_PARAMS');
    expect(answer.error.problems?.map((problem) => problem.path)).toEqual(expect.arrayContaining(['id']));
    expect(relay).not.toHaveBeenCalled();
  });

  it('relays a valid call with the parsed params and passes the answer back', async () => {
    const relay = vi.fn<Relay>(async () => ({ ok: true, result: [] }));
    expect(await handleCall(app, 'flows.list', undefined, relay)).toEqual({ ok: true, result: [] });
    expect(relay).toHaveBeenCalledWith('flows.list', {});
  });

  it('turns a failing relay into the contract error shape', async () => {
    const answer = await handleCall(app, 'flows.list', {}, async () => {
      throw new Error('port closed');
    });
    expect(answer).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'internal error: port closed' } });
  });
});
