// The designer's HTTP transport of the contract (DESIGN.md §1): `POST /api/rpc/<method>` with the
// bearer token, and the server's event stream over SSE. A failed call throws a PipewrightError with the
// service's code, message, location and problems, so the UI shows the same error the service raised.
import { apiEventTypes, fromErrorData, type ApiEvent, type EventListener, type Method, type Params, type Result, type Transport } from '../../../shared/api/index.js';
import { PipewrightError, type ErrorData } from '../../../shared/errors.js';

export type ApiClient = Transport;

/** The part of the browser's EventSource the client uses (Node has none, so tests pass their own). */
export interface EventSourceLike {
  addEventListener(type: string, listener: (event: { data: string }) => void): void;
  close(): void;
  onerror: ((event: unknown) => void) | null;
}
export type EventSourceFactory = (url: string) => EventSourceLike;

export interface HttpClientOptions {
  /** Where the server is, e.g. `http://127.0.0.1:4650`; '' for the page's own origin. */
  baseUrl: string;
  token: string;
  fetch?: typeof fetch;
  eventSource?: EventSourceFactory;
  /** Told when the event stream fails (the browser then reconnects by itself). */
  onStreamError?: (error: PipewrightError) => void;
}

export function createHttpClient(options: HttpClientOptions): ApiClient {
  const base = options.baseUrl.replace(/\/+$/, '');
  const doFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const openStream = options.eventSource ?? defaultEventSource;

  const send = async <M extends Method>(method: M, params: Params<M>): Promise<Result<M>> => {
    let response: Response;
    try {
      response = await doFetch(`${base}/api/rpc/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${options.token}` },
        body: JSON.stringify(params ?? {}),
      });
    } catch (error) {
      throw new PipewrightError('NETWORK', `Cannot reach the Pipewright server${base ? ` at ${base}` : ''}: ${error instanceof Error ? error.message : String(error)}. Is \`pipewright serve\` running?`);
    }
    const body = await readJson(response);
    if (isEnvelope(body)) {
      if (body.ok) return body.result as Result<M>;
      throw fromErrorData(body.error);
    }
    if (!response.ok) throw fromErrorData(errorFromStatus(response.status, body));
    return body as Result<M>;
  };

  const subscribe = (listener: EventListener): (() => void) => {
    const source = openStream(`${base}/api/events?token=${encodeURIComponent(options.token)}`);
    const deliver = (message: { data: string }) => {
      const event = parseEvent(message.data);
      if (event) listener(event);
    };
    // A server may send unnamed messages or name each one by its type (`event: run.progress`).
    for (const type of ['message', ...apiEventTypes]) source.addEventListener(type, deliver);
    source.onerror = () => options.onStreamError?.(new PipewrightError('EVENT_STREAM', 'The connection to the server\'s event stream was interrupted; reconnecting.'));
    return () => source.close();
  };

  return { send, subscribe };
}

function defaultEventSource(url: string): EventSourceLike {
  const EventSourceClass = (globalThis as { EventSource?: new (url: string) => EventSourceLike }).EventSource;
  if (!EventSourceClass) throw new PipewrightError('NO_EVENT_SOURCE', 'This environment has no EventSource; pass `eventSource` to createHttpClient.');
  return new EventSourceClass(url);
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    if (response.ok) throw new PipewrightError('BAD_RESPONSE', `The server answered with something that is not JSON: ${text.slice(0, 120)}`);
    return { message: text.slice(0, 500) };
  }
}

type Envelope = { ok: true; result: unknown } | { ok: false; error: ErrorData };

function isEnvelope(body: unknown): body is Envelope {
  if (typeof body !== 'object' || body === null || !('ok' in body)) return false;
  const candidate = body as { ok: unknown; result?: unknown; error?: unknown };
  return candidate.ok === true ? 'result' in candidate : candidate.ok === false && isErrorData(candidate.error);
}

function isErrorData(value: unknown): value is ErrorData {
  return typeof value === 'object' && value !== null && typeof (value as ErrorData).code === 'string' && typeof (value as ErrorData).message === 'string';
}

/** A failure without the contract's envelope (a proxy, an auth layer): still an error with a code. */
function errorFromStatus(status: number, body: unknown): ErrorData {
  const inner = typeof body === 'object' && body !== null && 'error' in body ? (body as { error: unknown }).error : body;
  if (isErrorData(inner)) return inner;
  const text = typeof inner === 'object' && inner !== null && typeof (inner as { message?: unknown }).message === 'string' ? (inner as { message: string }).message : '';
  if (status === 401 || status === 403) return { code: 'UNAUTHORIZED', message: 'The server refused the access token; enter the token `pipewright serve` printed at its first start.' };
  return { code: `HTTP_${status}`, message: text || `The server answered with HTTP ${status}.` };
}

function parseEvent(data: string): ApiEvent | undefined {
  try {
    const event = JSON.parse(data) as unknown;
    return typeof event === 'object' && event !== null && typeof (event as { type?: unknown }).type === 'string' ? (event as ApiEvent) : undefined;
  } catch {
    return undefined;
  }
}
