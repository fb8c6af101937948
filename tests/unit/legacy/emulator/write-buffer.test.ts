import { EngineSession } from '../../../../src/engine';
import { LegacyError } from '../../../../src/core';
import type { TableInfo } from '../../../../src/legacy/emulator/state';
import { flushingSession, WriteBuffer } from '../../../../src/legacy/emulator/fast-paths/write-buffer';
import { makeType } from '../../../../src/legacy/emulator/tsql-types';

const INFO: TableInfo = {
  sqlName: '"T"',
  columns: [
    { name: 'Id', duckType: 'INTEGER', tsqlType: makeType('int', []) },
    { name: 'Name', duckType: 'VARCHAR', tsqlType: makeType('varchar', ['10']) },
    { name: 'At', duckType: 'TIMESTAMP', tsqlType: makeType('datetime', []) },
  ],
  key: [],
  identity: undefined,
};

async function withTable<T>(rows: string, run: (session: EngineSession) => Promise<T>): Promise<T> {
  const session = await EngineSession.open({ threads: 1 });
  try {
    await session.run('CREATE TABLE "T" ("Id" INTEGER NOT NULL, "Name" VARCHAR DEFAULT (\'n\'), "At" TIMESTAMP)');
    if (rows !== '') await session.run(`INSERT INTO "T" VALUES ${rows}`);
    return await run(session);
  } finally {
    session.close();
  }
}

const contents = async (s: EngineSession): Promise<unknown[]> => (await s.all('SELECT "Id", "Name", CAST("At" AS VARCHAR) AS at FROM "T"')).map((r) => [r.Id, r.Name, r.at]);

describe('WriteBuffer', () => {
  it('reads NOT NULL and DEFAULT of each column from DuckDB', async () => {
    await withTable('', async (session) => {
      expect(await new WriteBuffer(session).columns(INFO)).toEqual([
        { notNull: true, hasDefault: false }, { notNull: false, hasDefault: true }, { notNull: false, hasDefault: false },
      ]);
    });
  });

  it('deletes over DuckDB rows and buffered rows, then writes what is left in order', async () => {
    await withTable("(1, 'a', NULL), (2, 'b', NULL), (1, 'c', NULL)", async (session) => {
      const b = new WriteBuffer(session);
      b.append(INFO, [['3', 'd', '2026-01-02 03:04:05'], ['1', 'e', null]]);
      expect(await b.deleteWhere(INFO, [{ index: 0, value: '1' }])).toBe(3);
      expect(await b.deleteWhere(INFO, [{ index: 0, value: null }])).toBe(0);
      b.append(INFO, [['1', 'f', null]]);
      expect(await b.deleteWhere(INFO, [{ index: 0, value: '9' }])).toBe(0);
      expect(await contents(session)).toHaveLength(3); // nothing written yet
      await b.flush();
      expect(b.empty).toBe(true);
      expect(await contents(session)).toEqual([[2, 'b', null], [3, 'd', '2026-01-02 03:04:05'], [1, 'f', null]]);
    });
  });

  // From 64 rows a flush goes through DuckDB's appender and a VARCHAR staging table; below, one
  // INSERT … VALUES with parameters. Both must store exactly the same values in the same order.
  it.each([[3], [63], [64], [200], [1500]])('writes %i buffered rows as DuckDB casts each text, in order', async (n) => {
    const rows = Array.from({ length: n }, (_, i) => [String(i % 7 === 0 ? -i : i), i % 5 === 0 ? null : `n'${i}é`.slice(0, 10), i % 3 === 0 ? null : `2026-01-02 03:04:05.${String(i % 1000).padStart(3, '0')}`]);
    const expected = rows.map(([id, name, at]) => [Number(id), name, at === null || at === undefined ? null : at.replace(/\.?0+$/, '')]);
    await withTable('', async (session) => {
      const b = new WriteBuffer(session);
      b.append(INFO, rows);
      await b.flush();
      expect(await contents(session)).toEqual(expected);
      expect(await session.all("SELECT table_name FROM duckdb_tables() WHERE table_name LIKE '%stage%'")).toEqual([]);
    });
  });

  it('writes through the appender inside the open transaction (rolled back with it)', async () => {
    await withTable('', async (session) => {
      const b = new WriteBuffer(session);
      await session.run('BEGIN TRANSACTION');
      b.append(INFO, Array.from({ length: 100 }, (_, i) => [String(i), 'x', null]));
      await b.flush();
      expect(await contents(session)).toHaveLength(100);
      await session.run('ROLLBACK');
      expect(await contents(session)).toEqual([]);
    });
  });

  it.each([
    ['run', (s: EngineSession) => s.run('SELECT 1')],
    ['all', (s: EngineSession) => s.all('SELECT 1')],
    ['scalar', (s: EngineSession) => s.scalar('SELECT 1')],
    ['describe', (s: EngineSession) => s.describe('SELECT 1')],
  ])('flushes before the session\'s %s', async (_name, call) => {
    await withTable('', async (session) => {
      const b = new WriteBuffer(session);
      const flushing = flushingSession(session, b);
      b.append(INFO, [['5', 'x', null]]);
      await call(flushing);
      expect(b.empty).toBe(true);
      expect(await contents(session)).toEqual([[5, 'x', null]]);
    });
  });

  it('declines to read a large table into JavaScript for a DELETE, changing nothing', async () => {
    await withTable('', async (session) => {
      await session.run('INSERT INTO "T" SELECT range, NULL, NULL FROM range(20000)');
      const b = new WriteBuffer(session);
      expect(await b.deleteWhere(INFO, [{ index: 0, value: '1' }])).toBeUndefined();
      expect(b.empty).toBe(true);
    });
  });

  it.each([[1], [100]])('reports a write DuckDB refuses at flush (%i rows) as an internal error, never a T-SQL error', async (n) => {
    await withTable('', async (session) => {
      const b = new WriteBuffer(session);
      b.append(INFO, Array.from({ length: n }, (_, i) => [i === n - 1 ? null : String(i), 'x', null]));
      const err = await b.flush().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(LegacyError);
      expect((err as LegacyError).code).toBe('LEGACY_INTERNAL');
    });
  });
});
