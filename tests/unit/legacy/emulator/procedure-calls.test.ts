import { EngineSession } from '../../../../src/engine';
import { emulateProcedure, type EmulationResult } from '../../../../src/legacy/emulator/emulate-procedure';
import { parseScript } from '../../../../src/tsql';
import { resultRows, runBody } from './emulator-helpers';

// EXEC of a procedure once per day or per account (issue 13, "legacy captures at realistic
// sizes"): what each call costs in DuckDB round trips, and what such calls must keep exactly.

/** A DuckDB statement a scalar evaluation sends (`SELECT CAST(… AS VARCHAR) AS v`, `SELECT CASE WHEN … END AS v`). */
const SCALAR = /^SELECT (CAST\(.* AS VARCHAR\)|CASE WHEN .* THEN 1 ELSE 0 END) AS v$/s;

/** Runs dbo.usp_test (body `body`, other procedures `procs`) and records every statement sent to DuckDB. */
async function runRecorded(body: string, procs: string): Promise<{ result: EmulationResult; sent: string[] }> {
  const scripts = [parseScript(`${procs}\nCREATE PROCEDURE dbo.usp_test\nAS\nBEGIN\n${body}\nEND\nGO\n`, { file: 'usp_test.sql' })];
  const session = await EngineSession.open({ threads: 1 });
  const sent: string[] = [];
  const connection = session.connection as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
  for (const method of ['run', 'runAndReadAll'] as const) {
    const original = connection[method]?.bind(session.connection) as (...args: unknown[]) => Promise<unknown>;
    connection[method] = (sql: unknown, ...rest: unknown[]) => { sent.push(String(sql)); return original(sql, ...rest); };
  }
  const prepare = connection.prepare?.bind(session.connection) as (sql: unknown) => Promise<{ runAndReadAll: () => Promise<unknown> }>;
  connection.prepare = async (sql: unknown) => {
    const prepared = await prepare(sql);
    const run = prepared.runAndReadAll.bind(prepared);
    prepared.runAndReadAll = () => { sent.push(String(sql)); return run(); };
    return prepared;
  };
  try {
    return { result: await emulateProcedure({ scripts, procedure: 'dbo.usp_test', session, clock: '2026-01-15T10:20:30' }), sent };
  } finally {
    session.close();
  }
}

const DAY_PROC = `
CREATE PROCEDURE dbo.usp_Day @Day date, @Seen int OUTPUT
AS
BEGIN
  SET NOCOUNT ON
  IF @Day IS NULL RETURN -1
  SET @Seen = ISNULL(@Seen, 0) + 1
  RETURN 0
END
GO`;

/** The outer body: `calls` EXECs passing a date variable, an OUTPUT int, checking the return code. */
function dayCalls(calls: number): string {
  const one = `EXEC @rc = dbo.usp_Day @Day = @d, @Seen = @seen OUTPUT; IF @rc <> 0 RETURN @rc;`;
  return `DECLARE @d date = '20240105', @seen int = 0, @rc int;\n${Array.from({ length: calls }, () => one).join('\n')}\nSELECT @seen AS seen, @rc AS rc;`;
}

describe('EXEC of a procedure', () => {
  it('sends no scalar round trip to DuckDB per call for variable arguments, IS NULL of a date parameter and RETURN of an int', async () => {
    const once = await runRecorded(dayCalls(1), DAY_PROC);
    const thrice = await runRecorded(dayCalls(3), DAY_PROC);
    expect(resultRows(once.result)).toEqual([{ seen: 1, rc: 0 }]);
    expect(resultRows(thrice.result)).toEqual([{ seen: 3, rc: 0 }]);
    const scalars = (sent: string[]): string[] => sent.filter((sql) => SCALAR.test(sql.trim()));
    // Two more calls, not one scalar statement more (before: the argument @d, the argument
    // @seen, `@Day IS NULL` and `RETURN 0` each went to DuckDB, four per call).
    expect(scalars(thrice.sent)).toEqual(scalars(once.sent));
  });

  it('hands the callee exactly what the caller holds, for every type, and converts to other parameter types as SQL Server does', async () => {
    const procs = `
CREATE PROCEDURE dbo.usp_Echo @D date, @Dt datetime, @Dt2 datetime2(3), @Dec decimal(9,2), @F float, @M money, @U uniqueidentifier,
  @C char(5), @N nvarchar(10), @B bit, @Big bigint, @Null datetime
AS
  SELECT @D AS d, @Dt AS dt, @Dt2 AS dt2, @Dec AS dec, @F AS f, @M AS m, @U AS u, @C AS c, @N AS n, @B AS b, @Big AS big, @Null AS nul
GO
CREATE PROCEDURE dbo.usp_Narrow @D date, @Dec decimal(5,1), @C char(3), @Big bigint
AS
  SELECT @D AS d, @Dec AS dec, @C AS c, @Big AS big
GO`;
    const r = await runBody(`
      DECLARE @D date = '2024-02-29', @Dt datetime = '2024-02-29 23:59:59.997', @Dt2 datetime2(3) = '2024-02-29 10:20:30.123',
        @Dec decimal(9,2) = -1234.56, @F float = 0.1, @M money = 12.3456, @U uniqueidentifier = '6F9619FF-8B86-D011-B42D-00C04FC964FF',
        @C char(5) = 'ab', @N nvarchar(10) = N'Zoë  ', @B bit = 1, @Big bigint = 9007199254740993, @Null datetime = NULL,
        @Wide decimal(10,4) = 12.3456, @Long varchar(10) = 'abcdef', @I int = -7;
      SELECT @D AS d, @Dt AS dt, @Dt2 AS dt2, @Dec AS dec, @F AS f, @M AS m, @U AS u, @C AS c, @N AS n, @B AS b, @Big AS big, @Null AS nul;
      EXEC dbo.usp_Echo @D, @Dt, @Dt2, @Dec, @F, @M, @U, @C, @N, @B, @Big, @Null;
      EXEC dbo.usp_Narrow @D = @Dt, @Dec = @Wide, @C = @Long, @Big = @I;`, { extraProcs: procs });
    expect(resultRows(r, 1)).toEqual(resultRows(r, 0));
    const narrowed = resultRows(r, 2)[0] ?? {};
    // datetime -> date keeps the day; decimal(10,4) -> decimal(5,1) rounds; varchar -> char(3) is cut (a parameter is cut without error 8152).
    expect(String(narrowed.d instanceof Date ? narrowed.d.toISOString().slice(0, 10) : narrowed.d)).toBe('2024-02-29');
    expect(String(narrowed.dec)).toBe('12.3');
    expect(narrowed.c).toBe('abc');
    expect(narrowed.big).toBe(-7);
  });

  it('returns 0 for RETURN of a NULL int, and the value of RETURN -5 and of RETURN @x + 1', async () => {
    const procs = `
CREATE PROCEDURE dbo.usp_Rc @Mode int
AS
BEGIN
  DECLARE @none int, @x int = 41
  IF @Mode = 1 RETURN @none
  IF @Mode = 2 RETURN -5
  RETURN @x + 1
END
GO`;
    const r = await runBody(`
      DECLARE @a int, @b int, @c int;
      EXEC @a = dbo.usp_Rc 1; EXEC @b = dbo.usp_Rc 2; EXEC @c = dbo.usp_Rc 3;
      SELECT @a AS a, @b AS b, @c AS c;`, { extraProcs: procs });
    expect(resultRows(r)).toEqual([{ a: 0, b: -5, c: 42 }]);
  });

  it('takes IS NULL and IS NOT NULL of date and decimal variables as SQL Server does', async () => {
    const r = await runBody(`
      DECLARE @d date, @m decimal(9,2) = 0, @hits varchar(20) = '';
      IF @d IS NULL SET @hits = @hits + 'a';
      IF @d IS NOT NULL SET @hits = @hits + 'b';
      IF @m IS NULL SET @hits = @hits + 'c';
      IF @m IS NOT NULL SET @hits = @hits + 'd';
      SET @d = '2024-01-01';
      IF @d IS NOT NULL SET @hits = @hits + 'e';
      SELECT @hits AS hits;`);
    expect(resultRows(r)).toEqual([{ hits: 'ade' }]);
  });

  it('counts @@NESTLEVEL through a recursive procedure', async () => {
    const procs = `
CREATE PROCEDURE dbo.usp_Depth @n int, @deepest int OUTPUT
AS
BEGIN
  IF @n = 0 BEGIN SET @deepest = @@NESTLEVEL; RETURN 0 END
  DECLARE @m int = @n - 1
  EXEC dbo.usp_Depth @m, @deepest OUTPUT
  RETURN @@NESTLEVEL
END
GO`;
    const r = await runBody(`
      DECLARE @deepest int, @rc int;
      EXEC @rc = dbo.usp_Depth 3, @deepest OUTPUT;
      SELECT @@NESTLEVEL AS here, @deepest AS deepest, @rc AS rc;`, { extraProcs: procs });
    // usp_test runs at level 1; usp_Depth 3, 2, 1, 0 at levels 2 to 5.
    expect(resultRows(r)).toEqual([{ here: 1, deepest: 5, rc: 2 }]);
  });

  it('refuses a callee that creates a #temp table named like its caller\'s, where SQL Server makes a second table (never error 2714, which TRY would catch)', async () => {
    const procs = `
CREATE PROCEDURE dbo.usp_Stage
AS
BEGIN
  CREATE TABLE #Work (Id int NOT NULL)
  INSERT INTO #Work VALUES (2)
END
GO`;
    const run = runBody(`
      CREATE TABLE #Work (Id int NOT NULL);
      INSERT INTO #Work VALUES (1);
      BEGIN TRY
        EXEC dbo.usp_Stage;
      END TRY
      BEGIN CATCH
        SELECT ERROR_NUMBER() AS caught;
      END CATCH
      SELECT Id FROM #Work;`, { extraProcs: procs });
    await expect(run).rejects.toMatchObject({ code: 'LEGACY_UNSUPPORTED', location: { file: 'usp_test.sql' } });
    await expect(run).rejects.toThrow(/CREATE TABLE #Work in a procedure whose caller created a #Work/);
  });

  it('drops the callee\'s #temp table at its end on every call, so the next call creates it again empty', async () => {
    const procs = `
CREATE PROCEDURE dbo.usp_Count @Day int, @Rows int OUTPUT
AS
BEGIN
  CREATE TABLE #Day (Id int NOT NULL PRIMARY KEY)
  INSERT INTO #Day VALUES (@Day), (@Day + 100)
  SELECT @Rows = COUNT(*) FROM #Day
END
GO`;
    const r = await runBody(`
      DECLARE @i int = 1, @rows int, @total int = 0;
      WHILE @i <= 3
      BEGIN
        EXEC dbo.usp_Count @i, @rows OUTPUT;
        SET @total = @total + @rows;
        SET @i = @i + 1;
      END
      SELECT @total AS total, OBJECT_ID('tempdb..#Day') AS gone;`, { extraProcs: procs });
    expect(resultRows(r)).toEqual([{ total: 6, gone: null }]);
  });

  it('refuses a callee ALTERed between two calls (dynamic SQL), never running its first body again', async () => {
    const run = runBody(`
      DECLARE @a int, @b int;
      EXEC @a = dbo.usp_Inner;
      EXEC('ALTER PROCEDURE dbo.usp_Inner AS RETURN 2');
      EXEC @b = dbo.usp_Inner;
      SELECT @a AS a, @b AS b;`, { extraProcs: 'CREATE PROCEDURE dbo.usp_Inner AS RETURN 1\nGO\n', allowDynamicSql: true });
    await expect(run).rejects.toMatchObject({ code: 'LEGACY_DYNAMIC_SQL' });
  });

  it('still raises 2714 for a second CREATE of a #temp table in the same procedure, which TRY catches', async () => {
    const r = await runBody(`
      CREATE TABLE #Once (Id int);
      BEGIN TRY
        CREATE TABLE #Once (Id int);
      END TRY
      BEGIN CATCH
        SELECT ERROR_NUMBER() AS caught;
      END CATCH`);
    expect(resultRows(r)).toEqual([{ caught: 2714 }]);
  });
});
