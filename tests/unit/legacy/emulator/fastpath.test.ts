import { runBody } from './emulator-helpers';

// The JavaScript fast path (SET/IF/WHILE) must agree with the DuckDB translation (SELECT).
const DECL = "DECLARE @i int = 7, @m int = -7, @z int = 0, @nul int, @s varchar(10) = 'aBc  ', @c char(3) = 'a', @ns varchar(10);";

describe('fast path agrees with DuckDB', () => {
  it.each([
    ['int', '@i / 2'], ['int', '@m / 2'], ['int', '@m % 3'], ['int', '@i * @m + 1'], ['int', '@nul + 1'],
    ['int', 'LEN(@s)'], ['int', 'LEN(@c)'], ['int', 'LEN(@ns)'], ['int', '2147483647 + @z'],
    ['varchar(20)', "SUBSTRING(@s, 0, 2)"], ['varchar(20)', 'SUBSTRING(@s, 2, 10)'], ['varchar(20)', "@s + 'x'"], ['varchar(20)', "@c + '|'"],
    ['varchar(2)', "'abcdef'"], ['char(4)', "'ab'"], ['varchar(20)', '@ns + @s'],
  ])('SET @r %s = %s', async (type, expr) => {
    const r = await runBody(`${DECL} DECLARE @r ${type}; SET @r = ${expr}; SELECT @r AS fast, CAST(${expr} AS ${type}) AS slow;`);
    const row = r.resultSets[0]?.rows[0] as { fast: unknown; slow: unknown };
    expect(row.fast).toEqual(row.slow);
  });

  it.each([
    "@s = 'ABC'", "@s = '  abc'", "@c = 'A'", "@s <> 'abc'", '@i > @m', '@i <= 7', '@nul = 1', '@nul IS NULL', 'NOT (@i = 7)',
    "@i = 7 AND @nul = 1", "@i = 7 OR @nul = 1", "@i = 8 AND @nul = 1", 'NOT (@nul = 1)', "SUBSTRING(@s, 1, 1) = 'A'",
  ])('IF %s', async (cond) => {
    const r = await runBody(`${DECL} DECLARE @b int; IF ${cond} SET @b = 1 ELSE SET @b = 0; SELECT @b AS fast, CASE WHEN ${cond} THEN 1 ELSE 0 END AS slow;`);
    const row = r.resultSets[0]?.rows[0] as { fast: unknown; slow: unknown };
    expect(row.fast).toEqual(row.slow);
  });
});

// Differential: each expression is assigned (SET) and tested (IF … ELSE IF NOT …) once with the
// JavaScript fast path and once with every scalar evaluated by DuckDB (MIGRATE_EMULATOR_FAST_PATH=0);
// values, three-valued results and error numbers must be identical, and the cases marked
// `fast` must not have needed DuckDB at all.
const DIFF_DECL = "DECLARE @i int = 7, @m int = -7, @z int = 0, @max int = 2147483647, @min int = -2147483648, @nul int, @s varchar(10) = 'aBc  ', @c char(3) = 'a', @v1 varchar(1) = 'E', @ns varchar(10), @u nvarchar(10) = N'Élan', @b bigint = 5, @t tinyint = 3;";

const VALUE_CASES: readonly (readonly [string, string, 'fast' | 'any'])[] = [
  ['int', '@i + @m * 3', 'fast'], ['int', '@m / 2', 'fast'], ['int', '@m % 3', 'fast'], ['int', '-@m', 'fast'], ['int', '@i / @z', 'any'],
  ['int', '@max + 1', 'any'], ['int', '@min - 1', 'any'], ['int', '@max * 2', 'any'], ['int', '@min / -1', 'any'], ['int', '-@min', 'any'], ['int', '@min % -1', 'any'],
  ['int', '@nul + 1', 'fast'], ['int', 'NULL', 'fast'], ['int', 'NULL + NULL', 'fast'], ['int', '@i * NULL', 'fast'], ['int', 'ABS(@m)', 'fast'], ['int', 'ABS(@min)', 'any'],
  ['int', 'ISNULL(@nul, 0) + 1', 'fast'], ['int', 'ISNULL(@i, 0)', 'fast'], ['int', 'ISNULL(@nul, NULL)', 'fast'],
  ['int', 'LEN(@s)', 'fast'], ['int', 'LEN(@c)', 'fast'], ['int', 'LEN(@ns)', 'fast'], ['int', "LEN('  ')", 'fast'], ['int', "LEN(' a')", 'fast'], ['int', 'LEN(@u)', 'fast'],
  ['int', '@@FETCH_STATUS', 'fast'], ['int', '(@i + 1) * 2', 'fast'],
  ['varchar(20)', "SUBSTRING(@s, 0, 2)", 'fast'], ['varchar(20)', 'SUBSTRING(@s, -3, 5)', 'fast'], ['varchar(20)', 'SUBSTRING(@s, 2, 100)', 'fast'], ['varchar(20)', 'SUBSTRING(@s, 20, 1)', 'fast'],
  ['varchar(20)', 'SUBSTRING(@s, 1, -1)', 'any'], ['varchar(20)', 'SUBSTRING(@ns, 1, 1)', 'fast'], ['varchar(20)', 'SUBSTRING(@s, @nul, 1)', 'fast'],
  ['varchar(20)', "LEFT(@s, 2)", 'fast'], ['varchar(20)', "RIGHT(@s, 3)", 'fast'], ['varchar(20)', "LEFT(@s, 50)", 'fast'], ['varchar(20)', 'LEFT(@s, -1)', 'any'],
  ['varchar(20)', "@s + 'x'", 'fast'], ['varchar(20)', "@c + '|'", 'fast'], ['varchar(20)', '@ns + @s', 'fast'], ['varchar(20)', "@s + NULL", 'fast'],
  ['varchar(2)', "'abcdef'", 'fast'], ['char(4)', "'ab'", 'fast'], ['char(2)', "'abcdef'", 'fast'], ['nvarchar(3)', "N'Élan'", 'fast'],
  ['varchar(20)', "ISNULL(@ns, 'dflt')", 'fast'], ['varchar(20)', "ISNULL(@s, 'dflt')", 'fast'], ['varchar(20)', "ISNULL(@v1, 'abc')", 'any'], ['varchar(20)', "ISNULL(@c, 'zz')", 'any'],
  ['bigint', '@i + 1', 'fast'], ['smallint', '@i * 1000', 'fast'], ['tinyint', '@i * 100', 'any'], ['tinyint', '@m', 'any'], ['tinyint', '@i * 30', 'fast'],
  ['int', '@b + 1', 'any'], ['int', '@t + @t', 'any'], ['varchar(20)', 'SUBSTRING(@s, 1, @nul)', 'fast'], ['varchar(20)', 'RIGHT(@s, -2)', 'any'],
];

const CONDITION_CASES: readonly (readonly [string, 'fast' | 'any'])[] = [
  ["@s = 'ABC'", 'fast'], ["@s = 'abc   '", 'fast'], ["@s = '  abc'", 'fast'], ["@c = 'A'", 'fast'], ["@s <> 'abc'", 'fast'], ["@s != 'abd'", 'fast'],
  ["@v1 = 'e'", 'fast'], ["@u = N'élan'", 'any'], ["@u = N'Elan'", 'any'], ["@s < 'b'", 'any'], ["@s = 1", 'any'],
  ['@i > @m', 'fast'], ['@i <= 7', 'fast'], ['@i !< 7', 'fast'], ['@i !> 6', 'fast'], ['@nul = 1', 'fast'], ['@nul <> 1', 'fast'], ['NULL = NULL', 'fast'], ['@nul IS NULL', 'fast'], ['@i IS NOT NULL', 'fast'],
  ['NOT (@i = 7)', 'fast'], ['@i = 7 AND @nul = 1', 'fast'], ['@i = 7 OR @nul = 1', 'fast'], ['@i = 8 AND @nul = 1', 'fast'], ['@i = 8 OR @nul = 1', 'fast'], ['NOT (@nul = 1)', 'fast'],
  ["SUBSTRING(@s, 1, 1) = 'A'", 'fast'], ["@ns + 'x' IS NULL", 'fast'],
  ["'' = '   '", 'fast'], ["@s = 'ab'", 'fast'], ["@c = 'a  '", 'fast'], ["'A1-z' = 'a1-Z'", 'fast'], ["'@' = '`'", 'fast'], ["'[' <> '{'", 'fast'], ["@s <> 'ABC '", 'fast'], ["@ns = 'a'", 'fast'], ['@max + 1 > 0', 'any'], ['LEN(@s) = 3', 'fast'], ['@b = 5', 'any'],
];

async function runWith(fast: boolean, body: string): Promise<{ sets: unknown; duckdbScalars: number }> {
  const saved = process.env.MIGRATE_EMULATOR_FAST_PATH;
  process.env.MIGRATE_EMULATOR_FAST_PATH = fast ? '1' : '0';
  try {
    const r = await runBody(body);
    return { sets: r.resultSets.map((s) => s.rows), duckdbScalars: r.counters.duckdbScalars };
  } finally {
    if (saved === undefined) delete process.env.MIGRATE_EMULATOR_FAST_PATH;
    else process.env.MIGRATE_EMULATOR_FAST_PATH = saved;
  }
}

describe('fast path and DuckDB path give identical results (differential)', () => {
  it.each(VALUE_CASES)('SET @r %s = %s (%s)', async (type, expr, expected) => {
    const body = `${DIFF_DECL} DECLARE @r ${type};
BEGIN TRY SET @r = ${expr}; SELECT 'value' AS outcome, CAST(@r AS nvarchar(100)) AS v, CASE WHEN @r IS NULL THEN 1 ELSE 0 END AS isnull; END TRY
BEGIN CATCH SELECT 'error' AS outcome, CAST(ERROR_NUMBER() AS nvarchar(100)) AS v, 0 AS isnull; END CATCH`;
    const fast = await runWith(true, body);
    const slow = await runWith(false, body);
    expect(fast.sets).toEqual(slow.sets);
    // The declarations' own values are converted once through DuckDB (nvarchar, bigint, tinyint…).
    const baseline = await runWith(true, `${DIFF_DECL} DECLARE @r ${type};`);
    if (expected === 'fast') expect(fast.duckdbScalars).toBe(baseline.duckdbScalars);
  });

  it.each(CONDITION_CASES)('IF %s (%s)', async (cond, expected) => {
    const body = `${DIFF_DECL} DECLARE @b int;
BEGIN TRY IF ${cond} SET @b = 1 ELSE IF NOT (${cond}) SET @b = 0 ELSE SET @b = -1; SELECT @b AS b; END TRY
BEGIN CATCH SELECT -100 - ERROR_NUMBER() AS b; END CATCH`;
    const fast = await runWith(true, body);
    const slow = await runWith(false, body);
    expect(fast.sets).toEqual(slow.sets);
    const baseline = await runWith(true, `${DIFF_DECL} DECLARE @b int;`);
    if (expected === 'fast') expect(fast.duckdbScalars).toBe(baseline.duckdbScalars);
  });
});
