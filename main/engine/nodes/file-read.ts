// file.read: reads a file inside the allowed roots (ctx.files) per message and parses it; the content
// becomes the payload, or is placed at `target` in a copy of it (enrichment from a lookup file).
import type { FileReadConfig } from '../../../shared/catalog/kinds/file-read.js';
import { NodeError } from '../errors.js';
import type { NodeExecutor } from '../types.js';
import { fieldOptions } from './expression-path.js';
import { fileError } from './file/file-errors.js';
import { parseFileText } from './file/file-formats.js';
import { placeAt } from './place-at.js';

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
    const payload = ctx.config.target === undefined ? content : placeAt(input.payload, ctx.config.target, content, { code: 'FILE_FAILED', what: 'file.read places the content' });
    return [{ port: 'out', payload }];
  },
};
