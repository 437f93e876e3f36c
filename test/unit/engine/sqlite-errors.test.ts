// The SQLite store speaks the engine's error codes: hosts (the desktop's dialogs, the CLI) never see
// SQLite's own, which a second store would not have.
import { describe, expect, it } from 'vitest';
import { translateSqliteError } from '../../../main/engine/store/sqlite/errors.js';

const sqlite = (code: string): Error => Object.assign(new Error(`sqlite said ${code}`), { code });

describe('SQLite errors in the engine\'s words', () => {
  it.each([
    ['SQLITE_BUSY', 'STATE_DB_LOCKED'],
    ['SQLITE_BUSY_SNAPSHOT', 'STATE_DB_LOCKED'],
    ['SQLITE_LOCKED', 'STATE_DB_LOCKED'],
    ['SQLITE_CORRUPT', 'STATE_DB_DAMAGED'],
    ['SQLITE_CORRUPT_INDEX', 'STATE_DB_DAMAGED'],
    ['SQLITE_NOTADB', 'STATE_DB_DAMAGED'],
    ['SQLITE_FULL', 'STATE_DB_FULL'],
    ['SQLITE_CANTOPEN', 'STATE_DB_UNAVAILABLE'],
    ['SQLITE_READONLY', 'STATE_DB_UNAVAILABLE'],
  ])('turns %s into %s, keeping it as the cause', (code, expected) => {
    const original = sqlite(code);
    const translated = translateSqliteError(original, '/w/.pipewright/state.db', 'INTERNAL') as { code: string; message: string; cause: unknown };
    expect(translated.code).toBe(expected);
    expect(translated.message).toContain('/w/.pipewright/state.db');
    expect(translated.cause).toBe(original);
  });

  it('says what to do when the disk is full', () => {
    const translated = translateSqliteError(sqlite('SQLITE_FULL'), '/w/.pipewright/state.db', 'INTERNAL') as Error;
    expect(translated.message).toMatch(/free some space and resume/);
  });

  it('leaves an error that is not SQLite\'s alone', () => {
    const other = new TypeError('not a database problem');
    expect(translateSqliteError(other, '/w/state.db', 'INTERNAL')).toBe(other);
    expect(translateSqliteError(sqlite('SQLITE_BUSYNESS'), '/w/state.db', 'INTERNAL')).toMatchObject({ code: 'SQLITE_BUSYNESS' });
  });
});
