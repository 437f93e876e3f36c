// The redactor: every registered secret (and its JSON- and URL-encoded forms) becomes `[redacted]`.
import { describe, expect, it } from 'vitest';
import { createRedactor } from '../../../main/credentials/redactor.js';
import { REDACTED } from '../../../main/credentials/types.js';
import { Redaction } from '../../../main/engine/redaction.js';

describe('redactor', () => {
  it('is inactive and returns the very same text until a value is registered', () => {
    const redactor = createRedactor();
    const text = 'nothing to hide here';
    expect(redactor.active).toBe(false);
    expect(redactor.redact(text)).toBe(text);
  });

  it('replaces every occurrence of a registered secret', () => {
    const redactor = createRedactor();
    redactor.add('sk_live_abc123');
    expect(redactor.active).toBe(true);
    expect(redactor.redact('key sk_live_abc123 and again sk_live_abc123.')).toBe(`key ${REDACTED} and again ${REDACTED}.`);
  });

  it('returns the same string object when no secret occurs', () => {
    const redactor = createRedactor();
    redactor.add('sk_live_abc123');
    const text = '{"ok":true}';
    expect(redactor.redact(text)).toBe(text);
  });

  it('ignores values too short to be secrets, so ordinary text survives', () => {
    const redactor = createRedactor();
    redactor.add('abc');
    expect(redactor.active).toBe(false);
    expect(redactor.redact('abc abc')).toBe('abc abc');
  });

  it('finds a secret as it appears inside JSON text and in URLs', () => {
    const redactor = createRedactor();
    const secret = 'p@ss "word"/+ü';
    redactor.add(secret);
    expect(redactor.redact(JSON.stringify({ password: secret }))).toBe(`{"password":"${REDACTED}"}`);
    expect(redactor.redact(`https://api.example/?key=${encodeURIComponent(secret)}`)).toBe(`https://api.example/?key=${REDACTED}`);
    expect(redactor.redact(`key=${new URLSearchParams({ v: secret }).toString().slice(2)}`)).toBe(`key=${REDACTED}`);
  });

  it('replaces a longer value whole before a shorter one inside it', () => {
    const redactor = createRedactor();
    redactor.add('secret-1234');
    redactor.add('token-secret-1234-xyz');
    expect(redactor.redact('token-secret-1234-xyz')).toBe(REDACTED);
  });

  it('forgets a removed value only when no one else registered it', () => {
    const redactor = createRedactor();
    redactor.add('shared-secret');
    redactor.add('shared-secret');
    redactor.remove('shared-secret');
    expect(redactor.redact('shared-secret')).toBe(REDACTED);
    redactor.remove('shared-secret');
    expect(redactor.redact('shared-secret')).toBe('shared-secret');
    expect(redactor.active).toBe(false);
  });
});

describe('engine redaction of stored JSON', () => {
  it('keeps JSON valid when a secret matches a number or JSON syntax', () => {
    const redactor = createRedactor();
    redactor.add('918273645');
    const redaction = new Redaction(redactor);
    const text = JSON.stringify({ pin: 918273645, note: 'pin 918273645', keep: 12 });
    expect(JSON.parse(redaction.json(text))).toEqual({ pin: REDACTED, note: `pin ${REDACTED}`, keep: 12 });
  });

  it('redacts inside error data and log data, and passes everything through untouched when inactive', () => {
    const redactor = createRedactor();
    const redaction = new Redaction(redactor);
    const error = { code: 'HTTP_4XX', message: 'rejected: token sk_live_abc123' };
    expect(redaction.error(error)).toBe(error);
    redactor.add('sk_live_abc123');
    expect(redaction.error(error)).toEqual({ code: 'HTTP_4XX', message: `rejected: token ${REDACTED}` });
    expect(redaction.value({ header: 'Bearer sk_live_abc123' })).toEqual({ header: `Bearer ${REDACTED}` });
    expect(redaction.text('no secret')).toBe('no secret');
  });
});
