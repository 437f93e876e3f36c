// The designer shows the engine's defaults as placeholders without importing the engine (DESIGN.md §1):
// this fails when renderer/src/settings/engine-defaults.ts no longer says what main/engine does.
import { describe, expect, it } from 'vitest';
import { nodeCatalog } from '../../../shared/catalog/index.js';
import { ENGINE_DEFAULTS } from '../../../main/engine/engine.js';
import { getNodeExecutor } from '../../../main/engine/nodes/index.js';
import { retryPolicyFor } from '../../../main/engine/retry.js';
import { DEFAULT_QUEUE_LIMIT, defaultRetryOf } from '../../../renderer/src/settings/engine-defaults.js';

describe('the settings forms\' engine defaults', () => {
  it('name each kind\'s default retry policy as the engine applies it', () => {
    for (const kind of nodeCatalog.values()) {
      const executor = getNodeExecutor(kind.type);
      if (executor === undefined) continue;
      expect(defaultRetryOf(kind.type), kind.type).toEqual(retryPolicyFor(undefined, executor));
    }
  });

  it('name the engine\'s queue bound', () => {
    expect(DEFAULT_QUEUE_LIMIT).toBe(ENGINE_DEFAULTS.queueLimit);
  });
});
