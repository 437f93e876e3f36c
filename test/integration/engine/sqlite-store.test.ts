// The engine's conformance suite on the SQLite store. Another store runs the same suite with its own
// harness (test/fixtures/engine/stores.ts) in a file like this one.
import { sqliteHarness } from '../../fixtures/engine/stores.js';
import { runConformance } from './conformance/index.js';

runConformance(sqliteHarness);
