import { evalTsql, resultRows, runBody } from './emulator-helpers';

// ROUND of a decimal or an integer keeps the argument's type (the ROUND page: decimal(p, s) stays
// decimal(p, s), tinyint/smallint/int give int) and fails with 8115 where the rounded value does
// not fit it: the page's own example ROUND(748.58, -3) overflows decimal(5,2), and ROUND(744.0, -3)
// is reported as "Arithmetic overflow error converting expression to data type numeric.". DuckDB's
// round gave 0 for the first (rounding at or left of the integral digits) and wrapped an INTEGER
// past its range around (ROUND(2147483647, -1) was -2147483646).
const caught = (select: string, declarations = ''): string =>
  `${declarations}\nBEGIN TRY ${select}; SELECT 0 AS n, 'no error' AS m; END TRY BEGIN CATCH SELECT ERROR_NUMBER() AS n, ERROR_MESSAGE() AS m; END CATCH`;

describe('ROUND of a decimal or integer that does not fit its type', () => {
  it.each([
    ['SELECT ROUND(748.58, -3) AS v', '', 'numeric'], // the ROUND page's example: decimal(5,2) cannot hold 1000.00
    ['SELECT ROUND(744.0, -3) AS v', '', 'numeric'], // numeric(4,1)
    ['SELECT ROUND(@a, -3) AS v', 'DECLARE @a decimal(5,2) = 548.58;', 'numeric'],
    ['SELECT ROUND(@a, -3) AS v', 'DECLARE @a decimal(5,2) = -500.00;', 'numeric'],
    ['SELECT ROUND(0.7, 0) AS v', '', 'numeric'], // numeric(1,1) cannot hold 1.0
    ['SELECT ROUND(@a, 2) AS v', 'DECLARE @a decimal(6,3) = 999.995;', 'numeric'],
    ['SELECT ROUND(@a, -36) AS v', 'DECLARE @a decimal(38,2) = 500000000000000000000000000000000000.00;', 'numeric'],
    ['SELECT ROUND(@a, 2, 0) AS v', 'DECLARE @a decimal(6,3) = 999.995;', 'numeric'],
    ['SELECT ROUND(2147483647, -1) AS v', '', 'int'],
    ['SELECT ROUND(@i, -1) AS v', 'DECLARE @i int = -2147483648;', 'int'],
    ['SELECT ROUND(@b, -1) AS v', 'DECLARE @b bigint = 9223372036854775807;', 'bigint'],
  ])('%s (%s) is error 8115, caught by TRY/CATCH', async (select, declarations, type) => {
    const r = await runBody(caught(select, declarations));
    expect(resultRows(r, r.resultSets.length - 1)).toEqual([{ n: 8115, m: `Arithmetic overflow error converting expression to data type ${type}.` }]);
  });

  // DuckDB evaluates a generated column when the row is written, SQL Server a non-persisted one when
  // it is read: the overflow stops the run at the INSERT (an internal error, never caught), not 0.00.
  it('in a computed column, where the emulator uses no lambdas, stops the run instead of giving 0.00', async () => {
    await expect(runBody(caught('SELECT r FROM #t', 'CREATE TABLE #t (a decimal(5,2), r AS ROUND(a, -3)); INSERT #t (a) VALUES (748.58);')))
      .rejects.toThrow(/out of range/);
  });

  it('in a computed column that fits, is the rounded value', async () => {
    const r = await runBody('CREATE TABLE #t (a decimal(5,2), r AS ROUND(a, -2)); INSERT #t (a) VALUES (748.58); SELECT CAST(r AS varchar(20)) AS r FROM #t;');
    expect(resultRows(r)).toEqual([{ r: '700.00' }]);
  });
});

describe('ROUND of a decimal or integer that fits', () => {
  it.each([
    ['ROUND(748.58, -4)', '', '0.00'], // the page: past the integral digits, 0
    ['ROUND(@a, -3)', 'DECLARE @a decimal(5,2) = 448.58;', '0.00'],
    ['ROUND(@a, -3)', 'DECLARE @a decimal(5,2) = -499.99;', '0.00'],
    ['ROUND(748.58, -2)', '', '700.00'],
    ['ROUND(CAST(748.58 AS decimal(6,2)), -3)', '', '1000.00'],
    ['ROUND(-748.58, -3, 1)', '', '0.00'],
    ['ROUND(@a, -2, 1)', 'DECLARE @a decimal(5,2) = 448.58;', '400.00'],
    ['ROUND(@a, 1, 0)', 'DECLARE @a decimal(5,2) = 448.55;', '448.60'],
    ['ROUND(123.9995, 3)', '', '124.0000'],
    ['ROUND(@a, -2)', 'DECLARE @a decimal(38,2) = 1234.56;', '1200.00'],
    ['ROUND(@a, -36)', 'DECLARE @a decimal(38,2) = 499999999999999999999999999999999999.99;', '0.00'],
    ['ROUND(@m, -2)', 'DECLARE @m money = 1234.5678;', '1200.00'],
    ['ROUND(744, -3)', '', '1000'],
    ['ROUND(1499999999, -9)', '', '1000000000'],
    ['ROUND(@t, -1)', 'DECLARE @t tinyint = 250;', '250'],
  ])('%s (%s) is %s', async (expr, declarations, expected) => {
    expect(await evalTsql(`CAST(${expr} AS varchar(60))`, declarations)).toBe(expected);
  });

  it('is NULL of NULL', async () => {
    expect(await evalTsql('ROUND(CAST(NULL AS decimal(5,2)), 1)')).toBeNull();
  });

  it('of an int is an int: divided by 3.0 it has scale 6, as int / numeric(2,1) does', async () => {
    expect(await evalTsql('CAST(ROUND(@t, -1) / 3.0 AS varchar(30))', 'DECLARE @t tinyint = 250;')).toBe('83.333333');
  });
});

// A currency's decimals read from a column (ROUND(Amount, c.Decimals)): DuckDB's round and trunc
// of a DECIMAL take only a constant there ("not supported"), so the emulator rounds the unscaled
// digits itself, with the same result type and 8115 as for a constant.
describe('ROUND with the number of places from a column', () => {
  const rows = (select: string) => runBody(`CREATE TABLE #c (k int, d int, a decimal(19,4), n int, s decimal(5,2), m money);
    INSERT #c VALUES (1, 0, 12345.5000, 15, 748.58, 2.50), (2, 2, -10.1250, -25, 448.58, -1.2345), (3, 3, 1.2346, NULL, NULL, 0.0050), (4, -2, -1250.0000, 2147483647, 1.00, 1234.5678), (5, NULL, 1.0000, 7, 1.00, 1.00), (6, 40, 1.2345, -7, 1.00, 1.00), (7, -40, 99.0000, 1, 1.00, 1.00);
    ${select}`).then((r) => resultRows(r, r.resultSets.length - 1));

  it('rounds and truncates decimals, integers and money exactly, keeping their types', async () => {
    expect(await rows('SELECT k, CAST(ROUND(a, d) AS varchar(30)) AS r, CAST(ROUND(a, d, 1) AS varchar(30)) AS t, CAST(ROUND(m, d) AS varchar(30)) AS mr, ROUND(n, -d) AS i FROM #c ORDER BY k')).toEqual([
      { k: 1, r: '12346.0000', t: '12345.0000', mr: '3.00', i: 15 },
      { k: 2, r: '-10.1300', t: '-10.1200', mr: '-1.23', i: 0 },
      { k: 3, r: '1.2350', t: '1.2340', mr: '0.01', i: null },
      { k: 4, r: '-1300.0000', t: '-1200.0000', mr: '1200.00', i: 2147483647 },
      { k: 5, r: null, t: null, mr: null, i: null },
      { k: 6, r: '1.2345', t: '1.2345', mr: '1.00', i: 0 },
      { k: 7, r: '0.0000', t: '0.0000', mr: '0.00', i: 1 },
    ]);
  });

  it('rounds a decimal(38, s) sum', async () => {
    expect(await rows('SELECT CAST(ROUND(SUM(a), MIN(d)) AS varchar(50)) AS v FROM #c WHERE k IN (1, 2)')).toEqual([{ v: '12335.0000' }]);
  });

  it.each([
    ['SELECT ROUND(s, -3 + d) AS v FROM #c WHERE k = 1', 'numeric'], // 748.58 at -3 places: 1000.00 does not fit decimal(5,2)
    ['SELECT ROUND(n, d - 1) AS v FROM #c WHERE k = 4', 'int'], // 2147483647 at -3 places
  ])('%s is error 8115 (%s)', async (select, type) => {
    expect(await rows(caught(select))).toEqual([{ n: 8115, m: `Arithmetic overflow error converting expression to data type ${type}.` }]);
  });
});
