// The redactor (DESIGN.md §6 "Traces, logs, exports and error messages never contain a secret value"):
// every secret the provider hands out, and every value derived from one (a basic header's base64, a
// fetched OAuth2 token), is registered here; the engine passes text through `redact` before it stores
// or shows it. A value is also registered in the forms it takes inside JSON text and URLs, because
// that is how it appears in stored payloads and request lines.
import { MIN_REDACTED_LENGTH } from '../../shared/credentials/short-secret.js';
import { REDACTED, type Redactor } from './types.js';

// Shorter values are ignored: redacting "2026" everywhere would shred ordinary data (dates, amounts)
// and hide nothing (shared/credentials/short-secret.ts, DESIGN.md §6).
export { MIN_REDACTED_LENGTH };

export interface SecretRedactor extends Redactor {
  /** Stops redacting a value registered with `add` (an OAuth2 token long expired and replaced). */
  remove(value: string): void;
}

export function createRedactor(): SecretRedactor {
  return new ValueRedactor();
}

class ValueRedactor implements SecretRedactor {
  /** A plain field, not a getter: the engine reads it on every write, so it must cost next to nothing. */
  active = false;
  // value → how many times it was added (one value may be registered by two credentials).
  private readonly counts = new Map<string, number>();
  // Longest first, so a token containing a secret is replaced whole before the secret inside it.
  private ordered: string[] = [];

  add(value: string): void {
    let changed = false;
    for (const form of formsOf(value)) {
      const count = this.counts.get(form) ?? 0;
      this.counts.set(form, count + 1);
      if (count === 0) changed = true;
    }
    if (changed) this.reorder();
  }

  remove(value: string): void {
    let changed = false;
    for (const form of formsOf(value)) {
      const count = this.counts.get(form);
      if (count === undefined) continue;
      if (count > 1) this.counts.set(form, count - 1);
      else {
        this.counts.delete(form);
        changed = true;
      }
    }
    if (changed) this.reorder();
  }

  redact(text: string): string {
    let out = text;
    for (const value of this.ordered) if (out.includes(value)) out = out.replaceAll(value, REDACTED);
    return out;
  }

  private reorder(): void {
    this.ordered = [...this.counts.keys()].sort((a, b) => b.length - a.length);
    this.active = this.ordered.length > 0;
  }
}

/** The value as written, inside a JSON string, percent-encoded and form-encoded; each long enough to matter. */
function formsOf(value: string): string[] {
  if (value.length < MIN_REDACTED_LENGTH) return [];
  const forms = new Set([value, JSON.stringify(value).slice(1, -1), encodeURIComponent(value), new URLSearchParams({ v: value }).toString().slice(2)]);
  return [...forms].filter((form) => form.length >= MIN_REDACTED_LENGTH);
}
