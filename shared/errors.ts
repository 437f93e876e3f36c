// The one error shape of Pipewright. Every error a user can cause carries a stable code, a message that
// says what to do, and where it happened (file, JSON path, range inside an expression). Both transports
// (CLI output, later HTTP/IPC) carry it intact, so it must stay plain data: see `toErrorData`.

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
  readonly code: string;
  readonly location?: ErrorLocation;
  readonly problems?: Problem[];

  constructor(code: string, message: string, options: { location?: ErrorLocation; problems?: Problem[]; cause?: unknown } = {}) {
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
