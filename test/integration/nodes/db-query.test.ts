// db.query through the real `pipewright` command, on a SQLite file in the workspace and on a private
// PostgreSQL cluster (test/support/postgres.ts) reached through a `postgres` credential whose password
// sits in the encrypted secrets file: inserts and selects with parameters from the payload, a
// constraint violation dead-lettered with the constraint named, a refused connection retried, and the
// password nowhere in the output or the state files. Bad configs are refused by `validate`.
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCredentialVault } from '../../../main/credentials/open-vault.js';
import { hasStackTrace, startCli, collect, stdoutJson, Workspace, type CliResult } from '../cli/cli-harness.js';
import { postgresCheck, startPostgres, type PostgresCluster } from '../../support/postgres.js';

interface RunJson {
  status: string;
  outputs: Record<string, unknown[]>;
  dead: Array<{ nodeId: string; attempts: number; error: { code: string; message: string; location?: { path?: string } } }>;
}

const orders = [
  { orderNo: 'A-1', email: 'ada@example.org', total: 12.5, paid: true },
  { orderNo: 'A-2', email: 'grace@example.org', total: 7, paid: false },
  // Same email as A-1: the unique constraint refuses it.
  { orderNo: 'A-3', email: 'ada@example.org', total: 1, paid: true },
];

/** insert (one per order) → nothing; select after: a second flow, so the rows are committed first. */
function insertFlow(id: string, database: string, sql: string): Record<string, unknown> {
  return {
    format: 'pipewright/flow@1', id, name: id,
    nodes: [
      { id: 'in', type: 'trigger.manual', position: [0, 0], config: {} },
      { id: 'insert', type: 'db.query', position: [300, 0], config: { database, sql, params: ['orderNo', 'email', 'total', 'paid'] }, retry: { maxAttempts: 2, backoffMs: 50 } },
    ],
    edges: [{ from: 'in', to: 'insert' }],
  };
}

function selectFlow(id: string, database: string, sql: string, retry?: Record<string, unknown>): Record<string, unknown> {
  return {
    format: 'pipewright/flow@1', id, name: id,
    nodes: [
      { id: 'in', type: 'trigger.manual', position: [0, 0], config: {} },
      { id: 'select', type: 'db.query', position: [300, 0], config: { database, sql, params: ['minTotal'] }, ...(retry ? { retry } : {}) },
    ],
    edges: [{ from: 'in', to: 'select' }],
  };
}

let ws: Workspace;

beforeAll(() => {
  ws = new Workspace('pipewright-db-query-');
  ws.write('orders.jsonl', orders.map((order) => JSON.stringify(order)).join('\n'));
  ws.write('query.json', { minTotal: 5 });
});

afterAll(() => ws.remove());

describe('db.query on SQLite', () => {
  it('inserts and selects with parameters from the payload and dead-letters a constraint violation', async () => {
    const db = new Database(ws.path('shop.db'));
    db.exec('CREATE TABLE orders (order_no TEXT PRIMARY KEY, email TEXT UNIQUE NOT NULL, total REAL, paid INTEGER)');
    db.close();
    ws.write('flows/sqlite-insert.flow.json', insertFlow('sqlite-insert', 'sqlite:shop.db', 'INSERT INTO orders (order_no, email, total, paid) VALUES (?, ?, ?, ?)'));
    ws.write('flows/sqlite-select.flow.json', selectFlow('sqlite-select', 'sqlite:shop.db', 'SELECT order_no, total, paid FROM orders WHERE total > ? ORDER BY order_no'));

    const inserted = stdoutJson<RunJson>(await ws.run(['run', 'sqlite-insert', '--input', 'orders.jsonl', '--jsonl', '--json']));
    expect(inserted.outputs.insert).toEqual([{ changes: 1, lastInsertRowid: 1 }, { changes: 1, lastInsertRowid: 2 }]);
    expect(inserted.dead).toHaveLength(1);
    expect(inserted.dead[0]).toMatchObject({ nodeId: 'insert', attempts: 1, error: { code: 'SQL_FAILED' } });
    expect(inserted.dead[0]?.error.message).toMatch(/UNIQUE constraint failed: orders\.email/);

    const selected = await ws.run(['run', 'sqlite-select', '--input', 'query.json', '--json']);
    expect(selected.code, selected.stderr).toBe(0);
    expect(stdoutJson<RunJson>(selected).outputs.select).toEqual([{ rows: [{ order_no: 'A-1', total: 12.5, paid: 1 }, { order_no: 'A-2', total: 7, paid: 0 }] }]);
  });

  it('refuses bad configs in validate at the field path', async () => {
    ws.write('flows/bad-queries.flow.json', {
      format: 'pipewright/flow@1', id: 'bad-queries', name: 'bad-queries',
      nodes: [
        { id: 'in', type: 'trigger.manual', position: [0, 0], config: {} },
        { id: 'url', type: 'db.query', position: [300, 0], config: { database: 'postgres://db.example/shop', sql: 'SELECT 1' } },
        { id: 'template', type: 'db.query', position: [300, 100], config: { database: 'sqlite:shop.db', sql: "SELECT * FROM orders WHERE order_no = '{{ orderNo }}'" } },
        { id: 'noSql', type: 'db.query', position: [300, 200], config: { database: 'sqlite:shop.db' } },
        { id: 'badParam', type: 'db.query', position: [300, 300], config: { database: 'sqlite:shop.db', sql: 'SELECT ?', params: ['orderNo +'] } },
        { id: 'emptyPath', type: 'db.query', position: [300, 400], config: { database: 'sqlite:', sql: 'SELECT 1' } },
      ],
      edges: ['url', 'template', 'noSql', 'badParam', 'emptyPath'].map((to) => ({ from: 'in', to })),
    });
    const result = await ws.run(['validate', 'bad-queries']);
    expect(result.code).toBe(2);
    expect(hasStackTrace(result.stderr)).toBe(false);
    const line = (path: string): string | undefined => result.stderr.split('\n').find((text) => text.includes(`:${path} `) || text.includes(`:${path}:`));
    expect(line('nodes[1].config.database')).toMatch(/INVALID_CONFIG use sqlite:<path inside the workspace>, or the name of a postgres credential/);
    expect(line('nodes[2].config.sql')).toMatch(/INVALID_CONFIG SQL is not a template: put a placeholder/);
    expect(line('nodes[3].config.sql')).toMatch(/INVALID_CONFIG/);
    expect(line('nodes[4].config.params[0]')).toMatch(/JSONATA_SYNTAX/);
    expect(line('nodes[5].config.database')).toMatch(/INVALID_CONFIG/);
  });
});

describe('the postgres credential type in the CLI', () => {
  it('saves host, port (a number), database and user, and refuses a bad port or another type\'s option', async () => {
    const cliWs = new Workspace('pipewright-pg-credential-');
    const env = { PIPEWRIGHT_SECRETS_KEY: randomBytes(32).toString('hex'), PIPEWRIGHT_SECRET_STORE: '' };
    try {
      const saved = await cliWs.run(['credentials', 'set', 'erp-db', '--type', 'postgres', '--host', 'db.local', '--port', '5433', '--database', 'erp', '--user', 'app', '--ssl', 'require'], { env, stdin: 'secret-pw' });
      expect(saved.code, saved.stderr).toBe(0);
      const file = JSON.parse(readFileSync(cliWs.path('credentials.json'), 'utf8')) as { credentials: unknown[] };
      expect(file.credentials).toEqual([expect.objectContaining({ name: 'erp-db', type: 'postgres', fields: { host: 'db.local', port: 5433, database: 'erp', user: 'app', ssl: 'require' } })]);
      expect(JSON.stringify(file)).not.toContain('secret-pw');
      const badPort = await cliWs.run(['credentials', 'set', 'other', '--type', 'postgres', '--host', 'h', '--port', '99999', '--database', 'd', '--user', 'u'], { env, stdin: 'x' });
      expect(badPort.stderr).toContain('CREDENTIAL_INVALID credential "other" (postgres): --port: a port is 1 to 65535');
      const misplaced = await cliWs.run(['credentials', 'set', 'other', '--type', 'postgres', '--host', 'h', '--database', 'd', '--user', 'u', '--username', 'ada'], { env, stdin: 'x' });
      expect(misplaced.stderr).toContain('--username does not apply to postgres credentials');
    } finally {
      cliWs.remove();
    }
  });
});

const postgres = postgresCheck();

describe.skipIf(!postgres.present)('db.query on PostgreSQL', () => {
  let cluster: PostgresCluster;
  let env: Record<string, string>;

  beforeAll(async () => {
    cluster = await startPostgres();
    const client = new pg.Client({ host: cluster.host, port: cluster.port, user: cluster.user, password: cluster.password, database: cluster.database });
    await client.connect();
    await client.query('CREATE TABLE orders (order_no text PRIMARY KEY, email text NOT NULL CONSTRAINT orders_email_unique UNIQUE, total numeric(10,2), paid boolean, created timestamptz DEFAULT now())');
    await client.end();
    env = { PIPEWRIGHT_SECRETS_KEY: randomBytes(32).toString('hex'), PIPEWRIGHT_SECRET_STORE: '' };
    const vault = openCredentialVault(ws.dir, env);
    await vault.save({ name: 'shop-db', type: 'postgres', fields: { host: cluster.host, port: cluster.port, database: cluster.database, user: cluster.user } }, cluster.password);
    await vault.save({ name: 'nobody-home', type: 'postgres', fields: { host: '127.0.0.1', port: 1, database: 'x', user: 'x' } }, 'irrelevant-secret');
  }, 120_000);

  afterAll(() => cluster?.stop());

  it('inserts and selects with parameters from the payload and dead-letters a constraint violation', async () => {
    ws.write('flows/pg-insert.flow.json', insertFlow('pg-insert', 'shop-db', 'INSERT INTO orders (order_no, email, total, paid) VALUES ($1, $2, $3, $4)'));
    ws.write('flows/pg-select.flow.json', selectFlow('pg-select', 'shop-db', 'SELECT order_no, total::float8 AS total, paid FROM orders WHERE total > $1 ORDER BY order_no'));

    const insertRun = await ws.run(['run', 'pg-insert', '--input', 'orders.jsonl', '--jsonl', '--json'], { env });
    const inserted = stdoutJson<RunJson>(insertRun);
    expect(inserted.outputs.insert).toEqual([{ changes: 1 }, { changes: 1 }]);
    expect(inserted.dead).toHaveLength(1);
    expect(inserted.dead[0]).toMatchObject({ nodeId: 'insert', attempts: 1, error: { code: 'SQL_FAILED' } });
    expect(inserted.dead[0]?.error.message).toMatch(/duplicate key value violates unique constraint "orders_email_unique" \(constraint orders_email_unique\) — Key \(email\)=\(ada@example\.org\) already exists/);

    const selectRun = await ws.run(['run', 'pg-select', '--input', 'query.json', '--json'], { env });
    expect(selectRun.code, selectRun.stderr).toBe(0);
    expect(stdoutJson<RunJson>(selectRun).outputs.select).toEqual([{ rows: [{ order_no: 'A-1', total: 12.5, paid: true }, { order_no: 'A-2', total: 7, paid: false }] }]);
    expectNoPassword([insertRun, selectRun]);
  });

  it('retries "too many connections" until the server takes the connection', async () => {
    const admin = new pg.Client(cluster.admin());
    await admin.connect();
    try {
      await admin.query(`ALTER ROLE ${admin.escapeIdentifier(cluster.user)} CONNECTION LIMIT 0`);
      ws.write('flows/pg-busy.flow.json', selectFlow('pg-busy', 'shop-db', 'SELECT count(*)::int AS n FROM orders WHERE total > $1', { maxAttempts: 20, backoffMs: 200, maxBackoffMs: 500 }));
      const running = collect(startCli(['--workspace', ws.dir, 'run', 'pg-busy', '--input', 'query.json', '--json'], { cwd: ws.dir, env }));
      // Let the server refuse at least once (it logs it), then let the user in.
      await until(() => /too many connections for role/.test(cluster.log()), 30_000);
      await admin.query(`ALTER ROLE ${admin.escapeIdentifier(cluster.user)} CONNECTION LIMIT -1`);
      const result = await running;
      expect(result.code, result.stderr).toBe(0);
      const report = stdoutJson<RunJson>(result);
      expect(report.dead).toEqual([]);
      expect(report.outputs.select).toEqual([{ rows: [{ n: 2 }] }]);
    } finally {
      await admin.end();
    }
  });

  it('retries a refused connection, then dead-letters it as a connection error', async () => {
    ws.write('flows/pg-down.flow.json', selectFlow('pg-down', 'nobody-home', 'SELECT 1 WHERE 1 > $1', { maxAttempts: 3, backoffMs: 20 }));
    const result = await ws.run(['run', 'pg-down', '--input', 'query.json', '--json'], { env });
    const report = stdoutJson<RunJson>(result);
    expect(report.dead).toHaveLength(1);
    expect(report.dead[0]).toMatchObject({ nodeId: 'select', attempts: 3, error: { code: 'SQL_CONNECTION' } });
    expect(report.dead[0]?.error.message).toMatch(/PostgreSQL \(credential "nobody-home"\) could not be reached: .*ECONNREFUSED/);
  });

  it('names a credential of another type instead of connecting', async () => {
    const vault = openCredentialVault(ws.dir, env);
    await vault.save({ name: 'erp-token', type: 'bearer', fields: {} }, 'token-value');
    ws.write('flows/pg-wrong.flow.json', selectFlow('pg-wrong', 'erp-token', 'SELECT 1'));
    const report = stdoutJson<RunJson>(await ws.run(['run', 'pg-wrong', '--input', 'query.json', '--json'], { env }));
    expect(report.dead[0]).toMatchObject({ attempts: 1, error: { code: 'CREDENTIAL_WRONG_TYPE', location: { path: 'nodes[1].config.database' } } });
  });

  function expectNoPassword(results: CliResult[]): void {
    const texts = results.flatMap((result) => [result.stdout, result.stderr]);
    const stateDir = ws.path('.pipewright');
    for (const name of readdirSync(stateDir)) texts.push(readFileSync(join(stateDir, name)).toString('latin1'));
    texts.push(readFileSync(ws.path('credentials.json'), 'utf8'));
    expect(texts.filter((text) => text.includes(cluster.password))).toEqual([]);
  }
});

async function until(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
