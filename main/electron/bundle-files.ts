// The decisions behind File ▸ Import Flows… and File ▸ Export Flows…, without Electron: which flows an
// export offers, the suggested file name, reading a bundle file, and what to tell the user after an
// import. bundle-actions.ts shows the dialogs and calls `bundles.import` / `bundles.export`.
import type { FlowListItem } from '../../shared/api/flows.js';
import type { ImportResult } from '../../shared/api/bundles.js';
import { PipewrightError } from '../../shared/errors.js';
import { findJsonSyntaxError, lineAndColumn } from '../../shared/flow/json-syntax.js';

export const BUNDLE_EXTENSION = 'pipewright-bundle.json';
export const BUNDLE_FILTERS = [
  { name: 'Pipewright bundles', extensions: ['json'] },
  { name: 'All files', extensions: ['*'] },
];

/** The flow the designer has open, from its address (`app://pipewright/index.html#/flows/<id>`). */
export function openFlowIdFromUrl(url: string): string | undefined {
  try {
    return /^#\/flows\/([A-Za-z][A-Za-z0-9_-]*)$/.exec(new URL(url).hash)?.[1];
  } catch {
    return undefined;
  }
}

export interface ExportChoice {
  label: string;
  flowIds: string[];
}

/** What an export can cover: the open flow (when it is saved) and every flow of the workspace. */
export function exportChoices(flows: readonly FlowListItem[], openFlowId: string | undefined): ExportChoice[] {
  const choices: ExportChoice[] = [];
  const open = flows.find((flow) => flow.id === openFlowId);
  if (open) choices.push({ label: `Export “${open.name}”`, flowIds: [open.id] });
  if (flows.length > 1 || !open) choices.push({ label: `Export all ${flows.length} flows`, flowIds: flows.map((flow) => flow.id) });
  return choices.filter((choice) => choice.flowIds.length > 0);
}

export function suggestedBundleName(flowIds: readonly string[], workspaceName: string): string {
  const stem = flowIds.length === 1 ? flowIds[0] : workspaceName.replace(/[^A-Za-z0-9_-]+/g, '-') || 'flows';
  return `${stem}.${BUNDLE_EXTENSION}`;
}

/** A bundle file's JSON; broken JSON fails with BAD_JSON naming the file, line and column. */
export function parseBundleText(text: string, file: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    const found = findJsonSyntaxError(text);
    if (!found) throw new PipewrightError('BAD_JSON', `${file} is not valid JSON`, { location: { file } });
    const { line, column } = lineAndColumn(text, found.offset);
    throw new PipewrightError('BAD_JSON', `${file} is not valid JSON: ${found.message} (line ${line}, column ${column})`, { location: { file, line, column } });
  }
}

export function importSummary(result: ImportResult): { message: string; detail: string } {
  const count = result.flows.length;
  const lines = [`Flows: ${result.flows.join(', ')}`];
  if (result.credentialsAdded.length > 0) lines.push(`Credentials added: ${result.credentialsAdded.join(', ')}`);
  if (result.credentialsWithoutSecret.length > 0) lines.push(`Set the secrets of ${result.credentialsWithoutSecret.join(', ')} before running these flows.`);
  return { message: `Imported ${count} flow${count === 1 ? '' : 's'}.`, detail: lines.join('\n') };
}
