import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { nodeCatalog } from '../../../../shared/catalog/index.js';
import { renderCatalogReference } from '../../../../shared/catalog/reference.js';

describe('the node catalog reference (docs/nodes.md)', () => {
  const rendered = renderCatalogReference();

  it('is what the catalog renders now (run `npm run docs` after changing a kind)', () => {
    expect(readFileSync(new URL('../../../../docs/nodes.md', import.meta.url), 'utf8')).toBe(rendered);
  });

  it('has a section for every kind, with its fields and their descriptions', () => {
    for (const type of nodeCatalog.keys()) expect(rendered).toContain(`## ${type}\n`);
    expect(rendered).toMatch(/\| `pagination\(style=cursor\)\.cursor` \| string \| yes \| {2}\| JSONata path to the next cursor in the response body\. \|/);
    expect(rendered).toMatch(/\| `expression` \| string, JSONata \| yes \|/);
  });
});
