import { describe, expect, it } from 'vitest';
import type { FlowListItem } from '../../../shared/api/flows.js';
import { exportChoices, importSummary, openFlowIdFromUrl, parseBundleText, suggestedBundleName } from '../../../main/electron/bundle-files.js';

const flow = (id: string, name = id): FlowListItem => ({ id, name, nodeCount: 1, problemCount: 0, revision: 'r', modifiedAt: '2026-01-01T00:00:00Z' });

describe('flow bundles from the menu', () => {
  it('offers the open flow and all flows', () => {
    const flows = [flow('orders', 'Orders to ERP'), flow('stock')];
    expect(exportChoices(flows, 'orders')).toEqual([
      { label: 'Export “Orders to ERP”', flowIds: ['orders'] },
      { label: 'Export all 2 flows', flowIds: ['orders', 'stock'] },
    ]);
    expect(exportChoices(flows, undefined)).toEqual([{ label: 'Export all 2 flows', flowIds: ['orders', 'stock'] }]);
    expect(exportChoices([flow('orders')], 'orders')).toEqual([{ label: 'Export “orders”', flowIds: ['orders'] }]);
    expect(exportChoices([], undefined)).toEqual([]);
  });

  it('reads the open flow from the designer address', () => {
    expect(openFlowIdFromUrl('app://pipewright/index.html#/flows/orders-2')).toBe('orders-2');
    expect(openFlowIdFromUrl('app://pipewright/index.html')).toBeUndefined();
    expect(openFlowIdFromUrl('app://pipewright/index.html#/flows/../x')).toBeUndefined();
  });

  it('suggests a file name', () => {
    expect(suggestedBundleName(['orders'], 'shop')).toBe('orders.pipewright-bundle.json');
    expect(suggestedBundleName(['a', 'b'], 'my shop')).toBe('my-shop.pipewright-bundle.json');
  });

  it('points at the broken spot of a bundle file that is not JSON', () => {
    expect(parseBundleText('{"format":"pipewright.bundle"}', 'b.json')).toEqual({ format: 'pipewright.bundle' });
    expect(() => parseBundleText('{\n  "flows": [,]\n}', 'b.json')).toThrow(expect.objectContaining({ code: 'BAD_JSON', location: expect.objectContaining({ file: 'b.json', line: 2 }) }));
  });

  it('summarises an import, naming credentials that still need a secret', () => {
    expect(importSummary({ flows: ['orders'], credentialsAdded: ['erp-api'], credentialsWithoutSecret: ['erp-api'] })).toEqual({
      message: 'Imported 1 flow.',
      detail: 'Flows: orders\nCredentials added: erp-api\nSet the secrets of erp-api before running these flows.',
    });
  });
});
