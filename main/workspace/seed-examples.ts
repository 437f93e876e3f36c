// A first start meets flows, not an empty canvas (issue "The designer as people meet it"): the default
// workspace (the desktop's ~/Documents/Pipewright, which `npm run web` opens too) is seeded with the
// example flows of assets/examples when it has no flows yet — each `*.flow.json` into `flows/`, its
// sample inputs into `samples/`. A workspace with flows of its own is never touched.
import { copyFileSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export interface SeedResult {
  /** Flow ids copied in; empty when the workspace already had flows. */
  flows: string[];
}

export function seedExampleFlows(workspace: string, examplesDir: string): SeedResult {
  const flowsDir = join(workspace, 'flows');
  if (existsSync(flowsDir) && readdirSync(flowsDir).some((name) => name.endsWith('.flow.json'))) return { flows: [] };
  if (!existsSync(examplesDir)) return { flows: [] };
  mkdirSync(flowsDir, { recursive: true });
  const samplesDir = join(workspace, 'samples');
  const flows: string[] = [];
  for (const name of readdirSync(examplesDir).sort()) {
    if (name.endsWith('.flow.json')) {
      copyFileSync(join(examplesDir, name), join(flowsDir, name));
      flows.push(name.slice(0, -'.flow.json'.length));
    } else if (/\.(input\.json|jsonl|csv)$/.test(name)) {
      mkdirSync(samplesDir, { recursive: true });
      copyFileSync(join(examplesDir, name), join(samplesDir, name));
    }
  }
  return { flows };
}
