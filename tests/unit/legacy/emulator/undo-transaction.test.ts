import { resultRows, runBody } from './emulator-helpers';

// undo-transaction.ts: where the code goes on past errors under XACT_ABORT OFF, the emulator holds
// SQL Server's transaction itself. Expectations from the SET XACT_ABORT, XACT_STATE, SAVE
// TRANSACTION and ROLLBACK TRANSACTION pages: a statement-level error ends only its statement;
// ROLLBACK undoes the transaction's rows (not a table variable's) and its CREATE TABLE.
const tables = 'CREATE TABLE dbo.T (Id int NOT NULL PRIMARY KEY, V varchar(5) NOT NULL);\nGO\nCREATE TABLE dbo.Big (Id int NOT NULL PRIMARY KEY);';
const csv = { 'dbo.T': 'Id,V\n1,a\n', 'dbo.Big': 'Id\n1\n2\n3\n' };

describe('a transaction the emulator holds', () => {
  it('goes on past a caught duplicate key and COMMIT keeps the rows before and after it', async () => {
    const r = await runBody(`BEGIN TRAN;
UPDATE dbo.T SET V = 'b' WHERE Id = 1;
BEGIN TRY INSERT dbo.T VALUES (1, 'dup'); END TRY BEGIN CATCH SELECT ERROR_NUMBER() AS n, XACT_STATE() AS xs, @@TRANCOUNT AS tc; END CATCH
INSERT dbo.T VALUES (2, 'c');
COMMIT;
SELECT Id, V FROM dbo.T ORDER BY Id;`, { tables, csv });
    expect(resultRows(r, 0)).toEqual([{ n: 2627, xs: 1, tc: 1 }]);
    expect(resultRows(r, 1)).toEqual([{ Id: 1, V: 'b' }, { Id: 2, V: 'c' }]);
  });

  it('puts back the rows of every table written since BEGIN at ROLLBACK, leaves the others alone, and drops a #temp table created inside', async () => {
    const r = await runBody(`CREATE TABLE #kept (x int);
INSERT #kept VALUES (1);
BEGIN TRAN;
DELETE FROM dbo.Big WHERE Id > 1;
UPDATE dbo.T SET V = 'z';
INSERT #kept VALUES (2);
SELECT Id INTO #made FROM dbo.Big;
BEGIN TRY INSERT dbo.Big VALUES (1); END TRY BEGIN CATCH ROLLBACK; END CATCH
SELECT (SELECT COUNT(*) FROM dbo.Big) AS big, (SELECT MIN(V) FROM dbo.T) AS v, (SELECT COUNT(*) FROM #kept) AS kept, @@TRANCOUNT AS tc;`, { tables, csv });
    expect(resultRows(r, 0)).toEqual([{ big: 3, v: 'a', kept: 1, tc: 0 }]);
  });

  it('is doomed by an error after SET XACT_ABORT ON inside it: XACT_STATE() -1, and ROLLBACK puts the rows back', async () => {
    const r = await runBody(`BEGIN TRAN;
INSERT dbo.T VALUES (2, 'b');
SET XACT_ABORT ON;
BEGIN TRY INSERT dbo.T VALUES (1, 'dup'); END TRY BEGIN CATCH SELECT XACT_STATE() AS xs; ROLLBACK; END CATCH
SELECT COUNT(*) AS n FROM dbo.T;`, { tables, csv });
    expect(resultRows(r, 0)).toEqual([{ xs: -1 }]);
    expect(resultRows(r, 1)).toEqual([{ n: 1 }]);
  });

  it('refuses a ROLLBACK after a permanent table was created inside it, located at the ROLLBACK', async () => {
    await expect(runBody(`BEGIN TRAN;
CREATE TABLE dbo.Made (x int);
BEGIN TRY INSERT dbo.T VALUES (1, 'dup'); END TRY BEGIN CATCH ROLLBACK; END CATCH`, { tables, csv }))
      .rejects.toMatchObject({
        message: expect.stringMatching(/ROLLBACK of the transaction begun at usp_test\.sql:4:1: "dbo"\."Made" was created, dropped or altered inside the transaction/),
        location: { file: 'usp_test.sql', span: { start: { line: 6 } } },
      });
  });

  it('is also held when only a procedure the transaction calls catches the error', async () => {
    const r = await runBody(`BEGIN TRAN;
INSERT dbo.T VALUES (2, 'b');
EXEC dbo.usp_row 1;
EXEC dbo.usp_row 3;
COMMIT;
SELECT Id, V FROM dbo.T ORDER BY Id;`, {
      tables, csv,
      extraProcs: "CREATE PROCEDURE dbo.usp_row @Id int AS\nBEGIN\n  BEGIN TRY INSERT dbo.T VALUES (@Id, 'r'); END TRY BEGIN CATCH PRINT 'skipped'; END CATCH\nEND\nGO\n",
    });
    expect(resultRows(r, 0)).toEqual([{ Id: 1, V: 'a' }, { Id: 2, V: 'b' }, { Id: 3, V: 'r' }]);
    expect(r.messages).toEqual(['skipped']);
  });
});
