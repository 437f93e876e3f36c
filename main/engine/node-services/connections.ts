// The ConnectionProvider db.query gets (ctx.connections): `sqlite:<path>` goes to ./sqlite-connections.ts,
// the name of a credential to ./postgres-connections.ts. Anything else is refused with what to write.
import { credentialNameSchema } from '../../../shared/credentials/definition.js';
import type { CredentialProvider } from '../../credentials/types.js';
import { NodeError } from '../errors.js';
import type { ConnectionProvider, FilePolicy, SqlConnection } from '../types.js';
import { createPostgresConnections } from './postgres-connections.js';
import { createSqliteConnections } from './sqlite-connections.js';

export const SQLITE_PREFIX = 'sqlite:';

export function createConnectionProvider(files: FilePolicy, credentials?: CredentialProvider): ConnectionProvider {
  const sqlite = createSqliteConnections(files);
  const postgres = createPostgresConnections(credentials);
  return {
    async sql(target: string): Promise<SqlConnection> {
      if (target.startsWith(SQLITE_PREFIX)) return sqlite.connect(target.slice(SQLITE_PREFIX.length));
      if (credentialNameSchema.safeParse(target).success) return postgres.connect(target);
      throw new NodeError('CONNECTION_UNSUPPORTED', `database target "${target}" is not supported: use sqlite:<path inside the workspace>, or the name of a postgres credential`, { transient: false });
    },
    async close(): Promise<void> {
      await Promise.all([sqlite.close(), postgres.close()]);
    },
  };
}
