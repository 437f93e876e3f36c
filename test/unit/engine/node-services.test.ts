// What file and database nodes get from the engine: the file policy keeps them inside the allowed
// roots (also against `..` and symbolic links) and writes atomically; `sqlite:` connections open
// only files the policy allows.
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createConnectionProvider, createFilePolicy } from '../../../main/engine/node-services/index.js';

const base = mkdtempSync(join(tmpdir(), 'pw-node-services-'));
const root = join(base, 'workspace');
const outside = join(base, 'elsewhere');
mkdirSync(join(root, 'out'), { recursive: true });
mkdirSync(outside);
writeFileSync(join(outside, 'secret.txt'), 'not for flows');
symlinkSync(outside, join(root, 'escape'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('file policy', () => {
  const files = createFilePolicy([root]);

  it('resolves relative paths from the first root and writes atomically', async () => {
    const written = await files.writeAtomically('out/orders.json', '{"n":1}');
    expect(written).toBe(join(root, 'out', 'orders.json'));
    expect(readFileSync(written, 'utf8')).toBe('{"n":1}');
    await files.writeAtomically('out/orders.json', '{"n":2}');
    expect((await files.read('out/orders.json')).toString()).toBe('{"n":2}');
    expect(readdirSync(join(root, 'out'))).toEqual(['orders.json']);
  });

  it('creates folders below a root for a file yet to be written', async () => {
    await files.writeAtomically(join(root, 'new', 'deep', 'file.txt'), 'x');
    expect(readFileSync(join(root, 'new', 'deep', 'file.txt'), 'utf8')).toBe('x');
  });

  it.each([
    ['a path climbing out with ..', '../elsewhere/secret.txt'],
    ['an absolute path outside', join(outside, 'secret.txt')],
    ['a symbolic link inside a root that leads out', 'escape/secret.txt'],
    ['a new file behind such a link', 'escape/planted.txt'],
  ])('refuses %s as a permanent error', async (_what, path) => {
    await expect(files.read(path)).rejects.toMatchObject({ code: 'FILE_OUTSIDE_ROOTS', transient: false });
    await expect(files.writeAtomically(path, 'x')).rejects.toMatchObject({ code: 'FILE_OUTSIDE_ROOTS' });
  });

  it('allows nothing when the host allows no folder', async () => {
    await expect(createFilePolicy([]).read('a.txt')).rejects.toMatchObject({ code: 'FILE_OUTSIDE_ROOTS' });
  });
});

describe('database connections', () => {
  const connections = createConnectionProvider(createFilePolicy([root]));
  afterAll(() => connections.close());

  it('runs parameterised SQL on a SQLite file inside the roots', async () => {
    const db = await connections.sql('sqlite:shop.db');
    await db.query('CREATE TABLE orders (id TEXT PRIMARY KEY, total REAL)', []);
    expect(await db.query('INSERT INTO orders (id, total) VALUES (?, ?)', ['A-1', 12.5])).toEqual({ returnsRows: false, rows: [], changes: 1, lastInsertRowid: 1 });
    expect(await db.query('SELECT id, total FROM orders WHERE total > ?', [10])).toEqual({ returnsRows: true, rows: [{ id: 'A-1', total: 12.5 }], changes: 0 });
    await expect(db.query('INSERT INTO orders (id, total) VALUES (?, ?)', ['A-1', 1])).rejects.toMatchObject({ code: 'SQL_FAILED', transient: false });
    await expect(db.query('SELEC nonsense', [])).rejects.toMatchObject({ code: 'SQL_INVALID' });
  });

  it('refuses a database outside the roots and targets it cannot open', async () => {
    await expect(connections.sql(`sqlite:${join(outside, 'x.db')}`)).rejects.toMatchObject({ code: 'FILE_OUTSIDE_ROOTS' });
    await expect(connections.sql('postgres://db.example/shop')).rejects.toMatchObject({ code: 'CONNECTION_UNSUPPORTED' });
  });
});
