import { resultRows, runBody } from './emulator-helpers';

// The SCD type 2 composable MERGE inserts into the dimension twice in one statement: the MERGE's
// new customers and the outer INSERT's new versions. Both draw from one identity counter in an
// order the plan decides (the OUTPUT clause page says only that the whole is atomic), so even one
// row each is numbered in no defined order (scd probe: a new customer and a changed one in the
// same extract got 6 and 7 as if SQL Server always numbered the MERGE's rows first).
const TABLES = `
CREATE TABLE dbo.Dim (DimKey int IDENTITY(1,1) NOT NULL PRIMARY KEY, Code varchar(10) NOT NULL, City varchar(20) NULL, IsCurrent bit NOT NULL)
GO
CREATE TABLE dbo.Stg (Code varchar(10) NOT NULL, City varchar(20) NULL)
GO
`;
const scd2 = (output: string): string => `
  INSERT INTO dbo.Dim (Code, City, IsCurrent)
  SELECT m.Code, m.City, 1
  FROM (
    MERGE dbo.Dim AS t
    USING dbo.Stg AS s ON t.Code = s.Code AND t.IsCurrent = 1
    WHEN MATCHED AND t.City <> s.City THEN UPDATE SET IsCurrent = 0
    WHEN NOT MATCHED THEN INSERT (Code, City, IsCurrent) VALUES (s.Code, s.City, 1)
    OUTPUT $action AS Act, s.Code, s.City${output}
  ) AS m
  WHERE m.Act = 'UPDATE';
  SELECT @@ROWCOUNT AS n;`;

describe('identity values a composable MERGE and its outer INSERT both draw', () => {
  it('one new row each: the identity column alone is not reproducible, naming both statements', async () => {
    const r = await runBody(scd2(''), { tables: TABLES, csv: { 'dbo.Dim': 'DimKey,Code,City,IsCurrent\n1,A,York,1\n', 'dbo.Stg': 'Code,City\nA,Bath\nB,Hull\n' } });
    expect(resultRows(r)).toEqual([{ n: 1 }]);
    expect(r.nonReproducible).toEqual(['dbo.Dim.DimKey']);
    expect(r.nonReproducibleCauses).toEqual([expect.stringMatching(/^identity values of dbo\.Dim numbered by the MERGE at [^ ]+:\d+:\d+ and the INSERT at [^ ]+:\d+:\d+ taking its OUTPUT rows/)]);
  });

  it('an OUTPUT naming the identity column may carry the numbers on: every column is listed', async () => {
    const r = await runBody(scd2(', inserted.DimKey AS NewKey'), { tables: TABLES, csv: { 'dbo.Dim': 'DimKey,Code,City,IsCurrent\n1,A,York,1\n', 'dbo.Stg': 'Code,City\nA,Bath\nB,Hull\n' } });
    expect(r.nonReproducible).toEqual(expect.arrayContaining(['dbo.Dim.DimKey', 'dbo.Dim.Code', 'dbo.Dim.City']));
  });

  it('only the MERGE inserting (no changed row) or only the outer INSERT: numbered as before, reproducible', async () => {
    const onlyNew = await runBody(scd2(''), { tables: TABLES, csv: { 'dbo.Dim': 'DimKey,Code,City,IsCurrent\n1,A,York,1\n', 'dbo.Stg': 'Code,City\nA,York\nB,Hull\n' } });
    expect(onlyNew.nonReproducible).toEqual([]);
    const onlyChanged = await runBody(scd2(''), { tables: TABLES, csv: { 'dbo.Dim': 'DimKey,Code,City,IsCurrent\n1,A,York,1\n', 'dbo.Stg': 'Code,City\nA,Bath\n' } });
    expect(onlyChanged.nonReproducible).toEqual([]);
  });
});
