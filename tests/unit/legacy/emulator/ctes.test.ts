import { LegacyError } from '../../../../src/core';
import { resultRows, runBody } from './emulator-helpers';

// Recursive CTEs: learn.microsoft.com/sql/t-sql/queries/with-common-table-expression-transact-sql;
// MAXRECURSION: learn.microsoft.com/sql/t-sql/queries/hints-transact-sql-query.
const TABLES = `
CREATE TABLE dbo.Emp (Id int NOT NULL PRIMARY KEY, Boss int NULL, Name varchar(10) NOT NULL)
GO
`;
const DATA = { 'dbo.Emp': 'Id,Boss,Name\n1,,Ann\n2,1,Bob\n3,2,Cid\n4,1,Dee\n' };

describe('recursive CTEs', () => {
  it('walks a hierarchy', async () => {
    const r = await runBody(`
      WITH chain (Id, Name, Depth) AS (
        SELECT Id, Name, 0 FROM dbo.Emp WHERE Boss IS NULL
        UNION ALL
        SELECT e.Id, e.Name, c.Depth + 1 FROM dbo.Emp AS e JOIN chain AS c ON e.Boss = c.Id
      )
      SELECT * FROM chain ORDER BY Depth, Id;`, { tables: TABLES, csv: DATA });
    expect(resultRows(r)).toEqual([
      { Id: 1, Name: 'Ann', Depth: 0 }, { Id: 2, Name: 'Bob', Depth: 1 }, { Id: 4, Name: 'Dee', Depth: 1 }, { Id: 3, Name: 'Cid', Depth: 2 },
    ]);
  });

  it.each([
    ['100 levels are allowed by default', 'WITH n AS (SELECT 0 AS k UNION ALL SELECT k + 1 FROM n WHERE k < 100) SELECT MAX(k) AS v FROM n', 100],
    ['OPTION (MAXRECURSION 0) lifts the limit', 'WITH n AS (SELECT 0 AS k UNION ALL SELECT k + 1 FROM n WHERE k < 500) SELECT MAX(k) AS v FROM n OPTION (MAXRECURSION 0)', 500],
  ])('%s', async (_name, body, expected) => {
    const r = await runBody(body);
    expect(resultRows(r)[0]?.v).toBe(expected);
  });

  it.each([
    // (a SELECT INTO: a result set stopped by the limit may have reached the client in part, refused)
    ['the default', 'WITH n AS (SELECT 0 AS k UNION ALL SELECT k + 1 FROM n WHERE k < 101) SELECT MAX(k) AS v INTO #r FROM n'],
    ['OPTION (MAXRECURSION 5)', 'WITH n AS (SELECT 0 AS k UNION ALL SELECT k + 1 FROM n WHERE k < 6) SELECT MAX(k) AS v INTO #r FROM n OPTION (MAXRECURSION 5)'],
  ])('raises error 530 past %s, which CATCH sees', async (_name, body) => {
    const r = await runBody(`BEGIN TRY ${body} END TRY BEGIN CATCH SELECT ERROR_NUMBER() AS v END CATCH`);
    expect(resultRows(r)).toEqual([{ v: 530 }]);
  });

  // Msg 240: SQL Server compiles a recursive member only when its columns have the anchor's types
  // exactly; casting the member's values to the anchor's type would give rows it never gives.
  it.each([
    ['a decimal product beside a decimal(18,6) anchor', `WITH q (Id, Qty) AS (SELECT Id, CAST(1 AS decimal(18,6)) FROM dbo.Emp WHERE Boss IS NULL
       UNION ALL SELECT e.Id, q.Qty * CAST(2.5 AS decimal(18,6)) FROM dbo.Emp e JOIN q ON e.Boss = q.Id) SELECT * FROM q`, /column Qty of q the type decimal\(37,12\) where its anchor gives decimal\(18,6\).*Msg 240/],
    ['a longer path beside a varchar(40) anchor', `WITH q (Id, Path) AS (SELECT Id, CAST(Name AS varchar(40)) FROM dbo.Emp WHERE Boss IS NULL
       UNION ALL SELECT e.Id, q.Path + '/' + e.Name FROM dbo.Emp e JOIN q ON e.Boss = q.Id) SELECT * FROM q`, /column Path of q the type varchar\(51\) where its anchor gives varchar\(40\)/],
  ])('refuses %s (Msg 240 in SQL Server)', async (_name, body, message) => {
    const err = await runBody(body, { tables: TABLES, csv: DATA }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LegacyError);
    expect((err as LegacyError).message).toMatch(message);
  });

  it('runs a member cast to the anchor\'s types', async () => {
    const r = await runBody(`
      WITH q (Id, Qty, Path) AS (
        SELECT Id, CAST(1 AS decimal(18,6)), CAST(Name AS varchar(40)) FROM dbo.Emp WHERE Boss IS NULL
        UNION ALL
        SELECT e.Id, CAST(q.Qty * 0.333333 AS decimal(18,6)), CAST(q.Path + '/' + e.Name AS varchar(40))
        FROM dbo.Emp e JOIN q ON e.Boss = q.Id)
      SELECT Id, Qty, Path FROM q WHERE Id = 3;`, { tables: TABLES, csv: DATA });
    expect(resultRows(r)).toEqual([{ Id: 3, Qty: 0.111111, Path: 'Ann/Bob/Cid' }]);
  });

  it('refuses members combined by UNION', async () => {
    const err = await runBody('WITH n AS (SELECT 0 AS k UNION SELECT k + 1 FROM n WHERE k < 3) SELECT k FROM n').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LegacyError);
    expect((err as LegacyError).message).toMatch(/not combined by UNION ALL/);
  });
});
