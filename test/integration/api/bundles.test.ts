// bundles.* through the service: export flows from one workspace with the credentials they name, import
// them into another — same bytes on disk, definitions carried, no secret anywhere in the bundle — and
// the refusals: an existing flow without overwrite, a broken bundle with every problem at its path, a
// flow naming a credential nobody defined.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serializeBundle } from '../../../main/api/bundles.js';
import { createService, dispatch, type Service } from '../../../main/api/index.js';
import { openCredentialVault } from '../../../main/credentials/open-vault.js';
import type { FlowBundle } from '../../../shared/bundle.js';
import { chainFlow } from './api-workspace.js';

const TOKEN = `tok-${randomBytes(12).toString('hex')}`;
const PASSWORD = `pw-${randomBytes(12).toString('hex')}`;

class BundleWorkspace {
  readonly dir = mkdtempSync(join(tmpdir(), 'pipewright-bundles-'));
  readonly service: Service;

  constructor() {
    mkdirSync(join(this.dir, 'flows'));
    const env = { PIPEWRIGHT_SECRETS_KEY: randomBytes(32).toString('base64') };
    this.service = createService({ workspace: this.dir, credentials: openCredentialVault(this.dir, env) });
  }

  flowText(id: string): string {
    return readFileSync(join(this.dir, 'flows', `${id}.flow.json`), 'utf8');
  }

  flowIds(): string[] {
    return readdirSync(join(this.dir, 'flows')).sort();
  }

  async remove(): Promise<void> {
    await this.service.close();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

const ordersFlow = chainFlow('orders', [
  ['orders', 'trigger.manual'],
  ['toErp', 'transform.map', { expression: '{ "orderNo": id }' }],
  ['erp', 'http.request', { method: 'POST', url: 'https://erp.example/api/orders', credential: 'erp-api' }],
], [{ id: 'A-1' }]);
// A retry policy with its defaults written out: the bundle must carry the file as written, not zod's copy.
ordersFlow.nodes[2] = { ...(ordersFlow.nodes[2] as (typeof ordersFlow.nodes)[number]), retry: { maxAttempts: 6, backoffMs: 500, maxBackoffMs: 60_000 } };
const plainFlow = chainFlow('plain', [['in', 'trigger.manual'], ['log', 'output.log']], [{ hello: 'world' }]);

let source: BundleWorkspace;
let target: BundleWorkspace;
let bundle: FlowBundle;

beforeAll(async () => {
  source = new BundleWorkspace();
  target = new BundleWorkspace();
  await source.service['credentials.save']({ credential: { name: 'erp-api', type: 'bearer', fields: {} }, secret: TOKEN });
  await source.service['credentials.save']({ credential: { name: 'unused', type: 'basic', fields: { username: 'ada' } }, secret: PASSWORD });
  await source.service['flows.save']({ document: ordersFlow });
  await source.service['flows.save']({ document: plainFlow });
});
afterAll(async () => {
  await source?.remove();
  await target?.remove();
});

describe('bundles', () => {
  it('exports flows with the definitions of the credentials they name, and no secret', async () => {
    bundle = await dispatch(source.service, 'bundles.export', { flowIds: ['orders', 'plain'] }) as FlowBundle;
    expect(bundle).toMatchObject({ format: 'pipewright.bundle', version: 1, pipewrightVersion: expect.any(String) });
    expect(bundle.flows.map((flow) => flow.id)).toEqual(['orders', 'plain']);
    expect(bundle.credentials).toEqual([{ name: 'erp-api', type: 'bearer', fields: {} }]);
    const text = serializeBundle(bundle);
    for (const secret of [TOKEN, PASSWORD]) expect(Buffer.from(text).includes(Buffer.from(secret))).toBe(false);
    // Deterministic: the same bundle always writes the same bytes.
    expect(serializeBundle(JSON.parse(text) as FlowBundle)).toBe(text);
    // A flow named twice goes in once.
    expect((await source.service['bundles.export']({ flowIds: ['plain', 'plain'] })).flows.map((flow) => flow.id)).toEqual(['plain']);
  });

  it('imports into another workspace: identical flow files, the definition added, its secret still to set', async () => {
    const result = await dispatch(target.service, 'bundles.import', { bundle: JSON.parse(serializeBundle(bundle)) as unknown });
    expect(result).toEqual({
      flows: ['orders', 'plain'], credentialsAdded: ['erp-api'], credentialsWithoutSecret: ['erp-api'],
      versions: [{ id: 'orders', version: 1, change: 'new' }, { id: 'plain', version: 1, change: 'new' }],
    });
    expect(target.flowText('orders')).toBe(source.flowText('orders'));
    expect(target.flowText('plain')).toBe(source.flowText('plain'));
    expect(await target.service['credentials.list']({})).toEqual([expect.objectContaining({ name: 'erp-api', type: 'bearer', fields: {}, hasSecret: false })]);
  });

  it('refuses to replace existing flows unless asked to, naming them', async () => {
    const again = target.service['bundles.import']({ bundle });
    await expect(again).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('flows/orders.flow.json, flows/plain.flow.json') });

    // With overwrite the flows are replaced; a credential the workspace already has is kept as it is.
    writeFileSync(join(target.dir, 'flows', 'orders.flow.json'), '{ "edited": true }\n');
    await target.service['credentials.save']({ credential: { name: 'erp-api', type: 'bearer', fields: {} }, secret: 'target-token' });
    const replaced = await target.service['bundles.import']({ bundle, overwrite: true });
    // The broken orders file was no version: orders counts as new again (with the version its content had).
    expect(replaced).toEqual({
      flows: ['orders', 'plain'], credentialsAdded: [], credentialsWithoutSecret: [],
      versions: [{ id: 'orders', version: 1, change: 'new' }, { id: 'plain', version: 1, change: 'unchanged' }],
    });
    expect(target.flowText('orders')).toBe(source.flowText('orders'));
  });

  it('lists every problem of a broken bundle with its path and writes nothing', async () => {
    const broken = {
      format: 'pipewright.bundle',
      version: 1,
      exportedAt: '2026-01-01T00:00:00.000Z',
      pipewrightVersion: '0.1.0',
      flows: [
        chainFlow('fresh', [['in', 'trigger.manual'], ['map', 'transform.map', { expression: '{ "a": ' }], ['bad', 'no.such.kind']], []),
        chainFlow('fresh', [['in', 'trigger.manual'], ['call', 'http.request', { url: 'https://x.example/', credential: 'ghost' }]], []),
      ],
      credentials: [{ name: 'weird', type: 'kerberos', fields: {} }],
    };
    const result = dispatch(target.service, 'bundles.import', { bundle: broken });
    await expect(result).rejects.toMatchObject({ code: 'BUNDLE_INVALID' });
    const error = (await result.catch((caught: unknown) => caught)) as { problems: Array<{ path?: string; code: string }> };
    expect(error.problems.map((problem) => problem.path)).toEqual(expect.arrayContaining([
      'credentials[0].type',
      'flows[0].nodes[1].config.expression',
      'flows[0].nodes[2].type',
      'flows[1].id',
      'flows[1].nodes[1].config.credential',
    ]));
    expect(existsSync(join(target.dir, 'flows', 'fresh.flow.json'))).toBe(false);

    await expect(target.service['bundles.import']({ bundle: { format: 'zip' } })).rejects.toMatchObject({
      code: 'BUNDLE_INVALID',
      problems: expect.arrayContaining([expect.objectContaining({ path: 'format' }), expect.objectContaining({ path: 'flows' })]),
    });
    expect(target.flowIds()).toEqual(['orders.flow.json', 'plain.flow.json']);
  });

  it('refuses to export a flow that names a credential the workspace does not define, or a flow that does not exist', async () => {
    const ghost = chainFlow('ghost', [['in', 'trigger.manual'], ['call', 'http.request', { url: 'https://x.example/', credential: 'nobody' }]], []);
    await source.service['flows.save']({ document: ghost });
    await expect(source.service['bundles.export']({ flowIds: ['ghost'] })).rejects.toMatchObject({
      code: 'CREDENTIAL_NOT_FOUND',
      problems: [expect.objectContaining({ file: 'flows/ghost.flow.json', path: 'nodes[1].config.credential' })],
    });
    await expect(source.service['bundles.export']({ flowIds: ['missing'] })).rejects.toMatchObject({ code: 'FLOW_NOT_FOUND' });
  });
});
