// `pipewright db migrate --db postgres://…`: creates or migrates a PostgreSQL state database's schema
// and says which version it is at (DESIGN.md §7, §8). Every process also migrates on start, under an
// advisory lock; this is for operators who migrate separately (before rolling out a new version).
import { Command, InvalidArgumentError } from 'commander';
import { EXIT, type CliContext } from '../context.js';
import type { Runner } from '../runner.js';

/** A `--db` value: a PostgreSQL URL, else a usage error saying what is expected. */
export function parseDatabaseUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InvalidArgumentError('must be a PostgreSQL URL: postgres://user:password@host:5432/database');
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new InvalidArgumentError(`must be a PostgreSQL URL (postgres://user:password@host:5432/database), not ${url.protocol}//…`);
  }
  if (url.pathname.length <= 1) throw new InvalidArgumentError('must name a database: postgres://user:password@host:5432/database');
  return value;
}

export function registerDb(program: Command, runner: Runner): void {
  const db = program.command('db').description('operate a PostgreSQL state database (scale-out)');
  db.command('migrate')
    .description('create or migrate the schema of a PostgreSQL state database; safe while servers and workers run')
    .requiredOption('--db <url>', 'PostgreSQL URL (postgres://user:password@host:5432/database)', parseDatabaseUrl)
    .action((options: { db: string }, command: Command) => runner.run(command, (ctx) => migrate(ctx, options.db)));
}

async function migrate(ctx: CliContext, url: string): Promise<number> {
  const { migratePostgresStore } = await import('../../engine/index.js');
  const versions = await migratePostgresStore(url);
  const { describeUrl } = await import('../../engine/store/postgres/connection.js');
  ctx.terminal.out(`${describeUrl(url)}: schema version ${Math.max(0, ...versions)}`);
  return EXIT.ok;
}
