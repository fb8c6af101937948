import type { EmulationResult } from '../../../../src/legacy/emulator/emulate-procedure';
import { resultRows, runBody } from './emulator-helpers';

// WHILE loops compiled to instructions (compiled-loops.ts) against the statement-by-statement
// interpreter (MIGRATE_EMULATOR_COMPILE=0): same results, messages, return code, counters and
// non-reproducible columns.

async function run(compile: boolean, body: string, tables = ''): Promise<EmulationResult> {
  const saved = process.env.MIGRATE_EMULATOR_COMPILE;
  process.env.MIGRATE_EMULATOR_COMPILE = compile ? '1' : '0';
  try {
    return await runBody(body, { tables });
  } finally {
    if (saved === undefined) delete process.env.MIGRATE_EMULATOR_COMPILE;
    else process.env.MIGRATE_EMULATOR_COMPILE = saved;
  }
}

/** Runs with every scalar through DuckDB (no fast path, no compiled loops, no prefetch). */
async function throughDuckDb(body: string, tables = ''): Promise<EmulationResult> {
  const saved = process.env.MIGRATE_EMULATOR_FAST_PATH;
  process.env.MIGRATE_EMULATOR_FAST_PATH = '0';
  try {
    return await runBody(body, { tables });
  } finally {
    if (saved === undefined) delete process.env.MIGRATE_EMULATOR_FAST_PATH;
    else process.env.MIGRATE_EMULATOR_FAST_PATH = saved;
  }
}

async function bothWays(body: string, tables = ''): Promise<EmulationResult> {
  const compiled = await run(true, body, tables);
  const walked = await run(false, body, tables);
  const seen = (r: EmulationResult): unknown => ({
    sets: r.resultSets.map((_, i) => resultRows(r, i)), messages: r.messages, rc: r.returnValue, counters: r.counters,
    outputs: r.outputs.map((o) => o.rows), nonReproducible: r.nonReproducible,
  });
  expect(seen(compiled)).toEqual(seen(walked));
  return compiled;
}

describe('compiled WHILE loops', () => {
  it.each([
    ['nested loops with BREAK, CONTINUE and IF … ELSE', `
DECLARE @i int = 0, @j int, @s int = 0, @t varchar(50) = '';
WHILE @i < 6 BEGIN
  SET @i += 1;
  IF @i = 2 CONTINUE;
  IF @i = 5 BREAK;
  SET @j = 0;
  WHILE 1 = 1 BEGIN
    SET @j = @j + 1;
    IF @j > @i BREAK ELSE IF @j % 2 = 0 SET @s = @s + @j; ELSE SET @t = @t + SUBSTRING('abcdef', @j, 1);
  END
END
SELECT @i AS i, @j AS j, @s AS s, @t AS t;`, [{ i: 5, j: 5, s: 8, t: 'aacac' }]],
    ['@@ERROR and @@ROWCOUNT as each statement leaves them', `
DECLARE @i int = 0, @r varchar(40) = '';
WHILE @i < 3 BEGIN
  SET @r = @r + CAST(@@ROWCOUNT AS varchar(5)) + CAST(@@ERROR AS varchar(5)) + ',';
  SELECT @i = @i + 1 FROM (SELECT 1 AS x UNION ALL SELECT 2) AS q WHERE 1 = 0;
  SET @i = @i + 1;
END
SELECT @r AS r;`, undefined],
    ['a value the fast path leaves to DuckDB, mid-loop (decimal, overflow caught, CATCH with BREAK)', `
DECLARE @i int = 1, @d decimal(10, 2) = 0, @big int = 1;
WHILE @i < 20 BEGIN
  SET @d = @d + 0.25;
  BEGIN TRY
    SET @big = @big * 1000;
  END TRY
  BEGIN CATCH
    PRINT CONCAT('caught ', ERROR_NUMBER(), ' at ', @i);
    BREAK;
  END CATCH
  SET @i = @i + 1;
END
SELECT @i AS i, @d AS d, @big AS big;`, [{ i: 4, d: 1, big: 1000000000 }]],
    ['RETURN inside a loop', `
DECLARE @i int = 0;
WHILE @i < 10 BEGIN
  SET @i = @i + 1;
  IF @i = 3 BEGIN SELECT @i AS i; RETURN 7; END
END
SELECT -1 AS never;`, [{ i: 3 }]],
    ['a loop holding a GOTO label (left to the interpreter)', `
DECLARE @i int = 0;
WHILE @i < 5 BEGIN
  SET @i = @i + 1;
  IF @i = 2 GOTO skip;
  PRINT @i;
  skip:
END
SELECT @i AS i;`, [{ i: 5 }]],
  ])('%s', async (_name, body, expected) => {
    const r = await bothWays(body);
    if (expected !== undefined) expect(resultRows(r, 0)).toEqual(expected);
  });

  it('keeps RAND() tainting of variables assigned in the loop', async () => {
    const tables = 'CREATE TABLE dbo.R (Id int NOT NULL, V float NULL, W int NULL)\nGO';
    const r = await bothWays(`
DECLARE @r float = RAND(7), @i int = 0, @k int = 0, @copy float;
WHILE @i < 3 BEGIN
  SET @copy = @r;
  SET @k = @k + 1;
  INSERT INTO dbo.R (Id, V) VALUES (@i, @copy);
  SET @i = @i + 1;
END
INSERT INTO dbo.R (Id, W) VALUES (99, @k);`, tables);
    expect(r.nonReproducible).toEqual(['dbo.R.Id', 'dbo.R.V', 'dbo.R.W']);
  });

  it('counts every statement once and runs the example loop shape in JavaScript', async () => {
    const r = await bothWays(`
DECLARE @w varchar(20) = 'Mississippi', @p int = 1, @n int = 0;
WHILE @p <= LEN(@w) BEGIN
  IF SUBSTRING(@w, @p, 1) = 's' SET @n = @n + 1;
  SET @p = @p + 1;
END
SELECT @n AS n;`);
    expect(resultRows(r, 0)).toEqual([{ n: 4 }]);
    expect(r.counters.duckdbScalars).toBe(0);
    expect(r.counters.statements).toBe(1 + 1 + 11 * 2 + 4 + 1);
  });

  // Cursor statements in a compiled loop: OPEN from a still-current per-key read, DECLARE, CLOSE
  // and DEALLOCATE without the interpreter, FETCH without an await when no value needs DuckDB.
  // Each case runs compiled, statement by statement, and with every scalar through DuckDB.
  const CURSOR_TABLES = `CREATE TABLE dbo.P (Id int NOT NULL, Amount decimal(6, 2) NULL, Label varchar(10) NULL, At datetime NULL, Code varchar(5) NULL)
GO
CREATE TABLE dbo.L (PId int NOT NULL, Tag varchar(10) NULL)
GO
CREATE TABLE dbo.Log (Line varchar(200) NULL)
GO`;
  const CURSOR_FILL = `INSERT INTO dbo.P VALUES (1, 10.75, 'alpha', '2024-02-29 10:11:12', '12'), (2, NULL, 'béta', NULL, 'x7'), (3, -3.5, NULL, '2023-01-01', '-4'), (4, 0.01, 'delta!', '2024-12-31 23:59:59', NULL);
INSERT INTO dbo.L VALUES (1, 'a'), (1, 'b'), (3, 'c'), (2, 'd'), (1, 'e');`;
  it.each([
    ['FETCH INTO with conversions DuckDB makes mid-row (decimal to int, datetime to text, a cut string)', `${CURSOR_FILL}
DECLARE @id int, @amount int, @label varchar(3), @at varchar(30), @code varchar(5), @n int = 0;
DECLARE c CURSOR LOCAL FAST_FORWARD FOR SELECT Id, Amount, Label, At, Code FROM dbo.P ORDER BY Id;
OPEN c;
FETCH NEXT FROM c INTO @id, @amount, @label, @at, @code;
WHILE @@FETCH_STATUS = 0 BEGIN
  INSERT INTO dbo.Log VALUES (CONCAT(@id, '|', @amount, '|', @label, '|', @at, '|', @code, '|', @@ROWCOUNT));
  SET @n = @n + 1;
  FETCH NEXT FROM c INTO @id, @amount, @label, @at, @code;
END
CLOSE c; DEALLOCATE c;
SELECT @n AS n, @@FETCH_STATUS AS fs;`],
    ['a conversion error inside FETCH INTO, caught, with the values assigned before it kept', `${CURSOR_FILL}
DECLARE @id int, @num int, @label varchar(10), @n int = 0;
DECLARE c CURSOR LOCAL FAST_FORWARD FOR SELECT Id, Code, Label FROM dbo.P ORDER BY Id;
OPEN c;
WHILE @n < 6 BEGIN
  SET @n = @n + 1;
  SET @label = 'none';
  BEGIN TRY
    FETCH NEXT FROM c INTO @id, @num, @label;
    INSERT INTO dbo.Log VALUES (CONCAT('ok ', @id, ' ', @num, ' ', @label, ' ', @@FETCH_STATUS));
  END TRY
  BEGIN CATCH
    INSERT INTO dbo.Log VALUES (CONCAT('err ', ERROR_NUMBER(), ' id ', @id, ' label ', @label, ' fs ', @@FETCH_STATUS));
  END CATCH
END
CLOSE c; DEALLOCATE c;`],
    ['a keyed cursor re-declared and re-opened per outer row, its table written between opens', `${CURSOR_FILL}
DECLARE @id int, @tag varchar(10), @seen varchar(100), @round int = 0;
WHILE @round < 2 BEGIN
  DECLARE o CURSOR LOCAL FAST_FORWARD FOR SELECT Id FROM dbo.P ORDER BY Id;
  OPEN o; FETCH NEXT FROM o INTO @id;
  WHILE @@FETCH_STATUS = 0 BEGIN
    SET @seen = '';
    DECLARE i CURSOR LOCAL FAST_FORWARD FOR SELECT Tag FROM dbo.L WHERE PId = @id ORDER BY Tag;
    OPEN i; FETCH NEXT FROM i INTO @tag;
    WHILE @@FETCH_STATUS = 0 BEGIN SET @seen = @seen + @tag; FETCH NEXT FROM i INTO @tag; END
    CLOSE i;
    INSERT INTO dbo.Log VALUES (CONCAT(@round, ':', @id, '=', @seen, ' rc ', @@ROWCOUNT));
    DEALLOCATE i;
    IF @id = 2 AND @round = 0 INSERT INTO dbo.L VALUES (3, 'z');
    FETCH NEXT FROM o INTO @id;
  END
  CLOSE o; DEALLOCATE o;
  SET @round = @round + 1;
END`],
  ])('%s', async (_name, body) => {
    const compiled = await bothWays(body, CURSOR_TABLES);
    const slow = await throughDuckDb(body, CURSOR_TABLES);
    const seen = (r: EmulationResult): unknown => ({ sets: r.resultSets.map((_, i) => resultRows(r, i)), outputs: r.outputs.map((o) => o.rows), messages: r.messages, rc: r.returnValue, statements: r.counters.statements, fetched: r.counters.fetchedRows });
    expect(seen(compiled)).toEqual(seen(slow));
    expect(compiled.outputs.find((o) => o.name === 'dbo.log')?.rows.length).toBeGreaterThan(0);
  });

  it('refuses a FETCH from a cursor closed in the loop at the same statement either way', async () => {
    const body = `${CURSOR_FILL}
DECLARE @id int, @n int = 0;
DECLARE c CURSOR LOCAL FAST_FORWARD FOR SELECT Id FROM dbo.P ORDER BY Id;
OPEN c;
WHILE @n < 3 BEGIN
  FETCH NEXT FROM c INTO @id;
  SET @n = @n + 1;
  IF @n = 2 CLOSE c;
END`;
    const failure = async (run: Promise<EmulationResult>): Promise<string> => run.then(() => 'no error', (err: unknown) => (err instanceof Error ? `${err.message} ${JSON.stringify((err as { location?: { span?: { start?: unknown } } }).location?.span?.start)}` : String(err)));
    const compiled = await failure(run(true, body, CURSOR_TABLES));
    expect(compiled).toMatch(/FETCH from the cursor c, which is not open/);
    expect(compiled).toEqual(await failure(run(false, body, CURSOR_TABLES)));
    expect(compiled).toEqual(await failure(throughDuckDb(body, CURSOR_TABLES)));
  });
});
