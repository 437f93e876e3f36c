// `npm run docs`: writes docs/nodes.md, the node catalog reference generated from shared/catalog
// (shared/catalog/reference.ts). test/unit/shared/catalog/reference.test.ts fails when it is stale.
import { writeFileSync } from 'node:fs';
import { renderCatalogReference } from '../../../shared/catalog/reference.js';

const target = new URL('../../../docs/nodes.md', import.meta.url);
writeFileSync(target, renderCatalogReference());
process.stdout.write(`wrote ${target.pathname}\n`);
