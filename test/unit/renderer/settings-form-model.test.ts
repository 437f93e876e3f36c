// The settings forms' field model (renderer/src/settings/*-model.ts, units.ts): durations, counts and
// percentages read and written as people type them, each field held to the flow schema's bounds with
// a message in words, and which settings apply to which node kinds.
import { describe, expect, it } from 'vitest';
import { getNodeKind } from '../../../shared/catalog/index.js';
import {
  deliveryApplies, deliverySummary, describeRetry, delayNote, parseAttempts, parseFirstDelay, parseMaxDelay, parseQueueLimit, retryForMode, retryModeOf,
} from '../../../renderer/src/settings/delivery-model.js';
import { parseRetentionField, parseSampleRate, traceChange, withRetentionLimit, formatRetentionLimit } from '../../../renderer/src/settings/flow-settings-model.js';
import { formatCount, formatDuration, formatPercent, parseCount, parseDuration, parsePercent } from '../../../renderer/src/settings/units.js';

describe('units', () => {
  it('reads durations in ms, s, min and h, a bare number as seconds', () => {
    expect(parseDuration('500 ms')).toBe(500);
    expect(parseDuration('1.5s')).toBe(1500);
    expect(parseDuration('2')).toBe(2000);
    expect(parseDuration('2 min')).toBe(120_000);
    expect(parseDuration('1 h')).toBe(3_600_000);
    expect(parseDuration(' 0 ')).toBe(0);
    for (const bad of ['', 'soon', '5 days', '-1 s', '1,5 s']) expect(parseDuration(bad), bad).toBeUndefined();
  });

  it('writes durations in the largest unit that shows them whole', () => {
    expect(formatDuration(500)).toBe('500 ms');
    expect(formatDuration(1000)).toBe('1 s');
    expect(formatDuration(1500)).toBe('1.5 s');
    expect(formatDuration(90_000)).toBe('90 s');
    expect(formatDuration(60_000)).toBe('1 min');
    expect(formatDuration(86_400_000)).toBe('24 h');
    expect(formatDuration(0)).toBe('0 s');
    for (const ms of [0, 1, 999, 1000, 1234, 59_999, 61_000, 3_600_000, 5_400_000]) expect(parseDuration(formatDuration(ms))).toBe(ms);
  });

  it('reads counts with digit group separators and percentages with or without %', () => {
    expect(parseCount('10,000')).toBe(10_000);
    expect(parseCount('10 000')).toBe(10_000);
    expect(parseCount('1_000_000')).toBe(1_000_000);
    expect(parseCount('1.5')).toBeUndefined();
    expect(parseCount('1,00')).toBeUndefined();
    expect(formatCount(10_000_000)).toBe('10,000,000');
    expect(parsePercent('2.5')).toBe(0.025);
    expect(parsePercent('2.5 %')).toBe(0.025);
    expect(parsePercent('a')).toBeUndefined();
    expect(formatPercent(0.025)).toBe('2.5');
    expect(formatPercent(0.07)).toBe('7');
  });
});

describe('the delivery form', () => {
  it('asks for 2 to 100 attempts in words, pointing to Off for none', () => {
    expect(parseAttempts('3')).toEqual({ value: 3 });
    expect(parseAttempts('100')).toEqual({ value: 100 });
    for (const bad of ['0', '1', '101', '2.5', 'three']) {
      expect(parseAttempts(bad).error, bad).toBe('Attempts must be a whole number from 2 to 100 (the first try included); for no retries choose Off.');
    }
    expect(parseAttempts(' ').error).toBe('Give the number of attempts, 2 to 100, or choose Default.');
  });

  it('holds delays to the schema bounds; an empty delay removes its key', () => {
    expect(parseFirstDelay('')).toEqual({ value: undefined });
    expect(parseFirstDelay('250 ms')).toEqual({ value: 250 });
    expect(parseFirstDelay('1 h')).toEqual({ value: 3_600_000 });
    expect(parseFirstDelay('61 min').error).toBe('First delay must be a duration from 0 to 1 h, such as 500 ms, 2 s or 1 min.');
    expect(parseMaxDelay('24 h')).toEqual({ value: 86_400_000 });
    expect(parseMaxDelay('2 days').error).toBe('Max delay must be a duration from 0 to 24 h, such as 500 ms, 2 s or 1 min.');
  });

  it('holds the queue limit to 1..10,000,000; empty means the default', () => {
    expect(parseQueueLimit('')).toEqual({ value: undefined });
    expect(parseQueueLimit('1,000')).toEqual({ value: 1000 });
    expect(parseQueueLimit('0').error).toBe('Queue limit must be a whole number from 1 to 10,000,000, or empty for the default (10,000).');
    expect(parseQueueLimit('10000001').error).toMatch(/^Queue limit must be/);
  });

  it('offers retries to nodes that reach outside and a queue limit to those and triggers', () => {
    const applies = (type: string) => deliveryApplies(getNodeKind(type));
    expect(applies('http.request')).toEqual({ retry: true, queueLimit: true });
    expect(applies('db.query')).toEqual({ retry: true, queueLimit: true });
    expect(applies('trigger.webhook')).toEqual({ retry: false, queueLimit: true });
    expect(applies('transform.map')).toEqual({ retry: false, queueLimit: false });
  });

  it('reads a policy as a mode and writes each mode', () => {
    expect(retryModeOf(undefined)).toBe('default');
    expect(retryModeOf({ maxAttempts: 1 })).toBe('off');
    expect(retryModeOf({ maxAttempts: 4, backoffMs: 10 })).toBe('custom');
    expect(retryForMode('default', 'http.request')).toBeUndefined();
    expect(retryForMode('off', 'http.request')).toEqual({ maxAttempts: 1 });
    expect(retryForMode('custom', 'http.request')).toEqual({ maxAttempts: 5 });
    expect(retryForMode('custom', 'output.log')).toEqual({ maxAttempts: 3 });
  });

  it('describes policies and notes a cap below the first delay', () => {
    expect(describeRetry({ maxAttempts: 5, backoffMs: 500, maxBackoffMs: 30_000 })).toBe('5 attempts, first delay 500 ms, at most 30 s between them');
    expect(delayNote({ maxAttempts: 3, backoffMs: 120_000 })).toBe('No wait is longer than the max delay (1 min), which is below the first delay.');
    expect(delayNote({ maxAttempts: 3 })).toBeUndefined();
    expect(deliverySummary({ retry: { maxAttempts: 3 }, queueLimit: 5000, notes: 'x' })).toBe('3 attempts · queue 5,000 · note');
    expect(deliverySummary({})).toBe('');
  });
});

describe('the flow settings form', () => {
  it('reads the sample rate as a percentage from 0 to 100', () => {
    expect(parseSampleRate('5')).toEqual({ value: 0.05 });
    expect(parseSampleRate('')).toEqual({ value: undefined });
    expect(parseSampleRate('150').error).toBe('Sample rate must be a percentage from 0 to 100, or empty for the default (1 %).');
  });

  it('drops the sample rate when the mode is no longer sampled', () => {
    expect(traceChange('errors')).toEqual({ trace: 'errors', traceSampleRate: undefined });
    expect(traceChange('sampled')).toEqual({ trace: 'sampled' });
    expect(traceChange('default')).toEqual({ trace: undefined, traceSampleRate: undefined });
  });

  it('reads retention fields as the Retention dialog does, one limit at a time', () => {
    expect(parseRetentionField('runs', '50')).toEqual({ value: 50 });
    expect(parseRetentionField('megabytes', '2')).toEqual({ value: 2 * 1024 * 1024 });
    expect(formatRetentionLimit('megabytes', 2 * 1024 * 1024)).toBe('2');
    expect(parseRetentionField('runs', '')).toEqual({ value: undefined });
    expect(parseRetentionField('runs', '0').error).toBe('Runs must be a whole number of runs (1 or more), or empty for no limit.');
    expect(withRetentionLimit({ maxRuns: 5 }, 'days', 7)).toEqual({ maxRuns: 5, maxAgeDays: 7 });
    expect(withRetentionLimit({ maxRuns: 5 }, 'runs', undefined)).toBeUndefined();
  });
});
