import { z } from 'zod';
import { credentialNameSchema } from '../../credentials/definition.js';
import { defineNodeKind, type JsonataField } from '../node-kind.js';

export const dbQueryConfig = z.strictObject({
  database: z.string().refine((target) => (target.startsWith('sqlite:') ? target.length > 'sqlite:'.length : credentialNameSchema.safeParse(target).success), {
    message: 'use sqlite:<path inside the workspace>, or the name of a postgres credential',
  }).describe("`sqlite:<path in the workspace>`, or the name of a postgres credential (host, database, user; the password in the secret store)."),
  sql: z.string().refine((sql) => sql.trim() !== '', { message: 'a SQL statement is required' }).refine((sql) => !sql.includes('{{'), {
    message: 'SQL is not a template: put a placeholder (? or $1) in the SQL and the value in params',
  }).describe("Fixed SQL with placeholders: `?` for SQLite, `$1`, `$2`, … for PostgreSQL. Never a template: values from the message go in `params`, so no payload can change the statement."),
  params: z.array(z.string().min(1, { message: 'a JSONata expression is required' })).default([]).describe("One JSONata expression per placeholder, in order: `[\"orderNo\", \"total\", \"$meta.idempotencyKey\"]`."),
  concurrency: z.number().int().min(1).max(32).default(1).describe("Messages of one batch queried at once (PostgreSQL); SQLite runs one statement at a time anyway."),
});
export type DbQueryConfig = z.infer<typeof dbQueryConfig>;

export const dbQuery = defineNodeKind({
  type: 'db.query',
  title: 'Database query',
  category: 'http',
  effects: 'external',
  description:
    'Runs one parameterised SQL statement per message on a SQLite file in the workspace (`sqlite:data/shop.db`) or a PostgreSQL database named by a credential. `params` are JSONata expressions bound to the placeholders (`?` / `$1`), never pasted into the SQL. A statement that returns rows (SELECT, … RETURNING) emits `{ rows }`; any other emits `{ changes, lastInsertRowid }` (PostgreSQL has no last insert id: use RETURNING). Lost connections, serialization failures and "too many connections" are retried; constraint violations and bad SQL fail the message.',
  configSchema: dbQueryConfig,
  defaultConfig: { database: 'sqlite:data.db', sql: 'SELECT * FROM orders WHERE id = ?', params: ['id'], concurrency: 1 },
  ports: () => ['out'],
  jsonataFields: (config) => config.params.map((source, index): JsonataField => ({ path: ['params', index], kind: 'expression', source })),
});
