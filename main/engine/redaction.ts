// Where the engine hides secrets (DESIGN.md §6): what people read — trace rows, logs, error texts and
// attempt histories as they are written, and payloads (outputs, emissions, dead letters) where they are
// shown or exported. Payloads themselves are stored as the flow produced them (./commit.ts), so that a
// redaction can never change data that is later replayed. Without credentials the redactor is absent
// or inactive, and each call is one property check: the hot path pays nothing.
import type { ErrorData } from '../../shared/errors.js';
import { REDACTED, type Redactor } from '../credentials/types.js';

export class Redaction {
  constructor(private readonly redactor?: Redactor) {}

  /** Plain text: a log line, a message. */
  text(text: string): string {
    const redactor = this.redactor;
    return redactor !== undefined && redactor.active ? redactor.redact(text) : text;
  }

  /** JSON text, kept valid JSON (a secret spanning JSON syntax would otherwise break it). */
  json(text: string): string;
  json(text: string | null): string | null;
  json(text: string | null): string | null {
    const redactor = this.redactor;
    if (text === null || redactor === undefined || !redactor.active) return text;
    const out = redactor.redact(text);
    if (out === text) return text;
    try {
      JSON.parse(out);
      return out;
    } catch {
      // The secret matched JSON syntax (a numeric key stored as a number, say): redact value by value.
      return redactValues(JSON.parse(text) as unknown, redactor);
    }
  }

  /** An error's message (and any problem messages) without secrets. */
  error(data: ErrorData): ErrorData {
    const redactor = this.redactor;
    if (redactor === undefined || !redactor.active) return data;
    const text = JSON.stringify(data);
    const out = this.json(text);
    return out === text ? data : (JSON.parse(out) as ErrorData);
  }

  /** Any value (log data) without secrets; one JSON cannot hold is dropped rather than passed on unchecked. */
  value(value: unknown): unknown {
    const redactor = this.redactor;
    if (value === undefined || redactor === undefined || !redactor.active) return value;
    let text: string | undefined;
    try {
      text = JSON.stringify(value);
    } catch {
      return undefined;
    }
    if (text === undefined) return value;
    const out = this.json(text);
    return out === text ? value : (JSON.parse(out) as unknown);
  }
}

/** JSON text of `value` with every string, key and number holding a secret redacted. */
function redactValues(value: unknown, redactor: Redactor): string {
  return JSON.stringify(value, function (this: unknown, _key: string, inner: unknown) {
    if (typeof inner === 'string') return redactor.redact(inner);
    if (typeof inner === 'number') return redactor.redact(String(inner)) === String(inner) ? inner : REDACTED;
    if (inner === null || typeof inner !== 'object' || Array.isArray(inner)) return inner;
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(inner)) out[redactor.redact(key)] = child;
    return out;
  });
}

/** For stores opened without credentials. */
export const NO_REDACTION = new Redaction();
