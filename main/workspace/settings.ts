// `<workspace>/settings.json`: workspace-wide settings that are not a flow's. Today one:
//   { "network": { "allow": ["10.20.0.0/16", "erp.internal", "*.corp.example"] } }
// — hosts and CIDRs that flows may reach on a server listening beyond loopback, where private
// addresses are otherwise refused (DESIGN.md §11). The file is optional; keys this version does not
// know are left alone (a newer Pipewright may have written them), a malformed known one fails with
// its path and what it should be.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { formatPath, isPipewrightError, PipewrightError } from '../../shared/errors.js';
import { parseAllowList } from '../http/index.js';

export const SETTINGS_FILE = 'settings.json';

const settingsSchema = z.looseObject({
  network: z.strictObject({
    allow: z.array(z.string().min(1).max(300)).max(1000).optional(),
  }).optional(),
});

export interface WorkspaceSettings {
  network: { allow: string[] };
}

export function readWorkspaceSettings(workspace: string): WorkspaceSettings {
  const file = join(workspace, SETTINGS_FILE);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { network: { allow: [] } };
    throw new PipewrightError('SETTINGS_INVALID', `${file} cannot be read: ${(error as Error).message}`, { location: { file } });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new PipewrightError('SETTINGS_INVALID', `${file} is not valid JSON (${(error as Error).message}): fix it or remove it`, { location: { file } });
  }
  const parsed = settingsSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const path = formatPath(issue.path);
    throw new PipewrightError('SETTINGS_INVALID', `${file}: ${path === '' ? 'the settings' : path} ${issue.message}; expected { "network": { "allow": ["10.0.0.0/8", "api.internal"] } }`, {
      location: { file, path },
    });
  }
  const allow = parsed.data.network?.allow ?? [];
  try {
    parseAllowList(allow);
  } catch (error) {
    if (isPipewrightError(error)) throw new PipewrightError('SETTINGS_INVALID', `${file}: ${error.message}`, { location: { file, path: error.location?.path ?? 'network.allow' } });
    throw error;
  }
  return { network: { allow } };
}
