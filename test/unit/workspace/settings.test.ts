import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readWorkspaceSettings, writeRetentionDefault } from '../../../main/workspace/settings.js';

const folders: string[] = [];
const workspace = (settings?: string): string => {
  const dir = mkdtempSync(join(tmpdir(), 'pipewright-settings-'));
  folders.push(dir);
  if (settings !== undefined) writeFileSync(join(dir, 'settings.json'), settings);
  return dir;
};

afterEach(() => {
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('workspace settings', () => {
  it('has no retention default without a file or without the key', () => {
    expect(readWorkspaceSettings(workspace())).toEqual({ network: { allow: [] } });
    expect(readWorkspaceSettings(workspace('{ "network": { "allow": ["erp.internal"] } }'))).toEqual({ network: { allow: ['erp.internal'] } });
  });

  it('reads the retention default a flow\'s settings.retention could hold', () => {
    expect(readWorkspaceSettings(workspace('{ "retention": { "maxAgeDays": 30, "maxBytes": 1073741824 } }')).retention).toEqual({ maxAgeDays: 30, maxBytes: 1073741824 });
  });

  it('refuses an unknown retention key with its path', () => {
    expect(() => readWorkspaceSettings(workspace('{ "retention": { "days": 30 } }'))).toThrow(expect.objectContaining({ code: 'SETTINGS_INVALID', location: expect.objectContaining({ path: 'retention' }) }));
  });

  it('writes the default into a new file, and removes it again keeping the other keys', () => {
    const dir = workspace();
    expect(writeRetentionDefault(dir, { maxRuns: 10 }).retention).toEqual({ maxRuns: 10 });
    expect(JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8'))).toEqual({ retention: { maxRuns: 10 } });
    writeFileSync(join(dir, 'settings.json'), '{ "later": 1, "retention": { "maxRuns": 10 } }');
    expect(writeRetentionDefault(dir, undefined).retention).toBeUndefined();
    expect(JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8'))).toEqual({ later: 1 });
  });

  it('does not overwrite a settings file it cannot read as valid', () => {
    const dir = workspace('{ "network": ');
    expect(() => writeRetentionDefault(dir, { maxRuns: 1 })).toThrow(expect.objectContaining({ code: 'SETTINGS_INVALID', message: expect.stringMatching(/not valid JSON/) }));
    expect(readFileSync(join(dir, 'settings.json'), 'utf8')).toBe('{ "network": ');
  });
});
