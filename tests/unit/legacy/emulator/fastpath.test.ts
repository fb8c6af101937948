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
