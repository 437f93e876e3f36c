// Opening a flow file written by hand, in a layout of its own and with problems still in it, through
// the designer's flow session on the real service: it opens "Saved" (only the user's edits make it
// unsaved), shows its problems, and the next save writes it in the canonical layout.
import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { serializeFlow } from '../../../shared/flow/serialize.js';
import { createMemoryClient } from '../../../renderer/src/api/memory-client.js';
import { createFlowStore } from '../../../renderer/src/canvas/store.js';
import { createFlowSession, emptyFlow } from '../../../renderer/src/flows/flow-session.js';
import { ApiWorkspace } from './api-workspace.js';

const HAND_WRITTEN = `{
    "id": "by-hand",
    "format": "pipewright/flow@1",
    "name": "Written by hand",
    "nodes": [
        { "type": "trigger.manual", "id": "in", "position": [0, 0], "config": {} },
        { "type": "transform.map", "id": "map", "position": [200, 0], "config": { "expression": "{ \\"n\\": n" } }
    ],
    "edges": [ { "from": "in", "to": "map" }, { "from": "map", "to": "gone" } ]
}
`;

describe('opening a hand-written flow in the designer', () => {
  const workspace = new ApiWorkspace();
  afterAll(() => workspace.remove());

  it('opens it saved with its problems, and saves it canonically once edited', async () => {
    writeFileSync(workspace.flowPath('by-hand'), HAND_WRITTEN);
    const store = createFlowStore(emptyFlow());
    const session = createFlowSession({
      client: createMemoryClient(workspace.service),
      store,
      prompts: { confirmDiscard: async () => false, confirmDelete: async () => false, resolveConflict: async () => 'cancel' },
      location: { read: () => undefined, write: () => undefined },
    });
    expect(await session.open('by-hand')).toBe(true);
    const opened = store.getSnapshot();
    expect(opened.dirty).toBe(false);
    expect(opened.problems.total).toBeGreaterThanOrEqual(2);

    store.rename('map', 'Shape it');
    expect(store.getSnapshot().dirty).toBe(true);
    expect(await session.save()).toBe(true);
    expect(store.getSnapshot().dirty).toBe(false);
    expect(readFileSync(workspace.flowPath('by-hand'), 'utf8')).toBe(serializeFlow(store.getSnapshot().doc));
  });
});
