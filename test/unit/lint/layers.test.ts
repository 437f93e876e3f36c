// The layer rules of DESIGN.md §1 are enforced by eslint.config.js; these tests prove the rule
// actually fires, so a config change cannot silently turn the architecture check off.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
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

  it('lets shared/ use its own files and zod', async () => {
    expect(await restrictedImports('shared/flow/probe.ts', "import { z } from 'zod';\nimport { formatPath } from '../errors.js';\nexport const y = [z, formatPath];\n")).toHaveLength(0);
  });
});
