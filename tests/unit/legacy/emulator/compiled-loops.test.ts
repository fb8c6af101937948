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
});
