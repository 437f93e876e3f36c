// file.read: reads a file inside the allowed roots (ctx.files) per message and parses it; the content
// becomes the payload, or is placed at `target` in a copy of it (enrichment from a lookup file).
import type { FileReadConfig } from '../../../shared/catalog/kinds/file-read.js';
import { NodeError } from '../errors.js';
import type { NodeExecutor } from '../types.js';
import { fieldOptions } from './expression-path.js';
import { fileError } from './file/file-errors.js';
import { parseFileText } from './file/file-formats.js';

export const fileReadExecutor: NodeExecutor<FileReadConfig> = {
  type: 'file.read',
  defaultRetry: { maxAttempts: 3, backoffMs: 500, maxBackoffMs: 10_000 },

  async execute(input, ctx) {
    const wanted = await ctx.mapping.renderTemplate(ctx.config.path, input.payload, { meta: input.meta }, fieldOptions(ctx, 'path'));
    if (wanted.trim() === '') throw new NodeError('FILE_FAILED', `the path template "${ctx.config.path}" yielded an empty path`, { transient: false });
    const path = await ctx.files.resolve(wanted);
    let bytes: Buffer;
    try {
      bytes = await ctx.files.read(path);
    } catch (error) {
      throw fileError(error, path, 'read');
    }
    const content = parseFileText(ctx.config.format, bytes.toString('utf8'), path, ctx.config);
    const payload = ctx.config.target === undefined ? content : placed(input.payload, ctx.config.target, content);
    return [{ port: 'out', payload }];
  },
};

/** A copy of the payload with `value` at the dotted path; objects on the way are copied, not changed. */
function placed(payload: unknown, target: string, value: unknown): Record<string, unknown> {
  if (!isObject(payload)) {
    throw new NodeError('FILE_FAILED', `file.read places the content at "${target}" inside the payload, which must be an object, not ${JSON.stringify(payload) ?? 'nothing'}`, { transient: false });
  }
  const root: Record<string, unknown> = { ...payload };
  const fields = target.split('.');
  let at = root;
  for (const field of fields.slice(0, -1)) {
    const next = at[field];
    at = at[field] = isObject(next) ? { ...next } : {};
  }
  at[fields[fields.length - 1] as string] = value;
  return root;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
