// The one error shape of Pipewright. Every error a user can cause carries a stable code, a message that
// says what to do, and where it happened (file, JSON path, range inside an expression). Both transports
// (CLI output, later HTTP/IPC) carry it intact, so it must stay plain data: see `toErrorData`.

/**
 * Every code Pipewright throws or reports, in one place: a client may switch on them, and a new one
 * is added here (with the area it belongs to) before it is used. `PipewrightError` takes only these.
 * `ErrorData.code` and `Problem.code` stay `string`: they cross the transports, and a designer talking
 * to a newer server must still show a code it does not know yet.
 */
export type ErrorCode =
  // Flow documents and files (shared/flow, main/workspace)
  | 'FLOW_INVALID' | 'FLOW_NOT_FOUND' | 'FLOW_EXISTS' | 'FLOW_MISMATCH' | 'FLOW_ID_MISMATCH' | 'FLOW_VERSION_NOT_FOUND' | 'INVALID_FLOW_ID'
  | 'JSON_SYNTAX' | 'SCHEMA' | 'INVALID_CONFIG' | 'UNKNOWN_NODE_TYPE' | 'UNSUPPORTED_NODE_TYPE' | 'DUPLICATE_NODE_ID' | 'DUPLICATE_EDGE'
  | 'UNKNOWN_EDGE_SOURCE' | 'UNKNOWN_EDGE_TARGET' | 'UNKNOWN_PORT' | 'UNKNOWN_SAMPLE_NODE' | 'UNKNOWN_TEST_NODE' | 'TEST_INPUT_NOT_TRIGGER' | 'STAND_IN_FOR_TRIGGER'
  | 'TRIGGER_HAS_INPUT' | 'CYCLE' | 'JSONATA_SYNTAX' | 'TEMPLATE' | 'CONFLICT'
  // Designer edits (renderer)
  | 'NODE_EXISTS' | 'EDGE_EXISTS' | 'UNKNOWN_NODE' | 'UNKNOWN_EDGE'
  // Runs, the engine and its store (main/engine)
  | 'RUN_NOT_FOUND' | 'RUN_BUSY' | 'RUN_TAKEN_OVER' | 'NO_INPUT' | 'NO_TRIGGER' | 'UNKNOWN_TRIGGER' | 'TRIGGER_REQUIRED' | 'TRIGGER_STOPPED'
  | 'TRIGGER_SOURCE_MISSING' | 'ACTIVATION_ENDED' | 'ENGINE_CLOSED' | 'CANCELLED' | 'PAYLOAD_NOT_JSON' | 'NODE_FAILED'
  | 'DEAD_LETTER_NOT_FOUND' | 'DEAD_LETTER_DISCARDED' | 'NOTHING_TO_REPLAY' | 'REPLAY_FLOW_MISMATCH' | 'REPLAY_NODE_MISSING'
  | 'STATE_DB_UNAVAILABLE' | 'STATE_DB_TOO_NEW' | 'STATE_DB_LOCKED' | 'STATE_DB_FULL' | 'STATE_DB_DAMAGED'
  // Node kinds at run time (main/engine/nodes)
  | 'MAPPING_ERROR' | 'DELAY_INVALID_TIME' | 'DELAY_TOO_LONG' | 'STORE_KEY_INVALID' | 'STORE_TARGET_NOT_OBJECT' | 'VALIDATE_SCHEMA_INVALID' | 'AGGREGATE_KEY_INVALID' | 'FILE_OUTSIDE_ROOTS' | 'FILE_LOCKED'
  | 'PARSE_NOT_TEXT' | 'PARSE_INVALID' | 'PARSE_TARGET_NOT_OBJECT' | 'SERIALIZE_INVALID' | 'TEXT_TOO_LARGE'
  | 'SQL_INVALID' | 'SQL_BUSY' | 'SQL_FAILED' | 'CONNECTION_UNSUPPORTED'
  | 'FILE_NOT_FOUND' | 'FILE_EXISTS' | 'FILE_FORMAT' | 'FILE_FAILED' | 'SQL_PARAMS' | 'SQL_CONNECTION' | 'CREDENTIAL_WRONG_TYPE'
  | 'HTTP_BAD_URL' | 'HTTP_BAD_METHOD' | 'HTTP_BAD_REQUEST' | 'HTTP_BAD_RESPONSE' | 'HTTP_UNSUPPORTED_PROTOCOL' | 'HTTP_CONNECTION'
  | 'HTTP_TIMEOUT' | 'HTTP_CANCELLED' | 'HTTP_RESPONSE_TOO_LARGE' | 'HTTP_UNEXPECTED_STATUS' | 'HTTP_REDIRECT' | 'HTTP_429' | 'HTTP_4XX' | 'HTTP_5XX'
  | 'HTTP_PAGINATION' | 'HTTP_TOO_MANY_PAGES' | 'HTTP_ADDRESS_REFUSED'
  // Credentials and secret stores (main/credentials)
  | 'CREDENTIAL_NOT_FOUND' | 'CREDENTIAL_NOT_DEFINED' | 'CREDENTIAL_INVALID' | 'CREDENTIAL_UNAVAILABLE' | 'CREDENTIAL_SECRET_EMPTY'
  | 'CREDENTIAL_SECRET_MISSING' | 'CREDENTIALS_UNAVAILABLE' | 'CREDENTIALS_FILE_INVALID' | 'DUPLICATE_CREDENTIAL' | 'SECRET_REQUIRED'
  | 'SECRET_STORE_UNAVAILABLE' | 'SECRET_STORE_INVALID' | 'SECRET_STORE_READ_ONLY' | 'SECRETS_KEY_MISSING' | 'SECRETS_KEY_WRONG'
  | 'SECRETS_FILE_VERSION' | 'SECRETS_FILE_DAMAGED' | 'HOST_UNAVAILABLE' | 'CREDENTIAL_HOST_REFUSED'
  | 'OAUTH2_TOKEN_UNAVAILABLE' | 'OAUTH2_TOKEN_REJECTED' | 'OAUTH2_BAD_TOKEN_RESPONSE'
  // Bundles (main/api/bundles.ts)
  | 'BUNDLE_INVALID' | 'BUNDLE_NOT_FOUND' | 'BUNDLE_SCHEMA' | 'DUPLICATE_FLOW' | 'BAD_JSON' | 'JSON_TOO_DEEP' | 'FLOW_TOO_LARGE'
  // The contract and its transports (shared/api, main/server, main/electron, renderer/src/api)
  | 'UNKNOWN_METHOD' | 'METHOD_NOT_ALLOWED' | 'UNAVAILABLE' | 'INVALID_PARAMS' | 'NOT_IMPLEMENTED' | 'INTERNAL' | 'NETWORK' | 'OFFLINE' | 'EVENT_STREAM' | 'NO_EVENT_SOURCE'
  | 'BAD_REQUEST' | 'BAD_RESPONSE' | 'UNAUTHORIZED' | 'FORBIDDEN' | 'NOT_FOUND' | 'TOO_LARGE' | 'UNSUPPORTED_MEDIA_TYPE'
  | 'SERVER_TOKEN_UNREADABLE' | 'PORT_IN_USE' | 'PORT_FORBIDDEN' | 'NO_WORKSPACE' | 'WORKSPACE_NOT_FOUND' | 'SETTINGS_INVALID' | 'HOST_NOT_ALLOWED'
  | 'SERVICE_NOT_STARTED' | 'SERVICE_RUNNING' | 'SERVICE_STOPPED'
  // Deploying to a server: `pipewright deploy/login/flows --server` (main/cli/remote)
  | 'SERVER_URL_INVALID' | 'SERVER_UNREACHABLE' | 'NOT_PIPEWRIGHT_SERVER' | 'SERVER_TOKEN_MISSING'
  // Pausing live flows on a server (main/api/live-flows.ts, the webhook route's 503)
  | 'FLOW_NOT_LIVE' | 'LIVE_FLOWS_UNAVAILABLE' | 'PAUSES_DAMAGED' | 'PAUSED'
  // The command line (main/cli)
  | 'USAGE' | 'INPUT_REQUIRED' | 'INPUT_NOT_FOUND' | 'INPUT_CHANGED' | 'INPUT_NOT_A_FILE' | 'INPUT_EMPTY' | 'INPUT_INVALID_JSON' | 'INPUT_INVALID_JSONL'
  | 'INVALID_JSON_LINE' | 'INVALID_INPUT';

/** A code that arrived as data (a transport, a Problem) treated as one of ours; unknown codes pass through unchanged. */
export function asErrorCode(code: string): ErrorCode {
  return code as ErrorCode;
}

/** A character range inside a JSONata expression or template: [start, end) offsets. */
export interface TextRange {
  start: number;
  end: number;
}

export interface ErrorLocation {
  /** File the problem is in, when there is one (a flow file, an input file). */
  file?: string;
  /** JSON path inside the document, e.g. `nodes[3].config.expression`. */
  path?: string;
  /** Character range inside the expression or text at `path`. */
  range?: TextRange;
  /** 1-based line/column inside `file`, for syntax errors in JSON text. */
  line?: number;
  column?: number;
}

/** One problem in a document; validation reports all of them at once. */
export interface Problem extends ErrorLocation {
  code: string;
  message: string;
}

export interface ErrorData {
  code: string;
  message: string;
  location?: ErrorLocation;
  problems?: Problem[];
}

export class PipewrightError extends Error {
  readonly code: ErrorCode;
  readonly location?: ErrorLocation;
  readonly problems?: Problem[];

  constructor(code: ErrorCode, message: string, options: { location?: ErrorLocation; problems?: Problem[]; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'PipewrightError';
    this.code = code;
    if (options.location) this.location = options.location;
    if (options.problems) this.problems = options.problems;
  }

  toData(): ErrorData {
    const data: ErrorData = { code: this.code, message: this.message };
    if (this.location) data.location = this.location;
    if (this.problems) data.problems = this.problems;
    return data;
  }
}

export function isPipewrightError(value: unknown): value is PipewrightError {
  return value instanceof PipewrightError;
}

/** Formats a JSON path from zod-style segments: ['nodes', 3, 'config'] → `nodes[3].config`. */
export function formatPath(segments: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const segment of segments) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(String(segment))) out += out === '' ? String(segment) : `.${String(segment)}`;
    else out += `[${JSON.stringify(String(segment))}]`;
  }
  return out;
}
