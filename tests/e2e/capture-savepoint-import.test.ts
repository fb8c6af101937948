import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMigrate } from '../support/run-migrate';

// A 2005-era import: a cursor over staged rows inside one transaction under XACT_ABORT OFF, each
// row behind SAVE TRANSACTION + TRY, a bad row rolled back to the savepoint and logged with
// ERROR_NUMBER(), then COMMIT. SQL Server (SAVE TRANSACTION, SET XACT_ABORT and XACT_STATE pages)
// ends only the failing statement for NULL into NOT NULL (515), divide by zero (8134) and a CHECK
// violation (547), keeps the transaction committable, and the rollback to the savepoint takes
// back the row's log line written before the failure: the good rows, their log lines and one
// error row per bad row are what COMMIT keeps.
const TABLES = `CREATE TABLE dbo.Customer (CustomerId int NOT NULL PRIMARY KEY, Name varchar(20) NOT NULL, CreditLimit decimal(10,2) NOT NULL CHECK (CreditLimit >= 0));
GO
CREATE TABLE dbo.CustomerStaging (RowNo int NOT NULL, CustomerId int NOT NULL, Name varchar(20) NULL, Amount decimal(10,2) NOT NULL, Months int NOT NULL);
GO
CREATE TABLE dbo.ImportLog (RowNo int NOT NULL);
GO
CREATE TABLE dbo.ImportErrors (ErrorId int IDENTITY(1,1) PRIMARY KEY, RowNo int NOT NULL, ErrorNumber int NOT NULL, TxState int NOT NULL, TranCount int NOT NULL);
GO
`;

const PROCEDURE = `CREATE PROCEDURE dbo.usp_ImportCustomers
AS
BEGIN
  SET NOCOUNT ON;
  SET XACT_ABORT OFF;
  DECLARE @RowNo int, @Id int, @Name varchar(20), @Amount decimal(10,2), @Months int;
  DECLARE @Loaded int, @Failed int;
  SELECT @Loaded = 0, @Failed = 0;
  DECLARE staged CURSOR LOCAL FAST_FORWARD FOR
    SELECT RowNo, CustomerId, Name, Amount, Months FROM dbo.CustomerStaging ORDER BY RowNo;
  BEGIN TRANSACTION;
  OPEN staged;
  FETCH NEXT FROM staged INTO @RowNo, @Id, @Name, @Amount, @Months;
  WHILE @@FETCH_STATUS = 0
  BEGIN
    SAVE TRANSACTION RowSave;
    BEGIN TRY
      INSERT INTO dbo.ImportLog (RowNo) VALUES (@RowNo);
      IF EXISTS (SELECT 1 FROM dbo.Customer WHERE CustomerId = @Id)
        UPDATE dbo.Customer SET Name = @Name, CreditLimit = @Amount / @Months WHERE CustomerId = @Id;
      ELSE
        INSERT INTO dbo.Customer (CustomerId, Name, CreditLimit) VALUES (@Id, @Name, @Amount / @Months);
      SET @Loaded = @Loaded + 1;
    END TRY
    BEGIN CATCH
      ROLLBACK TRANSACTION RowSave;
      INSERT INTO dbo.ImportErrors (RowNo, ErrorNumber, TxState, TranCount) VALUES (@RowNo, ERROR_NUMBER(), XACT_STATE(), @@TRANCOUNT);
      SET @Failed = @Failed + 1;
    END CATCH
    FETCH NEXT FROM staged INTO @RowNo, @Id, @Name, @Amount, @Months;
  END
  CLOSE staged;
  DEALLOCATE staged;
  COMMIT TRANSACTION;
  SELECT @Loaded AS Loaded, @Failed AS Failed, @@TRANCOUNT AS TranCount;
END
GO
`;

const lines = (dir: string, file: string): string[] => readFileSync(join(dir, file), 'utf8').trim().split('\n');

describe('migrate capture of a per-row SAVE TRANSACTION import', () => {
  const ws = mkdtempSync(join(tmpdir(), 'capture-savepoint-'));
  afterAll(() => rmSync(ws, { recursive: true, force: true }));
  mkdirSync(join(ws, 'procedures/tables'), { recursive: true });
  mkdirSync(join(ws, 'data'));
  writeFileSync(join(ws, 'procedures/tables/tables.sql'), TABLES);
  writeFileSync(join(ws, 'procedures/import.sql'), PROCEDURE);
  writeFileSync(join(ws, 'data/dbo.Customer.csv'), 'CustomerId,Name,CreditLimit\n1,Ann,100.00\n2,Bob,50.00\n');
  writeFileSync(join(ws, 'data/dbo.CustomerStaging.csv'), [
    'RowNo,CustomerId,Name,Amount,Months',
    '1,1,Ann B,1200.00,12', // update
    '2,3,Cy,600.00,6', // insert
    '3,4,,300.00,3', // NULL name: 515
    '4,2,Bob,500.00,0', // divide by zero in the UPDATE: 8134
    '5,5,Dee,-100.00,1', // CHECK (CreditLimit >= 0): 547
    '6,6,Eve,90.00,4', // insert
  ].join('\n') + '\n');
  writeFileSync(join(ws, 'data/dbo.ImportLog.csv'), 'RowNo\n');
  writeFileSync(join(ws, 'data/dbo.ImportErrors.csv'), 'ErrorId,RowNo,ErrorNumber,TxState,TranCount\n');

  it('keeps the good rows and their log lines, and logs each bad row with its error number', async () => {
    const out = join(ws, 'out');
    const r = await runMigrate(['capture', 'dbo.usp_ImportCustomers', '--data', join(ws, 'data'), '--procedures', join(ws, 'procedures'), '--out', out]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(lines(out, 'dbo.Customer.csv')).toEqual(['CustomerId,Name,CreditLimit', '1,Ann B,100.00', '2,Bob,50.00', '3,Cy,100.00', '6,Eve,22.50']);
    expect(lines(out, 'dbo.ImportLog.csv')).toEqual(['RowNo', '1', '2', '6']);
    expect(lines(out, 'dbo.ImportErrors.csv')).toEqual(['ErrorId,RowNo,ErrorNumber,TxState,TranCount', '1,3,515,1,1', '2,4,8134,1,1', '3,5,547,1,1']);
    expect(lines(out, 'result-set-1.csv')).toEqual(['Loaded,Failed,TranCount', '3,3,0']);
  });

  it('still refuses the ROLLBACK to the savepoint when XACT_ABORT ON has doomed the transaction', async () => {
    writeFileSync(join(ws, 'procedures/import.sql'), PROCEDURE.replace('SET XACT_ABORT OFF;', 'SET XACT_ABORT ON;'));
    const r = await runMigrate(['capture', 'dbo.usp_ImportCustomers', '--data', join(ws, 'data'), '--procedures', join(ws, 'procedures'), '--out', join(ws, 'on')]);
    expect(r.code).not.toBe(0);
    expect(r.err).toContain('ROLLBACK TRANSACTION to the savepoint RowSave');
    expect(r.err).toMatch(/import\.sql:\d+:\d+/);
  });
});
