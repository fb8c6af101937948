import { LegacyError } from '../../../../src/core';
import { resultRows, runBody } from './emulator-helpers';

// MERGE … OUTPUT with columns of the USING source, and composable DML reading those rows:
// learn.microsoft.com/sql/t-sql/queries/output-clause-transact-sql (from_table_name),
// learn.microsoft.com/sql/t-sql/statements/insert-transact-sql (INSERT … SELECT FROM (<dml> OUTPUT …)).
const TABLES = `
CREATE TABLE dbo.Dim (DimKey int IDENTITY(1,1) NOT NULL PRIMARY KEY, Code varchar(10) NOT NULL, City nvarchar(20) NULL, Segment varchar(10) NULL, IsCurrent bit NOT NULL, FromDate date NOT NULL, ToDate date NULL)
GO
CREATE TABLE dbo.Stg (Code varchar(10) NOT NULL, City nvarchar(20) NULL, Segment varchar(10) NULL, Loaded datetime NOT NULL)
GO
CREATE TABLE dbo.NoKey (Code varchar(10) NOT NULL, City nvarchar(20) NULL)
GO
`;
const DATA = {
  'dbo.Dim': 'DimKey,Code,City,Segment,IsCurrent,FromDate,ToDate\n1,A,Leeds,Retail,1,2020-01-01,\n2,B,York,Trade,1,2020-01-01,\n3,C,,Retail,1,2020-01-01,\n',
  'dbo.Stg': 'Code,City,Segment,Loaded\nA,Leeds,retail,2026-12-04 10:00:00\nB,Hull,Trade,2026-12-04 11:00:00\nC,Bath,Retail,2026-12-04 12:00:00\nD,Derby,Retail,2026-12-04 13:00:00\nE,Ely,Retail,2026-11-01 00:00:00\n',
  'dbo.NoKey': 'Code,City\nA,Leeds\n',
};
const sorted = (rows: Record<string, unknown>[]): Record<string, unknown>[] => [...rows].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

describe('MERGE … OUTPUT with source columns', () => {
  it('pairs each changed row with its source row through a CTE and a derived table, named as written', async () => {
    const r = await runBody(`
      DECLARE @Since datetime = '20261201';
      WITH recent AS (SELECT Code, City, Segment FROM dbo.Stg WHERE Loaded > @Since)
      MERGE dbo.Dim AS d
      USING (SELECT Code, City, Segment, LEN(City) AS CityLen FROM recent) AS src
         ON d.Code = src.Code AND d.IsCurrent = 1
      WHEN MATCHED AND (ISNULL(d.City, N'') <> ISNULL(src.City, N'') OR ISNULL(d.Segment, '') <> ISNULL(src.Segment, '')) THEN
        UPDATE SET IsCurrent = 0, ToDate = '20261204'
      WHEN NOT MATCHED BY TARGET THEN
        INSERT (Code, City, Segment, IsCurrent, FromDate) VALUES (src.Code, src.City, src.Segment, 1, '20261205')
      OUTPUT $action, src.Code, src.City, src.CityLen * 10 AS Tens, deleted.City AS OldCity, inserted.DimKey;`, { tables: TABLES, csv: DATA });
    // A: 'retail' = 'Retail' under the case-insensitive collation, no change; E: too old.
    expect(sorted(resultRows(r))).toEqual([
      { $action: 'INSERT', Code: 'D', City: 'Derby', Tens: 50, OldCity: null, DimKey: 4 },
      { $action: 'UPDATE', Code: 'B', City: 'Hull', Tens: 40, OldCity: 'York', DimKey: 2 },
      { $action: 'UPDATE', Code: 'C', City: 'Bath', Tens: 40, OldCity: null, DimKey: 3 },
    ]);
  });

  it('expands src.* into the source columns', async () => {
    const r = await runBody(`
      MERGE dbo.Dim AS d USING (SELECT Code, City FROM dbo.Stg WHERE Code = 'D') AS s ON d.Code = s.Code
      WHEN NOT MATCHED THEN INSERT (Code, City, IsCurrent, FromDate) VALUES (s.Code, s.City, 1, '20261205')
      OUTPUT s.*, inserted.DimKey;`, { tables: TABLES, csv: DATA });
    expect(resultRows(r)).toEqual([{ Code: 'D', City: 'Derby', DimKey: 4 }]);
  });

  it('refuses source columns when an updated table has no primary key to pair its rows by', async () => {
    const err = await runBody(`
      MERGE dbo.NoKey AS t USING dbo.Stg AS s ON t.Code = s.Code
      WHEN MATCHED THEN UPDATE SET City = s.City
      OUTPUT $action, s.Loaded;`, { tables: TABLES, csv: DATA }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LegacyError);
    expect((err as LegacyError).message).toMatch(/source column in the OUTPUT of a MERGE that updates or deletes rows of a table without a PRIMARY KEY/);
    expect((err as LegacyError).location?.file).toBe('usp_test.sql');
  });

  // DuckDB's MERGE … RETURNING collects the rows WHEN NOT MATCHED BY SOURCE updates with values they
  // do not hold, at times memory that is no value ('could not allocate block of size 3.1 GiB', a
  // worker crash, in CI): such a MERGE runs without RETURNING, its rows classified before and read
  // by key after it (merge-changes-by-key.ts); an identity table counts its new rows by the values drawn.
  it('runs an OUTPUT or a trigger beside WHEN NOT MATCHED BY SOURCE THEN UPDATE, the rows that clause changed without source row', async () => {
    const tables = `${TABLES}CREATE TABLE dbo.DimLog (Code varchar(10) NULL)\nGO\nCREATE TRIGGER dbo.trg_Dim_Insert ON dbo.Dim AFTER INSERT AS INSERT INTO dbo.DimLog (Code) SELECT Code FROM inserted;\nGO\n`;
    const merge = (output: string): string => `
      MERGE dbo.Dim AS d USING (SELECT Code, City FROM dbo.Stg WHERE Code IN ('A', 'D')) AS s ON d.Code = s.Code
      WHEN MATCHED THEN UPDATE SET City = s.City
      WHEN NOT MATCHED BY TARGET THEN INSERT (Code, City, IsCurrent, FromDate) VALUES (s.Code, s.City, 1, '20261205')
      WHEN NOT MATCHED BY SOURCE THEN UPDATE SET IsCurrent = 0${output};`;
    const out = await runBody(merge(' OUTPUT $action AS Act, s.Code, s.City, inserted.DimKey'), { tables: TABLES, csv: DATA });
    expect(sorted(resultRows(out, 0))).toEqual(sorted([
      { Act: 'UPDATE', Code: 'A', City: 'Leeds', DimKey: 1 }, { Act: 'INSERT', Code: 'D', City: 'Derby', DimKey: 4 },
      { Act: 'UPDATE', Code: null, City: null, DimKey: 2 }, { Act: 'UPDATE', Code: null, City: null, DimKey: 3 },
    ]));
    const fired = await runBody(`${merge('')} SELECT Code FROM dbo.DimLog;`, { tables, csv: { ...DATA, 'dbo.DimLog': 'Code\n' } });
    expect(resultRows(fired, 0)).toEqual([{ Code: 'D' }]);
    // without them it runs too: @@ROWCOUNT, the new row's identity value (the count of rows inserted from the values drawn)
    const r = await runBody(`${merge('')} SELECT @@ROWCOUNT AS n, SCOPE_IDENTITY() AS id; SELECT DimKey, Code, City, IsCurrent FROM dbo.Dim ORDER BY DimKey;`, { tables: TABLES, csv: DATA });
    expect(resultRows(r, 0)).toEqual([{ n: 4, id: 4 }]);
    expect(resultRows(r, 1)).toEqual([
      { DimKey: 1, Code: 'A', City: 'Leeds', IsCurrent: 1 }, { DimKey: 2, Code: 'B', City: 'York', IsCurrent: 0 },
      { DimKey: 3, Code: 'C', City: null, IsCurrent: 0 }, { DimKey: 4, Code: 'D', City: 'Derby', IsCurrent: 1 },
    ]);
  });

  it('gives inserted. beside WHEN NOT MATCHED BY SOURCE THEN UPDATE the new values of every row', async () => {
    const r = await runBody(`
      MERGE dbo.Dim AS d USING (SELECT Code, City FROM dbo.Stg WHERE Code <> 'C') AS s ON d.Code = s.Code
      WHEN MATCHED THEN UPDATE SET City = s.City
      WHEN NOT MATCHED BY SOURCE THEN UPDATE SET IsCurrent = 0
      OUTPUT $action, s.Code, inserted.City, inserted.IsCurrent, deleted.IsCurrent AS WasCurrent;`, { tables: TABLES, csv: DATA });
    expect(sorted(resultRows(r, 0))).toEqual(sorted([
      { $action: 'UPDATE', Code: 'A', City: 'Leeds', IsCurrent: 1, WasCurrent: 1 }, { $action: 'UPDATE', Code: 'B', City: 'Hull', IsCurrent: 1, WasCurrent: 1 },
      { $action: 'UPDATE', Code: null, City: null, IsCurrent: 0, WasCurrent: 1 },
    ]));
  });

  it('refuses an OUTPUT beside WHEN NOT MATCHED BY SOURCE THEN UPDATE on a table without a PRIMARY KEY, at that clause', async () => {
    const err = await runBody(`
      MERGE dbo.NoKey AS n USING (SELECT 'B' AS Code) AS s ON n.Code = s.Code
      WHEN NOT MATCHED BY SOURCE THEN UPDATE SET City = N'gone'
      OUTPUT $action;`, { tables: TABLES, csv: DATA }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LegacyError);
    expect((err as LegacyError).message).toMatch(/an OUTPUT clause on a MERGE with WHEN NOT MATCHED BY SOURCE THEN UPDATE that writes a table without a PRIMARY KEY/);
    expect((err as LegacyError).location?.span?.start).toMatchObject({ line: 6, column: 7 });
  });

  it('refuses source columns when the source draws a value per row, which pairing would draw again', async () => {
    const err = await runBody(`
      MERGE dbo.Dim AS d USING (SELECT Code, City, NEWID() AS Token FROM dbo.Stg) AS s ON d.Code = s.Code
      WHEN NOT MATCHED THEN INSERT (Code, City, IsCurrent, FromDate) VALUES (s.Code, s.City, 1, '20261205')
      OUTPUT inserted.DimKey, s.Token;`, { tables: TABLES, csv: DATA }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LegacyError);
    expect((err as LegacyError).message).toMatch(/source column in the OUTPUT of a MERGE whose source or INSERT draws a new value per row/);
  });

  it('refuses an unqualified OUTPUT column of a MERGE, at its location', async () => {
    const err = await runBody(`
      MERGE dbo.Dim AS d USING dbo.Stg AS s ON d.Code = s.Code
      WHEN MATCHED THEN UPDATE SET City = s.City
      OUTPUT $action, Loaded;`, { tables: TABLES, csv: DATA }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LegacyError);
    expect((err as LegacyError).message).toMatch(/qualified by the source's alias/);
  });
});

describe('composable DML: INSERT … SELECT FROM (MERGE … OUTPUT …)', () => {
  it('runs the SCD type 2 load: expires changed rows, inserts their new versions, @@ROWCOUNT of the INSERT', async () => {
    const r = await runBody(`
      DECLARE @LoadDate date = '20261205';
      INSERT INTO dbo.Dim (Code, City, Segment, IsCurrent, FromDate)
      SELECT m.Code, m.City, m.Segment, 1, @LoadDate
      FROM (
        MERGE dbo.Dim AS d
        USING (SELECT Code, City, Segment FROM dbo.Stg WHERE Loaded > '20261201') AS src
           ON d.Code = src.Code AND d.IsCurrent = 1
        WHEN MATCHED AND (ISNULL(d.City, N'') <> ISNULL(src.City, N'') OR ISNULL(d.Segment, '') <> ISNULL(src.Segment, '')) THEN
          UPDATE SET d.IsCurrent = 0, d.ToDate = DATEADD(DAY, -1, @LoadDate)
        WHEN NOT MATCHED BY TARGET THEN
          INSERT (Code, City, Segment, IsCurrent, FromDate) VALUES (src.Code, src.City, src.Segment, 1, @LoadDate)
        OUTPUT $action AS MergeAction, src.Code, src.City, src.Segment
      ) AS m
      WHERE m.MergeAction = 'UPDATE'
      ORDER BY m.Code;
      SELECT @@ROWCOUNT AS n;
      SELECT DimKey, Code, City, IsCurrent, CONVERT(char(10), ToDate, 120) AS ToDate FROM dbo.Dim ORDER BY DimKey;`, { tables: TABLES, csv: DATA });
    expect(resultRows(r, 0)).toEqual([{ n: 2 }]);
    expect(resultRows(r, 1)).toEqual([
      { DimKey: 1, Code: 'A', City: 'Leeds', IsCurrent: 1, ToDate: null },
      { DimKey: 2, Code: 'B', City: 'York', IsCurrent: 0, ToDate: '2026-12-04' },
      { DimKey: 3, Code: 'C', City: null, IsCurrent: 0, ToDate: '2026-12-04' },
      { DimKey: 4, Code: 'D', City: 'Derby', IsCurrent: 1, ToDate: null },
      { DimKey: 5, Code: 'B', City: 'Hull', IsCurrent: 1, ToDate: null },
      { DimKey: 6, Code: 'C', City: 'Bath', IsCurrent: 1, ToDate: null },
    ]);
  });

  it('filters on an unaliased $action by its name, [$action]', async () => {
    const r = await runBody(`
      INSERT INTO dbo.Dim (Code, City, Segment, IsCurrent, FromDate)
      SELECT m.Code, m.City, m.Segment, 1, '20261205'
      FROM (
        MERGE dbo.Dim AS d USING dbo.Stg AS s ON d.Code = s.Code AND d.IsCurrent = 1
        WHEN MATCHED AND d.City <> s.City THEN UPDATE SET IsCurrent = 0, ToDate = '20261204'
        OUTPUT $action, s.Code, s.City, s.Segment
      ) AS m
      WHERE m.[$action] = 'UPDATE';
      SELECT DimKey, Code, City FROM dbo.Dim WHERE IsCurrent = 1 ORDER BY DimKey;`, { tables: TABLES, csv: DATA });
    // C's City is NULL: NULL <> 'Bath' is unknown, so C is not expired (the classic SCD2 gap the ISNULLs above close).
    expect(resultRows(r)).toEqual([{ DimKey: 1, Code: 'A', City: 'Leeds' }, { DimKey: 3, Code: 'C', City: null }, { DimKey: 4, Code: 'B', City: 'Hull' }]);
  });

  it('reads the OUTPUT rows of a nested DELETE, and a ROLLBACK undoes both statements', async () => {
    const r = await runBody(`
      CREATE TABLE #gone (Code varchar(10), City nvarchar(20));
      BEGIN TRAN;
      INSERT INTO #gone (Code, City) SELECT g.Code, g.City FROM (DELETE FROM dbo.Dim OUTPUT deleted.Code, deleted.City WHERE Segment = 'Retail') AS g;
      SELECT Code, City, (SELECT COUNT(*) FROM dbo.Dim) AS kept FROM #gone ORDER BY Code;
      ROLLBACK;
      SELECT (SELECT COUNT(*) FROM #gone) AS gone, (SELECT COUNT(*) FROM dbo.Dim) AS restored;`, { tables: TABLES, csv: DATA });
    expect(resultRows(r, 0)).toEqual([{ Code: 'A', City: 'Leeds', kept: 1 }, { Code: 'C', City: null, kept: 1 }]);
    expect(resultRows(r, 1)).toEqual([{ gone: 0, restored: 3 }]);
  });
});
