// Everything the engine guarantees that depends on its store, as suites taking a store harness:
// a second store is proven by calling `runConformance` with its harness.
import type { StoreHarness } from '../../../fixtures/engine/stores.js';
import { activationSuite } from './activation.js';
import { backPressureSuite } from './back-pressure.js';
import { batchBudgetSuite } from './batch-budget.js';
import { crashRecoverySuite } from './crash.js';
import { errorPortAndReplaySuite } from './error-port-and-replay.js';
import { exclusiveClaimsSuite } from './exclusive-claims.js';
import { handOffSuite } from './hand-off.js';
import { hostileInputSuite } from './hostile-input.js';
import { jsonlIngestSuite } from './jsonl-ingest.js';
import { nodeCapabilitiesSuite } from './node-capabilities.js';
import { operationsReadsSuite } from './operations-reads.js';
import { retriesSuite } from './retries.js';
import { storeContractSuite } from './store-contract.js';
import { tracesAndRetentionSuite } from './traces-and-retention.js';

export function runConformance(harness: StoreHarness): void {
  storeContractSuite(harness);
  exclusiveClaimsSuite(harness);
  handOffSuite(harness);
  errorPortAndReplaySuite(harness);
  retriesSuite(harness);
  backPressureSuite(harness);
  batchBudgetSuite(harness);
  jsonlIngestSuite(harness);
  tracesAndRetentionSuite(harness);
  hostileInputSuite(harness);
  crashRecoverySuite(harness);
  nodeCapabilitiesSuite(harness);
  activationSuite(harness);
  operationsReadsSuite(harness);
}
