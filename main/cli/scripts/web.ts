// `npm run web`: the designer in a browser on a real workspace. Without `--workspace` it opens the
// desktop's default folder (~/Documents/Pipewright), created and seeded with the example flows on the
// first start (main/workspace/seed-examples.ts), so the README's first command shows flows rather than
// whatever the repository root holds. Everything after `npm run web --` goes to `pipewright serve`.
import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { seedExampleFlows } from '../../workspace/seed-examples.js';
import { main } from '../program.js';

const EXAMPLES = fileURLToPath(new URL('../../../assets/examples', import.meta.url));

const args = process.argv.slice(2);
const given = args.some((arg) => arg === '--workspace' || arg.startsWith('--workspace='));
const workspaceArgs: string[] = [];
if (!given) {
  const workspace = process.env.PIPEWRIGHT_DEFAULT_WORKSPACE ?? join(homedir(), 'Documents', 'Pipewright');
  mkdirSync(workspace, { recursive: true });
  const seeded = seedExampleFlows(workspace, EXAMPLES);
  if (seeded.flows.length > 0) process.stdout.write(`A first start: ${workspace} now holds the example flows (${seeded.flows.join(', ')}).\n`);
  workspaceArgs.push('--workspace', workspace);
}

const code = await main([process.argv[0] ?? 'node', 'pipewright', ...workspaceArgs, 'serve', ...args]);
process.exit(code);
