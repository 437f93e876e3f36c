import { z } from 'zod';
import { defineNodeKind } from '../node-kind.js';

export const triggerManualConfig = z.strictObject({});

export const triggerManual = defineNodeKind({
  type: 'trigger.manual',
  title: 'Manual trigger',
  category: 'trigger',
  effects: 'none',
  description: 'Emits the messages given to a run: the designer\'s Run button or `pipewright run --input`.',
  configSchema: triggerManualConfig,
  defaultConfig: {},
  ports: () => ['out'],
  jsonataFields: () => [],
  isTrigger: true,
});
