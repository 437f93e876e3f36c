// Everything the engine guarantees that depends on its store, as suites taking a store harness:
// a second store is proven by calling `runConformance` with its harness.
import type { StoreHarness } from '../../../fixtures/engine/stores.js';
import { activationSuite } from './activation.js';
import { nodeCapabilitiesSuite } from './node-capabilities.js';

export function runConformance(harness: StoreHarness): void {
  nodeCapabilitiesSuite(harness);
  activationSuite(harness);
}
