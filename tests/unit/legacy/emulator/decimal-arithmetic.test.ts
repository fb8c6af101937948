import { evalTsql, runBody } from './emulator-helpers';

// Expected values follow "Precision, scale, and length (Transact-SQL)" (learn.microsoft.com):
// e1 * e2 is decimal(p1 + p2 + 1, s1 + s2), e1 + e2 decimal(max(p1 - s1, p2 - s2) + max(s1, s2) + 1,
// max(s1, s2)); past precision 38 a product's scale is cut to keep the integral part (not below 6
// when the integral part passes 32), a sum's to 38 - max(p1 - s1, p2 - s2), and the value is
// rounded to it. Division: scale max(6, s1 + p2 + 1),
// the quotient truncated. Conversions out of a decimal's range raise Msg 8115 (CAST and CONVERT).
describe('decimal arithmetic past precision 38', () => {
  it.each([
    // decimal(19,9) * decimal(19,9) is decimal(38,17): 1.777777776888888889 rounded at 17 places
    ['CAST(1.333333333 AS decimal(19,9)) * CAST(1.333333333 AS decimal(19,9))', '1.77777777688888889'],
    ['CAST(-1.333333333 AS decimal(19,9)) * CAST(1.333333333 AS decimal(19,9))', '-1.77777777688888889'],
    ['CAST(0.000000001 AS decimal(19,9)) * CAST(0.000000001 AS decimal(19,9))', '0.00000000000000000'],
    // decimal(38,10) * decimal(38,10) is decimal(38,6): 11.11111111088888888889 rounds to 11.111111
    ['CAST(3.3333333333 AS decimal(38,10)) * CAST(3.3333333333 AS decimal(38,10))', '11.111111'],
    ['CAST(2.5 AS decimal(38,10)) * CAST(2.5 AS decimal(38,10))', '6.250000'],
    // half away from zero: 0.0000005 rounds to 0.000001, -0.0000005 to -0.000001
    ['CAST(0.0000005 AS decimal(38,10)) * CAST(1 AS decimal(38,10))', '0.000001'],
    ['CAST(-0.0000005 AS decimal(38,10)) * CAST(1 AS decimal(38,10))', '-0.000001'],
    // decimal(38,10) + decimal(38,20): precision 49, scale 38 - max(28, 18) = 10, the sum rounded
    ['CAST(1.5 AS decimal(38,10)) + CAST(0.00000000055 AS decimal(38,20))', '1.5000000006'],
    ['CAST(1.5 AS decimal(38,10)) - CAST(0.00000000055 AS decimal(38,20))', '1.4999999995'],
    // decimal(38,7) + decimal(10,0): precision 39, scale 38 - 31 = 7 (no floor of 6 for a sum)
    ['CAST(1.1232154 AS decimal(38,7)) + CAST(1 AS decimal(10,0))', '2.1232154'],
    // the page's own examples: decimal(30,20) * decimal(30,20) is decimal(38,17), unrounded here;
    // decimal(30,10) * decimal(30,10) is decimal(38,6), 0.0000009 rounded to 0.000001
    ['CAST(0.0000009000 AS decimal(30,20)) * CAST(1.0000000000 AS decimal(30,20))', '0.00000090000000000'],
    ['CAST(0.0000009000 AS decimal(30,10)) * CAST(1.0000000000 AS decimal(30,10))', '0.000001'],
  ])('%s is %s', async (expr, expected) => {
    expect(await evalTsql(`CONVERT(varchar(60), ${expr})`)).toBe(expected);
  });

  it.each([
    // exact products past 38 digits before the rounding (SQL Server computes them wider)
    ['CAST(3.3333333333 AS decimal(38,10)) * CAST(3333333333333333333.3333333333 AS decimal(38,10))', '11111111111000000000.000000'],
    // decimal(38,18) * decimal(38,18): integral part 41 > 32, so decimal(38,6)
    ["CAST('123.456789012345678901' AS decimal(38,18)) * CAST('-987.654321098765432109' AS decimal(38,18))", '-121932.631137'],
    // decimal(38,20) * decimal(38,20): the exact product has 40 decimal places, more than DuckDB's decimals hold
    ["CAST('12345.67890123456789012345' AS decimal(38,20)) * CAST(2.5 AS decimal(38,20))", '30864.197253'],
    ['CAST(NULL AS decimal(38,10)) * CAST(2.5 AS decimal(38,10))', null],
  ])('%s is %s', async (expr, expected) => {
    expect(await evalTsql(`CONVERT(varchar(60), ${expr})`)).toBe(expected);
  });

  it('a product past decimal(38,6) raises 8115, caught', async () => {
    const r = await runBody(`BEGIN TRY SELECT CAST('1234567890123456789012345678.5' AS decimal(38,10)) * CAST(123456789 AS decimal(38,10)) AS v; END TRY
BEGIN CATCH SELECT ERROR_NUMBER() AS n, ERROR_MESSAGE() AS m; END CATCH`);
    expect(r.resultSets[0]?.rows).toEqual([{ n: 8115, m: 'Arithmetic overflow error converting expression to data type numeric.' }]);
  });

  it('a share of a total (decimal / SUM(decimal) OVER ()) is decimal(38,29), truncated', async () => {
    // decimal(9,4) / decimal(38,4): scale max(6, 4 + 38 + 1) = 43, precision 52, cut to 38 - 9 = 29
    const r = await runBody('SELECT LineId, CONVERT(varchar(60), Price / SUM(Price) OVER ()) AS share FROM dbo.Line ORDER BY LineId;', {
      tables: 'CREATE TABLE dbo.Line (LineId int NOT NULL PRIMARY KEY, Price decimal(9,4) NOT NULL);',
      csv: { 'dbo.Line': 'LineId,Price\n1,19.9950\n2,100.0050\n' },
    });
    expect(r.resultSets[0]?.rows.map((row) => row.share)).toEqual(['0.16662500000000000000000000000', '0.83337500000000000000000000000']);
  });

  it.each([
    ['CAST(-7 AS decimal(10,0)) / CAST(3 AS decimal(10,0))', '-2.33333333333'],
    // a dividend whose digits shifted to the quotient's scale pass 10^19 (decimal(38,10) values)
    ["CAST('100000000000000000000' AS decimal(38,10)) / CAST(3 AS decimal(38,10))", '33333333333333333333.333333'],
  ])('division %s is %s', async (expr, expected) => {
    expect(await evalTsql(`CONVERT(varchar(60), ${expr})`)).toBe(expected);
  });
});

// CAST and CONVERT (Transact-SQL), "Truncating and rounding results": a value too large for the
// target decimal raises Msg 8115, "Arithmetic overflow error converting <source> to data type
// numeric.", which TRY/CATCH catches.
describe('conversions into a decimal too narrow for the value', () => {
  it.each([
    ['CAST(CAST(1e10 AS float) AS decimal(10,2))', 'Arithmetic overflow error converting float to data type numeric.'],
    ['CAST(CAST(123456789.123 AS decimal(12,3)) AS decimal(10,2))', 'Arithmetic overflow error converting numeric to data type numeric.'],
    ['CAST(CAST(99999999.995 AS decimal(11,3)) AS decimal(10,2))', 'Arithmetic overflow error converting numeric to data type numeric.'],
  ])('%s raises 8115 in TRY, caught', async (expr, message) => {
    const r = await runBody(`BEGIN TRY SELECT ${expr} AS v; END TRY BEGIN CATCH SELECT ERROR_NUMBER() AS n, ERROR_MESSAGE() AS m; END CATCH`);
    expect(r.resultSets[0]?.rows).toEqual([{ n: 8115, m: message }]);
  });

  it('a float too large for a decimal column of an INSERT … SELECT raises 8115', async () => {
    const r = await runBody('BEGIN TRY INSERT INTO dbo.Dst (Id, V) SELECT Id, CAST(F AS decimal(10,2)) FROM dbo.Src; END TRY BEGIN CATCH SELECT ERROR_NUMBER() AS n; END CATCH', {
      tables: 'CREATE TABLE dbo.Src (Id int NOT NULL PRIMARY KEY, F float NULL);\nGO\nCREATE TABLE dbo.Dst (Id int NOT NULL, V decimal(10,2) NULL);',
      csv: { 'dbo.Src': 'Id,F\n1,10000000000\n' },
    });
    expect(r.resultSets[0]?.rows).toEqual([{ n: 8115 }]);
  });

  it('text holding a number too large for the decimal is error 8115 (its message names varchar or nvarchar, left unknown)', async () => {
    const r = await runBody("BEGIN TRY SELECT CAST('123456789012' AS decimal(10,2)) AS v; END TRY BEGIN CATCH SELECT ERROR_NUMBER() AS n; END CATCH");
    expect(r.resultSets[0]?.rows).toEqual([{ n: 8115 }]);
  });

  it('an int too large for the decimal is error 8115 (its message names the integer type, left unknown)', async () => {
    const r = await runBody('DECLARE @i int = 1234567890; BEGIN TRY SELECT CAST(@i AS decimal(5,2)) AS v; END TRY BEGIN CATCH SELECT ERROR_NUMBER() AS n; END CATCH');
    expect(r.resultSets[0]?.rows).toEqual([{ n: 8115 }]);
  });
});

describe('decimal products in a table definition', () => {
  it('a computed column decimal(19,9) * decimal(19,9) is rounded to decimal(38,17)', async () => {
    const r = await runBody('INSERT dbo.Fx (Id, A, B) VALUES (1, 1.333333333, 1.333333333); SELECT CONVERT(varchar(50), P) AS p FROM dbo.Fx;', {
      tables: 'CREATE TABLE dbo.Fx (Id int NOT NULL, A decimal(19,9) NOT NULL, B decimal(19,9) NOT NULL, P AS A * B);',
    });
    expect(r.resultSets[0]?.rows).toEqual([{ p: '1.77777777688888889' }]);
  });
});

describe('SUM of money beside a decimal', () => {
  it('SUM(money) / SUM(decimal) divides a decimal(19,4): scale 19 truncated, then the CAST rounds', async () => {
    // money is decimal(19,4) to a decimal operand and SUM of money is money: decimal(19,4) /
    // decimal(38,4) has scale 38 - 19 = 19 (a decimal(38,4) dividend would give scale 6, truncated
    // to 28.647545). 2673.77 / 93.3333 = 28.64754594…, so the average cost rounds to 28.647546.
    const r = await runBody(`SELECT i.[Item No], CONVERT(varchar(60), SUM(i.[Extended Cost]) / SUM(i.[Qty Issued])) AS q,
  CAST(SUM(i.[Extended Cost]) / NULLIF(SUM(i.[Qty Issued]), 0) AS decimal(19,6)) AS [Avg Cost]
FROM dbo.[Issue Cost] i GROUP BY i.[Item No];`, {
      tables: 'CREATE TABLE dbo.[Issue Cost] ([Line] int NOT NULL, [Item No] varchar(20) NOT NULL, [Qty Issued] decimal(18,4) NOT NULL, [Extended Cost] money NOT NULL);',
      csv: { 'dbo.Issue Cost': 'Line,Item No,Qty Issued,Extended Cost\n1,C300,50.0000,1581.9100\n2,C300,43.3333,1091.8600\n' },
    });
    expect(r.resultSets[0]?.rows.map((row) => [row.q, String(row['Avg Cost'])])).toEqual([['28.6475459455521234114', '28.647546']]);
  });
});
