import { runBody } from './emulator-helpers';

const TABLES = 'CREATE TABLE dbo.Sale (Id int NOT NULL, Region varchar(10) NULL, Amount decimal(9,2) NULL)\nGO\n';
const SALES = { 'dbo.Sale': 'Id,Region,Amount\n1,North,10.00\n2,north,5.50\n3,South,7.25\n4,,1.00\n5,South,\n' };

const rowsOf = async (query: string): Promise<unknown[][]> => {
  const r = await runBody(query, { tables: TABLES, csv: SALES });
  const rs = r.resultSets[r.resultSets.length - 1];
  return (rs?.rows ?? []).map((row) => (rs?.columns ?? []).map((c) => {
    const v = row[c];
    return typeof v === 'bigint' ? Number(v) : v;
  }));
};

describe('emulated queries', () => {
  it.each([
    // GROUP BY follows the case-insensitive collation; NULLs sort first ascending
    ['SELECT UPPER(Region) AS r, COUNT(*) AS n FROM dbo.Sale GROUP BY UPPER(Region) ORDER BY r', [[null, 1], ['NORTH', 2], ['SOUTH', 2]]],
    ['SELECT Id FROM dbo.Sale ORDER BY Amount, Id', [[5], [4], [2], [3], [1]]],
    ['SELECT Id FROM dbo.Sale ORDER BY Amount DESC, Id', [[1], [3], [2], [4], [5]]],
    ['WITH n AS (SELECT Id, Amount FROM dbo.Sale WHERE Region = \'NORTH\') SELECT SUM(Amount) AS s FROM n', [[15.5]]],
    ['SELECT d.Id FROM (SELECT Id, Amount FROM dbo.Sale) AS d WHERE d.Amount > 5 ORDER BY d.Id', [[1], [2], [3]]],
    ['SELECT Id FROM dbo.Sale WHERE Id IN (SELECT Id FROM dbo.Sale WHERE Region = \'south\') ORDER BY Id', [[3], [5]]],
    ['SELECT Id FROM dbo.Sale s WHERE EXISTS (SELECT 1 FROM dbo.Sale t WHERE t.Region = s.Region AND t.Id <> s.Id) ORDER BY Id', [[1], [2], [3], [5]]],
    ['SELECT Id FROM dbo.Sale WHERE Id < 3 UNION ALL SELECT Id FROM dbo.Sale WHERE Id > 4 ORDER BY Id', [[1], [2], [5]]],
    ['SELECT TOP (2) Id FROM dbo.Sale ORDER BY Id DESC', [[5], [4]]],
    ['SELECT Id, ROW_NUMBER() OVER (PARTITION BY Region ORDER BY Amount DESC) AS rn FROM dbo.Sale WHERE Region IS NOT NULL ORDER BY Id', [[1, 1], [2, 2], [3, 1], [5, 2]]],
    ['SELECT Id, SUM(Amount) OVER (ORDER BY Id ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS run FROM dbo.Sale WHERE Id <= 3 ORDER BY Id', [[1, 10], [2, 15.5], [3, 22.75]]],
    ['SELECT Id, LAG(Id) OVER (ORDER BY Id) AS prev FROM dbo.Sale WHERE Id <= 2 ORDER BY Id', [[1, null], [2, 1]]],
    ['SELECT s.Id, x.Twice FROM dbo.Sale s CROSS APPLY (SELECT s.Amount * 2 AS Twice) x WHERE s.Id = 3', [[3, 14.5]]],
    ['SELECT v.a, v.b FROM (VALUES (1, \'x\'), (2, \'y\')) AS v(a, b) ORDER BY v.a DESC', [[2, 'y'], [1, 'x']]],
    ['SELECT COUNT(*) AS n, COUNT(Amount) AS a, CAST(AVG(Amount) AS decimal(9,6)) AS m FROM dbo.Sale', [[5, 4, 5.9375]]],
    ['SELECT Region, SUM(Amount) AS s FROM dbo.Sale WHERE Region IS NOT NULL GROUP BY Region HAVING SUM(Amount) > 10 ORDER BY Region', [['North', 15.5]]],
    ["SELECT STUFF((SELECT ',' + CAST(Id AS varchar(5)) FROM dbo.Sale WHERE Id < 4 ORDER BY Id DESC FOR XML PATH('')), 1, 1, '') AS ids", [['3,2,1']]],
    ["SELECT (SELECT '<' + Region + '&' FROM dbo.Sale WHERE Id = 1 FOR XML PATH('')) AS x", [['&lt;North&amp;']]],
  ])('%s', async (query, expected) => {
    expect(await rowsOf(query)).toEqual(expected);
  });

  it('refuses FOR XML forms other than the PATH(\'\') idiom', async () => {
    await expect(rowsOf("SELECT Id FROM dbo.Sale FOR XML AUTO")).rejects.toThrow(/FOR XML AUTO/);
  });
});
