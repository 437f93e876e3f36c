// The SSRF policy of the one outgoing client (DESIGN.md §11), against real servers on 127.0.0.1: with
// private addresses refused (a server listening beyond loopback) every loopback, private, link-local,
// CGNAT, unspecified and metadata address is refused on the address actually connected — names after
// DNS resolution, literals before connecting, IPv4-mapped IPv6 included — and nothing reaches the
// target; `network.allow` hosts and CIDRs let chosen ones through; the default allows everything.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  closeHttpAgent, configureNetworkPolicy, HttpFailure, parseAllowList, privateAddressKind, sendRequest, type HttpResponse,
} from '../../../main/http/index.js';
import { isPipewrightError } from '../../../shared/errors.js';

let target: Server;
let port: number;
const seen: string[] = [];

beforeAll(async () => {
  target = createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    if (req.url === '/to-loopback') {
      res.writeHead(302, { location: `http://127.0.0.1:${port}/secret` }).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/plain' }).end('internal answer');
  });
  await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
  port = (target.address() as AddressInfo).port;
});

beforeEach(() => {
  seen.length = 0;
});

afterEach(() => {
  configureNetworkPolicy({ refusePrivate: false });
});

afterAll(async () => {
  await closeHttpAgent();
  target.closeAllConnections();
  await new Promise<void>((resolve) => target.close(() => resolve()));
});

const get = (url: string): Promise<HttpResponse> => sendRequest({ method: 'GET', url: new URL(url), headers: {}, signal: AbortSignal.timeout(5_000) });

async function refusal(url: string): Promise<HttpFailure> {
  const error = await get(url).then(() => undefined, (failure: unknown) => failure);
  expect(error, `${url} should be refused`).toBeInstanceOf(HttpFailure);
  return error as HttpFailure;
}

describe('the SSRF policy of outgoing requests', () => {
  it('lets a loopback-only server, the desktop and the CLI reach loopback (the default)', async () => {
    const response = await get(`http://127.0.0.1:${port}/open`);
    expect(response.body.toString()).toBe('internal answer');
    expect(seen).toEqual(['GET /open']);
  });

  it('refuses loopback by address and by name, naming the host, the address and how to allow it', async () => {
    configureNetworkPolicy({ refusePrivate: true });
    const byAddress = await refusal(`http://127.0.0.1:${port}/secret`);
    expect(byAddress.code).toBe('HTTP_ADDRESS_REFUSED');
    expect(byAddress.transient).toBe(false);
    expect(byAddress.message).toContain('127.0.0.1');
    expect(byAddress.message).toContain('loopback');
    expect(byAddress.message).toContain('network.allow');
    expect(byAddress.message).toContain('--allow-private-network');

    // A name is checked on what DNS gave for it: localhost resolves to a loopback address.
    const byName = await refusal(`http://localhost:${port}/secret`);
    expect(byName.code).toBe('HTTP_ADDRESS_REFUSED');
    expect(byName.message).toMatch(/localhost \((127\.0\.0\.1|::1)\)/);
    expect(seen).toEqual([]);
  });

  it('refuses private, link-local, CGNAT, unspecified and metadata addresses, IPv4-mapped IPv6 included', async () => {
    configureNetworkPolicy({ refusePrivate: true });
    const urls = [
      'http://10.1.2.3/', 'http://172.16.0.1/', 'http://192.168.1.1/', 'http://169.254.169.254/latest/meta-data/',
      'http://169.254.10.10/', 'http://100.64.0.1/', 'http://0.0.0.0/', 'http://[::1]/', 'http://[::]/', 'http://[fc00::1]/',
      'http://[fd12:3456::1]/', 'http://[fe80::1]/', 'http://[fd00:ec2::254]/', `http://[::ffff:127.0.0.1]:${port}/`,
      'http://[::ffff:a9fe:a9fe]/', 'http://[::ffff:10.0.0.1]/', 'http://[::127.0.0.1]/', 'http://[64:ff9b::a9fe:a9fe]/', 'http://[2002:7f00:1::1]/',
    ];
    for (const url of urls) expect((await refusal(url)).code, url).toBe('HTTP_ADDRESS_REFUSED');
    expect(seen).toEqual([]);
  });

  it('says which kind of address each is, and leaves public ones alone', () => {
    expect(privateAddressKind('169.254.169.254')).toBe('cloud metadata');
    expect(privateAddressKind('fd00:ec2::254')).toBe('cloud metadata');
    expect(privateAddressKind('::ffff:7f00:1')).toBe('loopback');
    expect(privateAddressKind('100.127.255.254')).toBe('carrier-grade NAT');
    expect(privateAddressKind('93.184.216.34')).toBeUndefined();
    expect(privateAddressKind('172.32.0.1')).toBeUndefined();
    expect(privateAddressKind('2606:4700::1111')).toBeUndefined();
    // IPv6 forms a gateway turns back into IPv4: NAT64 and 6to4 carrying a private address are refused.
    expect(privateAddressKind('64:ff9b::a9fe:a9fe')).toBe('cloud metadata');
    expect(privateAddressKind('64:ff9b::127.0.0.1')).toBe('loopback');
    expect(privateAddressKind('2002:a00:1::1')).toBe('private');
    expect(privateAddressKind('64:ff9b:1::5')).toBe('private');
    expect(privateAddressKind('64:ff9b::5db8:d822')).toBeUndefined();
    expect(privateAddressKind('2002:5db8:d822::1')).toBeUndefined();
  });

  it('lets a CIDR or an address listed in network.allow through', async () => {
    configureNetworkPolicy({ refusePrivate: true, allow: ['127.0.0.0/8'] });
    expect((await get(`http://127.0.0.1:${port}/by-cidr`)).status).toBe(200);
    configureNetworkPolicy({ refusePrivate: true, allow: ['::ffff:127.0.0.1'] });
    expect((await get(`http://127.0.0.1:${port}/by-address`)).status).toBe(200);
    expect(seen).toEqual(['GET /by-cidr', 'GET /by-address']);
  });

  it('lets a host listed in network.allow through by name only', async () => {
    configureNetworkPolicy({ refusePrivate: true, allow: ['LOCALHOST'] });
    expect((await get(`http://localhost:${port}/by-name`)).status).toBe(200);
    expect((await refusal(`http://127.0.0.1:${port}/by-address`)).code).toBe('HTTP_ADDRESS_REFUSED');
    expect(seen).toEqual(['GET /by-name']);
  });

  it('never follows a redirect to loopback from an allowed host', async () => {
    configureNetworkPolicy({ refusePrivate: true, allow: ['localhost'] });
    // The client follows no redirect: the 302 comes back as it is (http.request fails it as
    // HTTP_REDIRECT), and the loopback hop never connects.
    const response = await get(`http://localhost:${port}/to-loopback`);
    expect(response.status).toBe(302);
    expect(seen).toEqual(['GET /to-loopback']);
  });

  it('refuses a broken network.allow entry, naming it and what it should look like', () => {
    for (const entry of ['10.0.0.0/33', 'http://x', '10.0.0.0/8/1', '*']) {
      const error = (() => {
        try {
          parseAllowList(['10.0.0.0/8', entry]);
          return undefined;
        } catch (thrown) {
          return thrown;
        }
      })();
      expect(isPipewrightError(error) && error.code, entry).toBe('SETTINGS_INVALID');
      expect((error as Error).message).toContain(`network.allow[1] "${entry}"`);
    }
  });
});
