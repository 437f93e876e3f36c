// The layer rules of DESIGN.md §1 are enforced by eslint.config.js; these tests prove the rule
// actually fires, so a config change cannot silently turn the architecture check off.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

/** The lines with at least one refused import (an import may break two rules, e.g. `../electron/…`). */
async function refusedLines(filePath: string, code: string): Promise<number[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return [...new Set((result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.line))].sort((x, y) => x - y);
}

describe('layer rules', () => {
  it('refuses Node built-ins and main/ in shared/', async () => {
    const messages = await restrictedImports(
      'shared/flow/probe.ts',
      "import fs from 'node:fs';\nimport path from 'path';\nimport { x } from '../../main/engine/engine.js';\nexport const y = [fs, path, x];\n",
    );
    expect(messages).toHaveLength(3);
  });

  it('refuses main/ and electron in renderer/', async () => {
    const messages = await restrictedImports(
      'renderer/src/probe.ts',
      "import { app } from 'electron';\nimport { x } from '../../main/engine/engine.js';\nexport const y = [app, x];\n",
    );
    expect(messages).toHaveLength(2);
  });

  it('refuses electron outside main/electron', async () => {
    expect(await restrictedImports('main/cli/probe.ts', "import { app } from 'electron';\nexport const y = app;\n")).toHaveLength(1);
    expect(await restrictedImports('main/electron/probe.ts', "import { app } from 'electron';\nexport const y = app;\n")).toHaveLength(0);
  });

  it('keeps the engine free of CLI, server and HTTP framework code', async () => {
    const messages = await restrictedImports(
      'main/engine/probe.ts',
      "import { Command } from 'commander';\nimport { x } from '../cli/program.js';\nimport { s } from '../server/app.js';\nexport const y = [Command, x, s];\n",
    );
    expect(messages).toHaveLength(3);
  });

  it('keeps credentials below the engine and free of service, CLI, server and Electron code', async () => {
    const lines = await refusedLines(
      'main/credentials/authorizers/probe.ts',
      "import { NodeError } from '../../engine/errors.js';\nimport { s } from '../../api/service.js';\nimport { c } from '../../cli/program.js';\n"
        + "import { v } from '../../server/app.js';\nimport { w } from '../../electron/window.js';\nimport { r } from '../../../renderer/src/app.js';\nexport const y = [NodeError, s, c, v, w, r];\n",
    );
    expect(lines).toEqual([1, 2, 3, 4, 5, 6]);
    expect(await restrictedImports('main/credentials/probe.ts', "import { NodeError } from '../engine/errors.js';\nexport const y = NodeError;\n"))
      .toEqual([expect.stringContaining('Credentials sit below the engine')]);
  });

  it('lets credentials use main/http and the shared contract', async () => {
    expect(await restrictedImports(
      'main/credentials/authorizers/probe.ts',
      "import { sendRequest } from '../../http/index.js';\nimport type { CredentialTestResult } from '../../../shared/api/credentials.js';\n"
        + "import type { CredentialFields } from '../../../shared/credentials/definition.js';\nexport const y = sendRequest;\nexport type Z = [CredentialTestResult, CredentialFields<'bearer'>];\n",
    )).toHaveLength(0);
  });

  it('keeps main/http free of the layers that send through it', async () => {
    const lines = await refusedLines(
      'main/http/probe.ts',
      "import { NodeError } from '../engine/errors.js';\nimport { t } from '../credentials/types.js';\nimport { s } from '../api/service.js';\n"
        + "import { c } from '../cli/program.js';\nimport { v } from '../server/app.js';\nimport { w } from '../electron/window.js';\nexport const y = [NodeError, t, s, c, v, w];\n",
    );
    expect(lines).toEqual([1, 2, 3, 4, 5, 6]);
    expect(await restrictedImports('main/http/probe.ts', "import { request } from 'undici';\nimport { formatPath } from '../../shared/errors.js';\nexport const y = [request, formatPath];\n")).toHaveLength(0);
  });

  it('keeps the service free of server, Electron and CLI code', async () => {
    const lines = await refusedLines(
      'main/api/probe.ts',
      "import { v } from '../server/app.js';\nimport { w } from '../electron/window.js';\nimport { c } from '../cli/program.js';\nexport const y = [v, w, c];\n",
    );
    expect(lines).toEqual([1, 2, 3]);
    expect(await restrictedImports('main/api/probe.ts', "import { sendRequest } from '../http/index.js';\nimport { e } from '../engine/index.js';\nexport const y = [sendRequest, e];\n")).toHaveLength(0);
  });

  it('lets shared/ use its own files and zod', async () => {
    expect(await restrictedImports('shared/flow/probe.ts', "import { z } from 'zod';\nimport { formatPath } from '../errors.js';\nexport const y = [z, formatPath];\n")).toHaveLength(0);
  });
});
