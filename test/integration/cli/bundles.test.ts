// `pipewright export` and `pipewright import` as a user runs them: a bundle written from one workspace
// and read into another (same flow bytes, credential definitions carried, no secret in the file), what
// each prints, and exit 2 with one line per problem for a conflict, a broken bundle, broken JSON and a
// flow naming a credential nobody defined. Secrets live in the encrypted file (key in the environment).
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCredentialVault } from '../../../main/credentials/open-vault.js';
import type { FlowDocument } from '../../../shared/flow/schema.js';
import { serializeFlow } from '../../../shared/flow/serialize.js';
import { chainFlow, hasStackTrace, Workspace } from './cli-harness.js';

const TOKEN = `tok-${randomBytes(12).toString('hex')}`;
const env = { PIPEWRIGHT_SECRETS_KEY: randomBytes(32).toString('base64') };

const orders = chainFlow('orders', [
  ['orders', 'trigger.manual'],
  ['erp', 'http.request', { method: 'POST', url: 'https://erp.example/api/orders', credential: 'erp-api' }],
]);
const plain = chainFlow('plain', [['in', 'trigger.manual'], ['log', 'output.log']]);

let source: Workspace;
let target: Workspace;

beforeAll(async () => {
  source = new Workspace('pipewright-export-');
  target = new Workspace('pipewright-import-');
  // Written as the designer and the CLI write flows, so the imported copies can be compared byte for byte.
  source.write('flows/orders.flow.json', serializeFlow(orders as unknown as FlowDocument));
  source.write('flows/plain.flow.json', serializeFlow(plain as unknown as FlowDocument));
  await openCredentialVault(source.dir, env).save({ name: 'erp-api', type: 'bearer', fields: {} }, TOKEN);
});
afterAll(() => {
  source?.remove();
  target?.remove();
});

describe('pipewright export and import', () => {
  it('exports flows by id and by path with the credentials they name, and no secret', async () => {
    const result = await source.run(['export', 'orders', 'flows/plain.flow.json', '--out', 'bundle.json'], { env });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('wrote bundle.json: 2 flows (orders, plain)');
    expect(result.stdout).toContain('erp-api (bearer)');
    const bytes = readFileSync(source.path('bundle.json'));
    expect(bytes.includes(Buffer.from(TOKEN))).toBe(false);
    const bundle = JSON.parse(bytes.toString('utf8')) as { credentials: unknown[]; flows: Array<{ id: string }> };
    expect(bundle.credentials).toEqual([{ name: 'erp-api', type: 'bearer', fields: {} }]);
    expect(bundle.flows.map((flow) => flow.id)).toEqual(['orders', 'plain']);
  });

  it('imports the bundle into another workspace and says which secrets to set', async () => {
    const result = await target.run(['import', source.path('bundle.json')], { env });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('wrote flows/orders.flow.json');
    expect(result.stdout).toContain('wrote flows/plain.flow.json');
    expect(result.stdout).toContain('added credential erp-api (bearer)');
    expect(result.stdout).toContain('set the secret with: pipewright credentials set erp-api --type bearer');
    for (const id of ['orders', 'plain']) expect(readFileSync(target.path(`flows/${id}.flow.json`), 'utf8')).toBe(readFileSync(source.path(`flows/${id}.flow.json`), 'utf8'));
  });

  it('refuses to replace existing flows without --overwrite, and replaces them with it', async () => {
    const refused = await target.run(['import', source.path('bundle.json')], { env });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('CONFLICT');
    expect(refused.stderr).toContain('--overwrite');
    expect(hasStackTrace(refused.stderr)).toBe(false);
    const replaced = await target.run(['import', source.path('bundle.json'), '--overwrite'], { env });
    expect(replaced.code).toBe(0);
    expect(replaced.stdout).toContain('imported 2 flows');
  });

  it('prints one line per problem of a broken bundle, with the file and the path inside it', async () => {
    target.write('broken.json', {
      format: 'pipewright.bundle', version: 1, exportedAt: 'now', pipewrightVersion: '0.1.0',
      flows: [chainFlow('fresh', [['in', 'trigger.manual'], ['map', 'transform.map', { expression: '{ "a": ' }], ['bad', 'no.such.kind']])],
      credentials: [],
    });
    const result = await target.run(['import', 'broken.json'], { env });
    expect(result.code).toBe(2);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toEqual(expect.arrayContaining([
      expect.stringMatching(/^broken\.json:flows\[0\]\.nodes\[1\]\.config\.expression:\S* JSONATA/),
      expect.stringMatching(/^broken\.json:flows\[0\]\.nodes\[2\]\.type /),
    ]));
    expect(hasStackTrace(result.stderr)).toBe(false);

    target.write('not-json.json', '{ "format": "pipewright.bundle",\n  "flows": [ }');
    const syntax = await target.run(['import', 'not-json.json'], { env });
    expect(syntax.code).toBe(2);
    expect(syntax.stderr).toMatch(/^not-json\.json:2:\d+ JSON_SYNTAX/);
  });

  it('refuses to export a flow whose credential is not defined in the workspace', async () => {
    source.write('flows/ghost.flow.json', chainFlow('ghost', [['in', 'trigger.manual'], ['call', 'http.request', { url: 'https://x.example/', credential: 'nobody' }]]));
    const result = await source.run(['export', 'ghost', '--out', 'ghost.json'], { env });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/flows\/ghost\.flow\.json:nodes\[1\]\.config\.credential CREDENTIAL_NOT_FOUND credential "nobody"/);
  });
});
