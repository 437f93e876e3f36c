// db.query: one parameterised statement per message (DESIGN.md §3) through ctx.connections. The SQL is
// fixed in the flow; values from the message only ever travel as bound parameters, evaluated here from
// the node's `params` expressions. Which failures are worth a retry is decided where the driver's
// errors are known (../node-services/*-connections.ts); the engine's retry policy does the rest.
import type { DbQueryConfig } from '../../../shared/catalog/kinds/db-query.js';
import { isPipewrightError } from '../../../shared/errors.js';
import { NodeError } from '../errors.js';
import type { NodeContext, NodeExecutor, SqlConnection } from '../types.js';
import { fieldOptions } from './expression-path.js';

export const dbQueryExecutor: NodeExecutor<DbQueryConfig> = {
  type: 'db.query',
  concurrency: (config) => config.concurrency,
  defaultRetry: { maxAttempts: 5, backoffMs: 500, maxBackoffMs: 30_000 },

  async execute(input, ctx) {
    const params: unknown[] = [];
    for (const [index, expression] of ctx.config.params.entries()) {
      // JSONata's "nothing" (a missing field) binds as SQL NULL.
      params.push((await ctx.mapping.evaluate(expression, input.payload, { meta: input.meta }, fieldOptions(ctx, `params[${index}]`))) ?? null);
    }
    const connection = await connect(ctx);
    const result = await connection.query(ctx.config.sql, params);
    const payload = result.returnsRows === true
      ? { rows: result.rows }
      : { changes: result.changes, ...(result.lastInsertRowid === undefined ? {} : { lastInsertRowid: result.lastInsertRowid }) };
    return [{ port: 'out', payload }];
  },
};

/** The connection for the node's `database`; a target that cannot be used names the field to fix. */
async function connect(ctx: NodeContext<DbQueryConfig>): Promise<SqlConnection> {
  const location = { path: fieldOptions(ctx, 'database').path ?? 'config.database' };
  if (!ctx.connections) {
    throw new NodeError('CONNECTION_UNSUPPORTED', `node "${ctx.node.id}" queries ${ctx.config.database}, but this host gives nodes no database connections`, { transient: false, location });
  }
  try {
    return await ctx.connections.sql(ctx.config.database);
  } catch (error) {
    if (error instanceof NodeError) throw new NodeError(error.code, error.message, { transient: error.transient, location, cause: error });
    if (isPipewrightError(error)) throw new NodeError(error.code, error.message, { transient: false, location, cause: error });
    throw error;
  }
}
