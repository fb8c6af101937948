import { resultRows, runBody } from './emulator-helpers';

// OUTPUT … INTO a log table with an identity column: SQL Server numbers the log rows in the order
// its plan yields the changed rows (learn.microsoft.com/sql/t-sql/queries/output-clause-transact-sql:
// "There is no guarantee that the order in which the changes are applied to the table and the
// order in which the rows are inserted into the output table or table variable will correspond").
// The log's identity values are not reproducible; the rows the MERGE or UPDATE writes to its
// target are, and must not be listed.
const TABLES = `
CREATE TABLE dbo.Src (Id int NOT NULL, Amount decimal(10,2) NOT NULL)
GO
CREATE TABLE dbo.Tgt (Id int NOT NULL PRIMARY KEY, Amount decimal(10,2) NOT NULL)
GO
CREATE TABLE dbo.ChangeLog (LogId int IDENTITY(1,1) NOT NULL, Act nvarchar(10) NOT NULL, Id int NOT NULL)
GO
CREATE TABLE dbo.Copy (LogId int NOT NULL, Id int NOT NULL)
GO
`;
const DATA = { 'dbo.Src': 'Id,Amount\n1,10.00\n2,20.00\n3,30.00\n', 'dbo.Tgt': 'Id,Amount\n2,5.00\n4,40.00\n' };

describe('identity values of an OUTPUT … INTO log table', () => {
  it('taint the log (and what reads it), not the target the MERGE writes', async () => {
    const r = await runBody(`
      MERGE dbo.Tgt AS t USING dbo.Src AS s ON t.Id = s.Id
      WHEN MATCHED THEN UPDATE SET Amount = s.Amount
      WHEN NOT MATCHED BY TARGET THEN INSERT (Id, Amount) VALUES (s.Id, s.Amount)
      WHEN NOT MATCHED BY SOURCE THEN DELETE
      OUTPUT $action, ISNULL(inserted.Id, deleted.Id) INTO dbo.ChangeLog (Act, Id);
      INSERT INTO dbo.Copy (LogId, Id) SELECT LogId, Id FROM dbo.ChangeLog WHERE Act = N'INSERT';
      SELECT Id, Amount FROM dbo.Tgt ORDER BY Id;`, { tables: TABLES, csv: DATA });
    expect(resultRows(r)).toEqual([{ Id: 1, Amount: 10 }, { Id: 2, Amount: 20 }, { Id: 3, Amount: 30 }]);
    // The log's rows (Act, Id) are the MERGE's changes; only their numbering is the plan's, and
    // Copy's LogId, copied from it (the rows Copy takes are chosen by Act, not by the number).
    expect(r.nonReproducible).toEqual(['dbo.ChangeLog.LogId', 'dbo.Copy.LogId']);
    expect(r.nonReproducibleCauses).toEqual([expect.stringMatching(/^identity values of dbo\.ChangeLog numbered by the OUTPUT … INTO at [^ ]+:\d+:\d+/)]);
  });

  it('of an UPDATE taint the log only', async () => {
    const r = await runBody(`
      UPDATE dbo.Tgt SET Amount = Amount * 2 OUTPUT N'UPDATE', inserted.Id INTO dbo.ChangeLog (Act, Id);`, { tables: TABLES, csv: DATA });
    expect(r.nonReproducible).toEqual(['dbo.ChangeLog.LogId']);
  });

  it('taint a computed column of the log that reads the identity with it: the whole log', async () => {
    const tables = `${TABLES}CREATE TABLE dbo.[Change Ref] (RefId int IDENTITY(1,1) NOT NULL, Id int NOT NULL, [Ref Code] AS ('R-' + CAST(RefId AS varchar(10))))
GO
`;
    const r = await runBody(`
      UPDATE dbo.Tgt SET Amount = Amount * 2 OUTPUT inserted.Id INTO dbo.[Change Ref] (Id);`, { tables, csv: DATA });
    expect(r.nonReproducible).toEqual(['dbo.Change Ref.Id', 'dbo.Change Ref.Ref Code', 'dbo.Change Ref.RefId']);
  });

  it('of one row are reproducible', async () => {
    const r = await runBody(`
      UPDATE dbo.Tgt SET Amount = 1 OUTPUT N'UPDATE', inserted.Id INTO dbo.ChangeLog (Act, Id) WHERE Id = 4;`, { tables: TABLES, csv: DATA });
    expect(r.nonReproducible).toEqual([]);
  });

  describe('of a MERGE into a table with an identity of its own', () => {
    const tables = `${TABLES}CREATE TABLE dbo.[Dim Cust] ([Cust Key] int IDENTITY(1,1) NOT NULL PRIMARY KEY, Id int NOT NULL, Amount decimal(10,2) NOT NULL)
GO
`;
    const data = { ...DATA, 'dbo.Dim Cust': 'Cust Key,Id,Amount\n1,2,5.00\n' };
    const merge = (output: string): string => `
      MERGE dbo.[Dim Cust] AS t USING dbo.Src AS s ON t.Id = s.Id
      WHEN MATCHED THEN UPDATE SET Amount = s.Amount
      WHEN NOT MATCHED BY TARGET THEN INSERT (Id, Amount) VALUES (s.Id, s.Amount)
      OUTPUT ${output} INTO dbo.ChangeLog (Act, Id);`;

    it('taint the two identity columns alone when the OUTPUT does not name the target\'s identity', async () => {
      const r = await runBody(merge('$action, ISNULL(inserted.Id, deleted.Id)'), { tables, csv: data });
      expect(r.nonReproducible).toEqual(['dbo.ChangeLog.LogId', 'dbo.Dim Cust.Cust Key']);
    });

    it('taint what the OUTPUT carries the drawn identity into', async () => {
      const r = await runBody(merge('$action, inserted.[Cust Key]'), { tables, csv: data });
      expect(r.nonReproducible).toEqual(expect.arrayContaining(['dbo.ChangeLog.Id', 'dbo.ChangeLog.LogId', 'dbo.Dim Cust.Cust Key']));
    });
  });
});
