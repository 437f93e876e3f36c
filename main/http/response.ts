// Reading and decoding response bodies: a size cap (the backlog lives on disk, not in memory, so one
// huge response must not be able to blow the heap), charset-aware text decoding, JSON when the
// content type says so, and the header helpers the callers of ./client.ts share.
import type { Dispatcher } from 'undici';

/** Default cap of a 2xx body: larger ones fail (ResponseTooLargeError) instead of being buffered. */
export const MAX_RESPONSE_BYTES = 16 * 1024 * 1024;

export class ResponseTooLargeError extends Error {
  constructor(readonly limitBytes: number) {
    super(`response body is larger than ${limitBytes} bytes`);
    this.name = 'ResponseTooLargeError';
  }
}

/**
 * Reads the body. Past `limitBytes` it either throws `ResponseTooLargeError` or, with `truncate`
 * (error responses, where only an excerpt matters), stops reading and returns what it has.
 */
export async function readBody(
  body: Dispatcher.ResponseData['body'],
  options: { limitBytes?: number; truncate?: boolean } = {},
): Promise<Buffer> {
  const limitBytes = options.limitBytes ?? MAX_RESPONSE_BYTES;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
    if (size + buffer.length > limitBytes) {
      body.destroy();
      if (!options.truncate) throw new ResponseTooLargeError(limitBytes);
      chunks.push(buffer.subarray(0, limitBytes - size));
      break;
    }
    size += buffer.length;
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

/** `application/json`, `application/problem+json`, `text/json`, … */
export function isJsonContentType(contentType: string | undefined): boolean {
  if (!contentType) return false;
  const mediaType = contentType.split(';', 1)[0]!.trim().toLowerCase();
  return mediaType === 'application/json' || mediaType === 'text/json' || mediaType.endsWith('+json');
}

export function decodeText(bytes: Buffer, contentType: string | undefined): string {
  const charset = /;\s*charset="?([^";]+)"?/i.exec(contentType ?? '')?.[1];
  try {
    return new TextDecoder(charset ?? 'utf-8').decode(bytes);
  } catch {
    // An unknown charset label: UTF-8 is the best guess and never throws.
    return new TextDecoder('utf-8').decode(bytes);
  }
}

export type DecodedBody = { ok: true; value: unknown } | { ok: false; reason: string };

/** JSON when the content type says so (empty → null), else text; null when there is no body at all. */
export function decodeBody(bytes: Buffer, contentType: string | undefined): DecodedBody {
  if (bytes.length === 0) return { ok: true, value: null };
  const text = decodeText(bytes, contentType);
  if (!isJsonContentType(contentType)) return { ok: true, value: text };
  if (text.trim() === '') return { ok: true, value: null };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
}

/** A short, single-line piece of a body for error messages. */
export function excerpt(text: string, maxChars = 200): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length <= maxChars ? line : `${line.slice(0, maxChars)}…`;
}

/** One value per header name; repeated headers other than set-cookie are joined as RFC 9110 allows. */
export function normalizeHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const key = name.toLowerCase();
    out[key] = Array.isArray(value) && key !== 'set-cookie' ? value.join(', ') : value;
  }
  return out;
}

export function headerValue(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}
