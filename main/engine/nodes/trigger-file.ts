// trigger.file: the messages of a file taken from a watched folder were queued at this node by the
// host's folder watch (main/triggers/file-source.ts through the flow's activation); each passes on unchanged.
import type { NodeExecutor } from '../types.js';

export const triggerFileExecutor: NodeExecutor = {
  type: 'trigger.file',
  passThrough: true,
  execute: (input) => Promise.resolve([{ port: 'out', payload: input.payload }]),
};
