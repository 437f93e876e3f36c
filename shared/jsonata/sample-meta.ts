// What `$meta` holds where a mapping is tried on a sample rather than run on a real message (the
// designer's live output, `mapping.evaluate`), so an expression that reads `$meta` shows an output.
export const SAMPLE_META = {
  messageId: 'sample-1',
  runId: 'sample',
  flowId: 'sample',
  flowVersion: 1,
  nodeId: 'sample',
  attempt: 1,
  idempotencyKey: 'sample-1',
} as const;
