// Building blocks every domain file of the contract uses: how one method is declared (a strict zod
// schema for its params plus a sentence for docs), and the param pieces several domains share.
import { z } from 'zod';
import { idSchema, type FlowDocument } from '../flow/schema.js';

export interface MethodSpec<Schema extends z.ZodType = z.ZodType> {
  /** Validates the params of a request before the service sees them (both transports). */
  params: Schema;
  /** One sentence for the API docs and the server's method listing. */
  description: string;
}

export function method<Schema extends z.ZodType>(params: Schema, description: string): MethodSpec<Schema> {
  return { params, description };
}

/** Methods without params take an empty object (a transport may also send nothing). */
export const noParams = z.strictObject({});

export { idSchema };

/**
 * A flow document as the designer holds it, possibly with mistakes. The contract only checks that it
 * is an object: the service validates it with shared/flow and answers with every problem (JSON paths),
 * which a params error could not do as well.
 */
export const flowDocumentParam = z.custom<FlowDocument>((value) => typeof value === 'object' && value !== null && !Array.isArray(value), {
  message: 'must be a flow document (a JSON object)',
});

export const limitParam = z.number().int().min(1).max(10_000);
