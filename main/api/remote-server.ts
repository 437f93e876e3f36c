// The contract of another Pipewright server over HTTP (DESIGN.md §1, §8): `POST <server>/api/rpc/<method>` with
// `Authorization: Bearer <token>`, for `pipewright deploy`, `login`, `flows --server` and the designer's deploy (./deploy.ts). Failures a
// user meets become one clear PipewrightError: the server cannot be reached, the token is refused (run
// `pipewright login`), the address is not a Pipewright server; the service's own errors (an invalid
// flow, every problem) arrive intact through shared/api's RpcResponse.
import type { Method, Params, Result } from '../../shared/api/contract.js';
import { fromErrorData } from '../../shared/api/errors.js';
import { PipewrightError, type ErrorData } from '../../shared/errors.js';

/** How long one call may take before the CLI gives up (a deploy of many flows included). */
const CALL_TIMEOUT_MS = 120_000;

export interface ServerAddress {
  /** `http://host:port` or `https://host/prefix`: no trailing slash; the key its token is stored under. */
  base: string;
  url: URL;
}

/** Parses `--server URL` / `login URL`: http(s) only, no query, no fragment, no user info. */
export function parseServerAddress(text: string): ServerAddress {
  const example = 'e.g. http://127.0.0.1:4870';
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new PipewrightError('SERVER_URL_INVALID', `"${text}" is not a server address: give its URL with http:// or https://, ${example}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new PipewrightError('SERVER_URL_INVALID', `"${text}" is not a server address: give its URL with http:// or https://, ${example}`);
  }
  if (url.username !== '' || url.password !== '') {
    throw new PipewrightError('SERVER_URL_INVALID', 'put no user name or password in the server address: the token goes in PIPEWRIGHT_TOKEN or is stored by `pipewright login URL`');
  }
  if (url.search !== '' || url.hash !== '') throw new PipewrightError('SERVER_URL_INVALID', `"${text}": a server address has no query or fragment, ${example}`);
  const path = url.pathname.replace(/\/+$/, '');
  return { base: `${url.origin}${path}`, url: new URL(`${url.origin}${path}/`) };
}

/** True when the address stays on this machine (a token sent over plain HTTP elsewhere can be read on the way). */
export function isLoopbackAddress(address: ServerAddress): boolean {
  const host = address.url.hostname;
  return host === 'localhost' || host === '[::1]' || /^127\./.test(host);
}

export interface ServerClient {
  readonly address: ServerAddress;
  send<M extends Method>(method: M, params: Params<M>): Promise<Result<M>>;
}

export interface ClientOptions {
  /** Where the token came from, for the 401 message ("from PIPEWRIGHT_TOKEN", "stored by `pipewright login`"). */
  tokenSource: string;
  /** What to do when the server refuses it. */
  fix: string;
}

export function connectServer(address: ServerAddress, token: string, options: ClientOptions): ServerClient {
  return {
    address,
    async send<M extends Method>(method: M, params: Params<M>): Promise<Result<M>> {
      let response: Response;
      try {
        response = await fetch(new URL(`api/rpc/${method}`, address.url), {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify(params ?? {}),
          signal: AbortSignal.timeout(CALL_TIMEOUT_MS),
        });
      } catch (error) {
        throw unreachable(address, error);
      }
      let text: string;
      try {
        text = await response.text();
      } catch (error) {
        throw unreachable(address, error);
      }
      const body = envelope(text);
      if (body === undefined) throw notPipewright(address, response.status);
      if (body.ok) return body.result as Result<M>;
      if (response.status === 401 || body.error.code === 'UNAUTHORIZED') {
        throw new PipewrightError('UNAUTHORIZED', `${address.base} refused the API token ${options.tokenSource}: ${options.fix}`);
      }
      if (body.error.code === 'UNKNOWN_METHOD') {
        throw new PipewrightError('NOT_PIPEWRIGHT_SERVER', `${address.base} has no API method ${method}: it runs an older Pipewright than this command; update the server`);
      }
      throw fromErrorData(body.error);
    },
  };
}

type Envelope = { ok: true; result: unknown } | { ok: false; error: ErrorData };

/** The server's answer when it is shared/api's RpcResponse; undefined for anything else. */
function envelope(text: string): Envelope | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const record = value as Record<string, unknown>;
  if (record.ok === true && 'result' in record) return record as Envelope;
  const error = record.error as Record<string, unknown> | undefined;
  if (record.ok === false && typeof error === 'object' && error !== null && typeof error.code === 'string' && typeof error.message === 'string') return record as Envelope;
  return undefined;
}

function unreachable(address: ServerAddress, error: unknown): PipewrightError {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const name = (error as Error).name;
  const why = name === 'TimeoutError' ? `no answer within ${CALL_TIMEOUT_MS / 1000} s` : (cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error)));
  return new PipewrightError('SERVER_UNREACHABLE', `cannot reach the Pipewright server at ${address.base} (${why}): is \`pipewright serve\` running there, and is the address right?`);
}

function notPipewright(address: ServerAddress, status: number): PipewrightError {
  return new PipewrightError('NOT_PIPEWRIGHT_SERVER', `${address.base} answered HTTP ${status} without a Pipewright API answer: it is not a Pipewright server (\`pipewright serve\` listens on port 4870 by default)`);
}
