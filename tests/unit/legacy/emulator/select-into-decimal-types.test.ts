import { runBody } from './emulator-helpers';

// SELECT … INTO makes each decimal column of the type SQL Server gives its expression, whatever
// DuckDB inferred: a later product or quotient past precision 38 keeps a scale that depends on the
// stored precision ("Precision, scale, and length": 38 - integral digits), so a wider column
// would silently drop decimals of `Raw * Raw / 7`.
const TABLES = `CREATE TABLE dbo.[Promo Line] ([Item Code] varchar(20) NOT NULL PRIMARY KEY, [Base Price] decimal(9,2) NOT NULL,
  [Keep Pct] decimal(5,4) NULL, [Amount Off] decimal(9,2) NULL);`;
const CSV = { 'dbo.Promo Line': 'Item Code,Base Price,Keep Pct,Amount Off\nA100,2.49,0.7500,\nB400,19.00,,2.01\n' };

describe('SELECT … INTO a #temp of decimal expressions', () => {
  it('stores a product as decimal(15,6), so a quotient of its square keeps 17 decimals', async () => {
    // decimal(9,2) * decimal(5,4) is decimal(15,6); Raw * Raw decimal(31,12); / decimal(9,2):
    // scale 22 at precision 43, cut to 38 - 21 = 17 and truncated
    const r = await runBody(`SELECT l.[Item Code], l.[Base Price] * l.[Keep Pct] AS Raw
INTO #cand FROM dbo.[Promo Line] l WHERE l.[Keep Pct] IS NOT NULL;
SELECT CONVERT(varchar(60), Raw * Raw / CAST(7 AS decimal(9,2))) AS v FROM #cand;`, { tables: TABLES, csv: CSV });
    expect(r.resultSets[0]?.rows).toEqual([{ v: '0.49822232142857142' }]);
  });

  it('stores a CASE over a product and a difference at their union, decimal(15,6)', async () => {
    const r = await runBody(`SELECT l.[Item Code],
       CASE WHEN l.[Keep Pct] IS NOT NULL THEN l.[Base Price] * l.[Keep Pct] ELSE l.[Base Price] - l.[Amount Off] END AS Raw
INTO #cand FROM dbo.[Promo Line] l;
SELECT [Item Code], CONVERT(varchar(60), Raw * Raw / CAST(7 AS decimal(9,2))) AS v FROM #cand ORDER BY [Item Code];`, { tables: TABLES, csv: CSV });
    // 16.99^2 / 7 = 41.2371571428571428571…: the same 17 decimals, truncated
    expect(r.resultSets[0]?.rows).toEqual([{ 'Item Code': 'A100', v: '0.49822232142857142' }, { 'Item Code': 'B400', v: '41.23715714285714285' }]);
  });
});
