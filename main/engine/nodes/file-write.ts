// file.write: writes each message to a file inside the allowed roots (ctx.files), atomically. The name
// is a template; the path is checked by the file policy before anything is read or written, so a name
// that leads out (`..`, absolute, a symbolic link) fails the message and leaves no file behind.
// `append` reads the file and writes it whole again through the same atomic write: a reader never
// sees half a line, at the price of rewriting the file (and of lost lines if two flows append to one
// file at once, which the node's documentation warns about).
import { join } from 'node:path';
import type { FileWriteConfig } from '../../../shared/catalog/kinds/file-write.js';
import { NodeError } from '../errors.js';
import type { NodeContext, NodeExecutor } from '../types.js';
import { fieldOptions } from './expression-path.js';
import { fileError } from './file/file-errors.js';
import { csvColumns, serializeFileData } from './file/file-formats.js';

export const fileWriteExecutor: NodeExecutor<FileWriteConfig> = {
  type: 'file.write',
  defaultRetry: { maxAttempts: 3, backoffMs: 500, maxBackoffMs: 10_000 },

  async execute(input, ctx) {
    const name = await ctx.mapping.renderTemplate(ctx.config.name, input.payload, { meta: input.meta }, fieldOptions(ctx, 'name'));
    if (name.trim() === '') throw new NodeError('FILE_FAILED', `the name template "${ctx.config.name}" yielded an empty file name`, { transient: false });
    const wanted = join(ctx.config.dir, name);
    // Checked first: nothing below runs for a path outside the roots.
    const path = await ctx.files.resolve(wanted);
    const data = ctx.config.content === undefined
      ? input.payload
      : await ctx.mapping.evaluate(ctx.config.content, input.payload, { meta: input.meta }, fieldOptions(ctx, 'content'));
    const text = await contentToWrite(ctx, path, data);
    try {
      await ctx.files.writeAtomically(path, text, { exclusive: ctx.config.mode === 'create' });
    } catch (error) {
      throw fileError(error, path, 'write');
    }
    return [{ port: 'out', payload: { path, bytes: Buffer.byteLength(text) } }];
  },
};

async function contentToWrite(ctx: NodeContext<FileWriteConfig>, path: string, data: unknown): Promise<string> {
  const { format, delimiter, root } = ctx.config;
  if (ctx.config.mode !== 'append') return serializeFileData(format, data, path, { delimiter, root });
  const existing = await readExisting(ctx, path);
  if (existing === undefined || existing.trim() === '') return serializeFileData(format, data, path, { delimiter, root });
  const columns = format === 'csv' ? csvColumns(existing, delimiter) : undefined;
  const separator = existing.endsWith('\n') ? '' : '\n';
  return `${existing}${separator}${serializeFileData(format, data, path, { delimiter, root, columns })}`;
}

async function readExisting(ctx: NodeContext, path: string): Promise<string | undefined> {
  try {
    return (await ctx.files.read(path)).toString('utf8');
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') return undefined;
    throw fileError(error, path, 'read');
  }
}

