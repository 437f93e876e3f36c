// `<workspace>/settings.json`: workspace-wide settings that are not a flow's:
//   { "network": { "allow": ["10.20.0.0/16", "erp.internal", "*.corp.example"] },
//     "retention": { "maxAgeDays": 30, "maxBytes": 1073741824 } }
// — `network.allow`: hosts and CIDRs that flows may reach on a server listening beyond loopback, where
// private addresses are otherwise refused (DESIGN.md §11); `retention`: the default policy of every flow
// without a `settings.retention` of its own (applied by main/engine/retention.ts). The file is optional;
// keys this version does not know are left alone (a newer Pipewright may have written them, and a write
// here keeps them), a malformed known one fails with its path and what it should be.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { flowSettingsSchema, type FlowSettings } from '../../shared/flow/schema.js';
import { formatPath, isPipewrightError, PipewrightError } from '../../shared/errors.js';
import { writeFileAtomically } from '../files/atomic-write.js';
import { parseAllowList } from '../http/index.js';

export const SETTINGS_FILE = 'settings.json';

export type Retention = NonNullable<FlowSettings['retention']>;

/** The same policy a flow's `settings.retention` holds. */
export const retentionSchema = flowSettingsSchema.shape.retention.unwrap();

const settingsSchema = z.looseObject({
  network: z.strictObject({
    allow: z.array(z.string().min(1).max(300)).max(1000).optional(),
  }).optional(),
  retention: retentionSchema.optional(),
});

const EXAMPLE = '{ "network": { "allow": ["10.0.0.0/8", "api.internal"] }, "retention": { "maxAgeDays": 30 } }';

export interface WorkspaceSettings {
  network: { allow: string[] };
  /** Absent: flows without their own retention keep every run. */
  retention?: Retention;
}

export function readWorkspaceSettings(workspace: string): WorkspaceSettings {
  const file = join(workspace, SETTINGS_FILE);
  const data = parseSettings(file, readSettingsValue(file));
  const allow = data.network?.allow ?? [];
  try {
    parseAllowList(allow);
  } catch (error) {
    if (isPipewrightError(error)) throw new PipewrightError('SETTINGS_INVALID', `${file}: ${error.message}`, { location: { file, path: error.location?.path ?? 'network.allow' } });
    throw error;
  }
  return { network: { allow }, ...(data.retention === undefined || Object.keys(data.retention).length === 0 ? {} : { retention: data.retention }) };
}

/**
 * Sets (or with undefined removes) the workspace's default retention, keeping every other key of the
 * file as it was. A settings file that does not read as valid is not overwritten: its error is thrown.
 */
export function writeRetentionDefault(workspace: string, retention: Retention | undefined): WorkspaceSettings {
  const file = join(workspace, SETTINGS_FILE);
  const value = readSettingsValue(file) ?? {};
  readWorkspaceSettings(workspace);
  const { retention: _old, ...others } = value as Record<string, unknown>;
  const next = retention === undefined || Object.keys(retention).length === 0 ? others : { ...others, retention };
  writeFileAtomically(file, `${JSON.stringify(next, null, 2)}\n`);
  return readWorkspaceSettings(workspace);
}

/** The file's JSON value, or undefined when there is no file. */
function readSettingsValue(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new PipewrightError('SETTINGS_INVALID', `${file} cannot be read: ${(error as Error).message}`, { location: { file } });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new PipewrightError('SETTINGS_INVALID', `${file} is not valid JSON (${(error as Error).message}): fix it or remove it`, { location: { file } });
  }
}

function parseSettings(file: string, value: unknown): z.infer<typeof settingsSchema> {
  if (value === undefined) return {};
  const parsed = settingsSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const path = formatPath(issue.path);
  throw new PipewrightError('SETTINGS_INVALID', `${file}: ${path === '' ? 'the settings' : path} ${issue.message}; expected ${EXAMPLE}`, {
    location: { file, path },
  });
}
