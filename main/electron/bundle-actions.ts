// File ▸ Import Flows… and File ▸ Export Flows…: native file dialogs around the contract's
// `bundles.import` / `bundles.export`, called on the service like the designer's own calls.
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { dialog, type BrowserWindow } from 'electron';
import type { Method, Params, Result } from '../../shared/api/contract.js';
import { apiErrorCodes } from '../../shared/api/errors.js';
import { isPipewrightError } from '../../shared/errors.js';
import { writeFileAtomically } from '../files/atomic-write.js';
import { BUNDLE_FILTERS, exportChoices, importSummary, openFlowIdFromUrl, parseBundleText, suggestedBundleName } from './bundle-files.js';

export type CallService = <M extends Method>(method: M, params: Params<M>) => Promise<Result<M>>;

export interface BundleContext {
  window: BrowserWindow;
  call: CallService;
  workspace: string;
  /** The page must read the workspace again (new flows in the list); `reason` completes "lost if you …". */
  reloadDesigner(reason: string): void;
}

export async function importFlows(context: BundleContext): Promise<void> {
  const picked = await dialog.showOpenDialog(context.window, { title: 'Import Flows', buttonLabel: 'Import', properties: ['openFile'], filters: BUNDLE_FILTERS });
  const file = picked.filePaths[0];
  if (picked.canceled || file === undefined) return;
  try {
    const bundle = parseBundleText(await readFile(file, 'utf8'), basename(file));
    let result;
    try {
      result = await context.call('bundles.import', { bundle });
    } catch (error) {
      if (!isPipewrightError(error) || error.code !== apiErrorCodes.conflict) throw error;
      const replace = await dialog.showMessageBox(context.window, {
        type: 'question', buttons: ['Replace', 'Cancel'], defaultId: 1, cancelId: 1,
        title: 'Import Flows', message: 'Some of these flows already exist in this workspace.', detail: `${error.message}\n\nReplace them with the bundle's versions?`,
      });
      if (replace.response !== 0) return;
      result = await context.call('bundles.import', { bundle, overwrite: true });
    }
    const summary = importSummary(result);
    await dialog.showMessageBox(context.window, { type: 'info', title: 'Import Flows', message: summary.message, detail: summary.detail });
    context.reloadDesigner('reload the flows list to show the imported flows');
  } catch (error) {
    await showFailure(context.window, 'Import failed', error);
  }
}

export async function exportFlows(context: BundleContext): Promise<void> {
  try {
    const flows = await context.call('flows.list', {});
    if (flows.length === 0) {
      await dialog.showMessageBox(context.window, { type: 'info', title: 'Export Flows', message: 'This workspace has no saved flows to export.' });
      return;
    }
    const choices = exportChoices(flows, openFlowIdFromUrl(context.window.webContents.getURL()));
    const asked = await dialog.showMessageBox(context.window, {
      type: 'question', title: 'Export Flows', message: 'Which flows do you want to export?',
      detail: 'A bundle holds the saved flows and the credential names and types they use, never a secret value.',
      buttons: [...choices.map((choice) => choice.label), 'Cancel'], cancelId: choices.length, defaultId: 0,
    });
    const choice = choices[asked.response];
    if (!choice) return;
    const target = await dialog.showSaveDialog(context.window, {
      title: 'Export Flows', buttonLabel: 'Export', filters: BUNDLE_FILTERS,
      defaultPath: join(context.workspace, suggestedBundleName(choice.flowIds, basename(context.workspace))),
    });
    if (target.canceled || target.filePath === undefined || target.filePath === '') return;
    const bundle = await context.call('bundles.export', { flowIds: choice.flowIds });
    // Atomic: overwriting an older bundle never leaves half of one behind.
    writeFileAtomically(target.filePath, `${JSON.stringify(bundle, null, 2)}\n`);
  } catch (error) {
    await showFailure(context.window, 'Export failed', error);
  }
}

async function showFailure(window: BrowserWindow, title: string, error: unknown): Promise<void> {
  const detail = isPipewrightError(error)
    ? [error.message, ...(error.problems ?? []).map((problem) => `${problem.path ? `${problem.path}: ` : ''}${problem.message}`)].join('\n')
    : error instanceof Error ? error.message : String(error);
  await dialog.showMessageBox(window, { type: 'error', title, message: title, detail });
}
