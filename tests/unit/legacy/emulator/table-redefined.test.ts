import { runBody, resultRows } from './emulator-helpers';

// Two files create dbo.Account, the second outside any IF and without a DROP TABLE: on SQL Server
// that CREATE fails (2714), so which of the two the database holds is not in the scripts, and a
// baseline computed on either would be a guess (here: decimal halves vs integer division).
const FIRST = 'CREATE TABLE dbo.Account (Id int NOT NULL PRIMARY KEY, Balance decimal(9,2) NOT NULL);\nCREATE TABLE dbo.Other (X int);\n';
const SECOND = 'CREATE TABLE dbo.Account (Id int NOT NULL PRIMARY KEY, Balance int NOT NULL);\nGO\n';
const CSV = { 'dbo.Account': 'Id,Balance\n1,5\n2,7\n' };

describe('a table the scripts create twice with other shapes', () => {
  it('refuses a procedure that uses it, at the second CREATE, naming the first', async () => {
    const run = runBody('SELECT SUM(Balance / 2) AS Total FROM dbo.Account;', { tables: FIRST, extraProcs: SECOND, csv: CSV });
    await expect(run).rejects.toMatchObject({ code: 'LEGACY_TABLE_REDEFINED', location: { file: 'usp_test.sql' } });
    await expect(run).rejects.toThrow(/dbo\.Account is created again here .* than at tables\.sql:1:1, with no DROP TABLE between/);
  });

  it('runs a procedure that does not use it', async () => {
    const r = await runBody('SELECT COUNT(*) AS n FROM dbo.Other;', { tables: FIRST, extraProcs: SECOND });
    expect(resultRows(r)).toEqual([{ n: 0 }]);
  });

  it('takes the first when the second is guarded by IF (skipped while the table exists) or is the same table', async () => {
    for (const second of [`IF OBJECT_ID(N'dbo.Account') IS NULL\n  ${SECOND}`, 'create table [dbo].[Account] ([Id] INT CONSTRAINT PK_A PRIMARY KEY, [Balance] DECIMAL(9, 2) not null);\nGO\n']) {
      const r = await runBody('SELECT SUM(Balance / 2) AS Total FROM dbo.Account;', { tables: FIRST, extraProcs: second, csv: CSV });
      expect(resultRows(r).map((row) => String(row.Total))).toEqual(['6']); // decimal halves 2.5 + 3.5; the integer table would give 2 + 3
    }
  });
});
