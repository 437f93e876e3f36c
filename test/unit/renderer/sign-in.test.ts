import { describe, expect, it } from 'vitest';
import type { ApiClient } from '../../../renderer/src/api/client.js';
import { checkToken } from '../../../renderer/src/connect/sign-in.js';
import { PipewrightError } from '../../../shared/errors.js';

function clientAnswering(answer: () => unknown): ApiClient {
  return { send: (async () => answer()) as ApiClient['send'], subscribe: () => () => undefined };
}

describe('checkToken', () => {
  it('tells a refused token from an unreachable server', async () => {
    expect(await checkToken(clientAnswering(() => ({ folder: '/w' })))).toBe('accepted');
    expect(await checkToken(clientAnswering(() => { throw new PipewrightError('UNAUTHORIZED', 'the API token is not valid'); }))).toBe('refused');
    expect(await checkToken(clientAnswering(() => { throw new PipewrightError('NETWORK', 'Cannot reach the Pipewright server'); }))).toBe('unreachable');
  });
});
