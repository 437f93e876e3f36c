// A real API on 127.0.0.1 that counts the requests it gets: a flow test whose http.request has a
// stand-in must leave the count at zero.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CountingApi {
  /** `http://127.0.0.1:<port>` */
  url: string;
  readonly calls: number;
  close(): Promise<void>;
}

export async function startCountingApi(): Promise<CountingApi> {
  let calls = 0;
  const server = createServer((_req, res) => {
    calls += 1;
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'from the real API' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get calls() {
      return calls;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
