import type { EmulationResult } from '../../../../src/legacy/emulator/emulate-procedure';
import { resultRows, runBody } from './emulator-helpers';

// INSERT … VALUES and keyed DELETEs buffered in JavaScript (buffered-dml.ts, write-buffer.ts).
// Every case runs twice, buffered (MIGRATE_EMULATOR_BATCH=1) and one statement at a time in
// DuckDB (=0): the output tables, result sets and messages must be identical.

async function withBatch<T>(on: boolean, run: () => Promise<T>): Promise<T> {
  const saved = process.env.MIGRATE_EMULATOR_BATCH;
  process.env.MIGRATE_EMULATOR_BATCH = on ? '1' : '0';
  try {
    return await run();
  } finally {
    if (saved === undefined) delete process.env.MIGRATE_EMULATOR_BATCH;
    else process.env.MIGRATE_EMULATOR_BATCH = saved;
  }
}

/** What a run shows the world: output tables, result sets, messages and return code. */
function visible(r: EmulationResult): unknown {
  const plain = (rows: readonly Record<string, unknown>[]): unknown => rows.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === 'bigint' ? Number(v) : v instanceof Date ? v.toISOString() : v])));
  return { outputs: r.outputs.map((o) => ({ name: o.name, rows: plain(o.rows) })), sets: r.resultSets.map((s) => plain(s.rows)), messages: r.messages, rc: r.returnValue };
}

async function bothWays(body: string, tables = TABLES): Promise<{ batched: EmulationResult; direct: EmulationResult }> {
  const batched = await withBatch(true, () => runBody(body, { tables }));
  const direct = await withBatch(false, () => runBody(body, { tables }));
  expect(visible(batched)).toEqual(visible(direct));
  expect(direct.counters.bufferedWrites).toBe(0);
  return { batched, direct };
}

const TABLES = `CREATE TABLE dbo.Counts (EntityId int NOT NULL, Letter char(1) NULL, Total int NOT NULL, Label varchar(5) NULL, Small tinyint NULL,
  ComputedAt datetime NOT NULL CONSTRAINT DF_Counts_At DEFAULT (GETDATE()), CONSTRAINT PK_Counts PRIMARY KEY (EntityId))
GO
CREATE TABLE dbo.Log (Id int IDENTITY(1,1) NOT NULL, Note varchar(20) NULL)
GO`;

describe('buffered INSERT and DELETE', () => {
  it('gives @@ROWCOUNT of a multi-row INSERT and of a DELETE over DuckDB and buffered rows', async () => {
    const { batched } = await bothWays(`
INSERT INTO dbo.Counts (EntityId, Letter, Total, Label, Small, ComputedAt) VALUES (1, 'a', 1, 'x', 1, GETDATE()), (2, 'b', 2, 'y', 2, GETDATE()), (3, 'c', 3, 'z', 3, GETDATE());
SELECT @@ROWCOUNT AS n;
INSERT INTO dbo.Counts SELECT 10, 'q', 10, 'ten', 10, GETDATE();  -- INSERT … SELECT: in DuckDB
DECLARE @k int = 2;
INSERT INTO dbo.Counts VALUES (@k + 20, NULL, @k, NULL, NULL, GETDATE());
SELECT @@ROWCOUNT AS n;
DELETE FROM dbo.Counts WHERE EntityId = @k;
SELECT @@ROWCOUNT AS n;
DELETE FROM dbo.Counts WHERE EntityId = 10;
SELECT @@ROWCOUNT AS n;
DELETE FROM dbo.Counts WHERE Counts.EntityId = 22 AND Total = @k;
SELECT @@ROWCOUNT AS n;
DELETE FROM dbo.Counts WHERE EntityId = NULL;
SELECT @@ROWCOUNT AS n;
SELECT EntityId, Letter, Total, Label FROM dbo.Counts ORDER BY EntityId;`);
    expect(batched.resultSets.slice(0, 6).map((s) => Number(s.rows[0]?.n))).toEqual([3, 1, 1, 1, 1, 0]);
    expect(resultRows(batched, 6)).toEqual([{ EntityId: 1, Letter: 'a', Total: 1, Label: 'x' }, { EntityId: 3, Letter: 'c', Total: 3, Label: 'z' }]);
    expect(batched.counters.bufferedWrites).toBeGreaterThanOrEqual(5);
  });

  it('lets a read after buffered writes see them (queries, cursors, SELECT INTO)', async () => {
    const { batched } = await bothWays(`
DECLARE @i int = 1, @n int;
WHILE @i <= 5 BEGIN
  DELETE FROM dbo.Counts WHERE EntityId = @i - 1;
  INSERT INTO dbo.Counts (EntityId, Letter, Total, Label, Small, ComputedAt) VALUES (@i, 'k', @i * 2, 'v', 0, '2026-03-01');
  SET @i = @i + 1;
END
SELECT @n = count(*) FROM dbo.Counts;
SELECT @n AS n;
SELECT * INTO #copy FROM dbo.Counts;
SELECT EntityId, Total, ComputedAt FROM #copy;
DECLARE c CURSOR LOCAL FAST_FORWARD FOR SELECT Total FROM dbo.Counts;
OPEN c; FETCH NEXT FROM c INTO @n; CLOSE c; DEALLOCATE c;
SELECT @n AS total;`);
    expect(resultRows(batched, 0)).toEqual([{ n: 1 }]);
    expect(resultRows(batched, 1)).toEqual([{ EntityId: 5, Total: 10, ComputedAt: '2026-03-01 00:00:00' }].map((r) => ({ ...r, ComputedAt: expect.anything() })));
    expect(resultRows(batched, 2)).toEqual([{ total: 10 }]);
    expect(batched.counters.bufferedWrites).toBe(10);
  });

  it.each([
    ['NULL into a NOT NULL column', 'INSERT INTO dbo.Counts (EntityId, Letter, Total, ComputedAt) VALUES (@k, NULL, NULL, GETDATE())', 515],
    // An int into a tinyint column: SQL Server's 220 (the emulator raised 8115 before; buffering changes neither).
    ['a value out of the tinyint range', "INSERT INTO dbo.Counts (EntityId, Total, Small, ComputedAt) VALUES (@k, 1, 300, GETDATE())", 220],
    ['a text that is not a date', "INSERT INTO dbo.Counts (EntityId, Total, ComputedAt) VALUES (@k, 1, 'not a date')", 241],
  ])('raises %s at its own statement, caught by TRY/CATCH, the rows before it kept', async (_name, failing, number) => {
    const body = `
DECLARE @k int = 1;
BEGIN TRY
  INSERT INTO dbo.Counts (EntityId, Letter, Total, ComputedAt) VALUES (@k, 'a', 1, GETDATE());
  SET @k = 2;
  ${failing};
  PRINT 'not reached';
END TRY
BEGIN CATCH
  SELECT ERROR_NUMBER() AS num, ERROR_LINE() AS line, @@ROWCOUNT AS rc;
END CATCH
SELECT EntityId FROM dbo.Counts ORDER BY EntityId;`;
    const { batched } = await bothWays(body);
    // The error number, at the failing INSERT's line (line 9 of the procedure).
    expect(resultRows(batched, 0)).toEqual([expect.objectContaining({ num: number, line: 9 })]);
    expect(resultRows(batched, 1)).toEqual([{ EntityId: 1 }]);
    expect(batched.messages).toEqual([]);
    expect(batched.counters.bufferedWrites).toBe(1);
  });

  it('rolls buffered rows back with the transaction and keeps them on COMMIT', async () => {
    const { batched } = await bothWays(`
BEGIN TRANSACTION;
INSERT INTO dbo.Counts (EntityId, Total, ComputedAt) VALUES (1, 1, GETDATE());
INSERT INTO dbo.Counts (EntityId, Total, ComputedAt) VALUES (2, 1, GETDATE());
ROLLBACK;
SELECT count(*) AS n FROM dbo.Counts;
BEGIN TRANSACTION;
INSERT INTO dbo.Counts (EntityId, Total, ComputedAt) VALUES (3, 1, GETDATE());
DELETE FROM dbo.Counts WHERE EntityId = 3;
INSERT INTO dbo.Counts (EntityId, Total, ComputedAt) VALUES (4, 1, GETDATE());
COMMIT;
SELECT EntityId FROM dbo.Counts;`);
    expect(resultRows(batched, 0)).toEqual([{ n: 0 }]);
    expect(resultRows(batched, 1)).toEqual([{ EntityId: 4 }]);
  });

  it('runs in DuckDB what it cannot be sure of: identity, a too-long string, an omitted column with a default, OUTPUT', async () => {
    const { batched } = await bothWays(`
INSERT INTO dbo.Log (Note) VALUES ('first');
SELECT SCOPE_IDENTITY() AS id;
INSERT INTO dbo.Counts (EntityId, Total, Label) VALUES (1, 1, 'abc');
INSERT INTO dbo.Counts (EntityId, Total, Label, ComputedAt) OUTPUT inserted.EntityId VALUES (2, 1, 'abc', GETDATE());
DECLARE @s varchar(20) = 'longer than five';
BEGIN TRY
  INSERT INTO dbo.Counts (EntityId, Total, Label, ComputedAt) VALUES (3, 1, @s, GETDATE());
END TRY
BEGIN CATCH
  PRINT ERROR_SEVERITY(); -- a truncation's number depends on the server's version (statement-errors.ts)
END CATCH
SELECT EntityId, Label FROM dbo.Counts ORDER BY EntityId;`);
    expect(batched.counters.bufferedWrites).toBe(0);
    expect(resultRows(batched, 0)).toEqual([{ id: 1 }]);
  });

  it('matches the unbuffered path on a cursor loop that replaces one row per entity', async () => {
    const body = `
INSERT INTO dbo.Counts (EntityId, Letter, Total, ComputedAt) VALUES (3, 'z', 99, '2020-01-01');
DECLARE @e int = 1, @w int;
WHILE @e <= 40 BEGIN
  SET @w = 0;
  WHILE @w < @e % 7 SET @w = @w + 1;
  DELETE FROM dbo.Counts WHERE EntityId = @e % 9;
  INSERT INTO dbo.Counts (EntityId, Letter, Total, Label, Small, ComputedAt)
  VALUES (@e % 9, CASE WHEN @w > 3 THEN 'y' ELSE 'n' END, @w, LEFT('abcdefgh', @w % 6), @e, GETDATE()); -- Label is varchar(5)
  IF @@ROWCOUNT <> 1 PRINT 'lost';
  SET @e = @e + 1;
END`;
    const { batched } = await bothWays(body);
    expect(batched.outputs.find((o) => o.name === 'dbo.counts')?.rows).toHaveLength(9);
    expect(batched.counters.bufferedWrites).toBe(41); // the first INSERT and the DELETEs; CASE and LEFT values go to DuckDB
  });

  // Past 63 rows a flush goes through DuckDB's appender (write-buffer.ts): the same tables,
  // @@ROWCOUNT, 2627 at the repeating INSERT, CATCH and rollback as one statement at a time.
  it.each([[30], [150], [700]])('matches the unbuffered path on %i entities: flushed rows, a repeated key, a rollback', async (n) => {
    const { batched } = await bothWays(`
DECLARE @e int = 1;
WHILE @e <= ${n} BEGIN
  DELETE FROM dbo.Counts WHERE EntityId = @e - 3;
  INSERT INTO dbo.Counts (EntityId, Letter, Total, Label, Small, ComputedAt) VALUES (@e, 'a', @e * 3, 'x''y', @e % 200, GETDATE());
  SET @e = @e + 1;
END
SELECT count(*) AS n, sum(Total) AS total FROM dbo.Counts;
CREATE TABLE #t (a int NOT NULL PRIMARY KEY, b varchar(5) NULL);
INSERT INTO #t (a, b) VALUES (-1, 'kept');
BEGIN TRANSACTION;
SET @e = 1000;
WHILE @e < 1000 + ${n} BEGIN
  INSERT INTO #t (a, b) VALUES (@e, 'b');
  SET @e = @e + 1;
END
SELECT count(*) AS n FROM #t;
ROLLBACK;
SELECT a, b FROM #t;
SET @e = 2000;
BEGIN TRY
  WHILE @e < 2000 + ${n} BEGIN
    INSERT INTO dbo.Counts (EntityId, Total, ComputedAt) VALUES (@e, 1, GETDATE());
    SET @e = @e + 1;
  END
  INSERT INTO dbo.Counts (EntityId, Total, ComputedAt) VALUES (2000 + ${n} - 1, 2, GETDATE());
  PRINT 'not reached';
END TRY
BEGIN CATCH
  PRINT CONCAT(ERROR_NUMBER(), ' at line ', ERROR_LINE(), ', @e = ', @e);
END CATCH
SELECT count(*) AS n, min(EntityId) AS lo, max(EntityId) AS hi FROM dbo.Counts;`);
    expect(resultRows(batched, 0)).toEqual([{ n: 3, total: 3 * (3 * n - 3) }]);
    expect(resultRows(batched, 1)).toEqual([{ n: 1 + n }]);
    expect(resultRows(batched, 2)).toEqual([{ a: -1, b: 'kept' }]);
    expect(batched.messages).toEqual([`2627 at line 29, @e = ${2000 + n}`]);
    expect(resultRows(batched, 3)).toEqual([{ n: 3 + n, lo: n - 2, hi: 2000 + n - 1 }]);
    expect(batched.counters.bufferedWrites).toBeGreaterThanOrEqual(4 * n);
  });

  // A loop's INSERT/DELETE is buffered by the compiled loop itself when all it needs is in
  // JavaScript (bufferedInsertNow); the iteration where that fails runs through the interpreter
  // and DuckDB, which raise the error at that statement, as one statement at a time does.
  it.each([
    ['a repeated key', 'INSERT INTO dbo.Counts (EntityId, Total, ComputedAt) VALUES (@i % 25, @i, GETDATE())', 2627],
    ['NULL into a NOT NULL column', 'IF @i = 30 SET @t = NULL ELSE SET @t = @i; INSERT INTO dbo.Counts (EntityId, Total, ComputedAt) VALUES (@i, @t, GETDATE())', 515],
    // a truncation's number depends on the server's version and level (statement-errors.ts): its severity is read
    ['a string longer than its column', "INSERT INTO dbo.Counts (EntityId, Total, Label, ComputedAt) VALUES (@i, 1, LEFT('abcdefgh', @i / 6), GETDATE())", 16, 'ERROR_SEVERITY()'],
    ['a key deleted and inserted again', 'DELETE FROM dbo.Counts WHERE EntityId = @i - 1; INSERT INTO dbo.Counts (EntityId, Total, ComputedAt) VALUES (@i - 1, @i, GETDATE()); INSERT INTO dbo.Counts (EntityId, Total, ComputedAt) VALUES (@i % 33 + 100, 0, GETDATE())', 2627],
  ] as [string, string, number, string?][])('stops a compiled loop at the iteration where %s fails', async (_name, write, number, report = 'ERROR_NUMBER()') => {
    const { batched } = await bothWays(`
DECLARE @i int = 1, @t int;
BEGIN TRY
  WHILE @i <= 80 BEGIN
    ${write};
    SET @i = @i + 1;
  END
END TRY
BEGIN CATCH
  PRINT CONCAT(${report}, ' at @i = ', @i);
END CATCH
SELECT count(*) AS n, sum(Total) AS total FROM dbo.Counts;
DELETE FROM dbo.Counts WHERE EntityId = NULL;
PRINT @@ROWCOUNT;`);
    expect(batched.messages[0]).toMatch(new RegExp(`^${number} at @i = \\d+$`));
    expect(batched.counters.bufferedWrites).toBeGreaterThan(20);
  });

  it('resolves a re-created #temp table again (the same INSERT into a table of another shape)', async () => {
    const { batched } = await bothWays(`
DECLARE @i int = 0;
WHILE @i < 2 BEGIN
  DROP TABLE IF EXISTS #t;
  IF @i = 0 CREATE TABLE #t (a int NULL, b int NOT NULL) ELSE CREATE TABLE #t (a int NULL, b varchar(3) NULL);
  BEGIN TRY
    INSERT INTO #t (a) VALUES (@i);
    PRINT CONCAT('inserted ', @@ROWCOUNT);
  END TRY
  BEGIN CATCH
    PRINT CONCAT('error ', ERROR_NUMBER());
  END CATCH
  SELECT a, b FROM #t;
  SET @i = @i + 1;
END`);
    expect(batched.messages).toEqual(['error 515', 'inserted 1']);
    expect(resultRows(batched, 1)).toEqual([{ a: 1, b: null }]);
    expect(batched.counters.bufferedWrites).toBe(1);
  });

  it('leaves a system-versioned table to its own path (period columns, history rows) with or without buffering', async () => {
    const tables = `CREATE TABLE dbo.T (Id int NOT NULL PRIMARY KEY, V int NULL, ValidFrom datetime2 GENERATED ALWAYS AS ROW START NOT NULL, ValidTo datetime2 GENERATED ALWAYS AS ROW END NOT NULL, PERIOD FOR SYSTEM_TIME (ValidFrom, ValidTo)) WITH (SYSTEM_VERSIONING = ON (HISTORY_TABLE = dbo.THistory))
GO`;
    const csv = { 'dbo.T': 'Id,V,ValidFrom,ValidTo\n2,2,2020-01-01 00:00:00.0000000,9999-12-31 23:59:59.9999999\n' };
    const body = 'INSERT INTO dbo.T (Id, V) VALUES (1, 1); DELETE FROM dbo.T WHERE Id = 2; SELECT Id, ValidFrom FROM dbo.T; SELECT Id, ValidTo FROM dbo.THistory;';
    for (const on of [true, false]) {
      const r = await withBatch(on, () => runBody(body, { tables, csv, clock: '2026-01-15T10:20:30Z' }));
      expect(r.counters.bufferedWrites).toBe(0);
      expect(resultRows(r, 0)).toEqual([{ Id: 1, ValidFrom: '2026-01-15 10:20:30.0000000' }]);
      expect(resultRows(r, 1)).toEqual([{ Id: 2, ValidTo: '2026-01-15 10:20:30.0000000' }]);
    }
  });
});
