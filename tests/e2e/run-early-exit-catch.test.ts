import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runMigrate } from '../support/run-migrate';
import { scriptWorkspace } from '../support/script-workspace';
import { inTempDir } from '../support/temp-dir';

/*
 * A guard that THROWs inside TRY does not end the legacy procedure at its line: the CATCH block
 * runs, rolls the transaction back (undoing what the TRY wrote), logs the error and raises it
 * again. `migrate run` said "the legacy procedure runs nothing after that line" / "legacy writes
 * nothing after that line", which is wrong there; it now says what the CATCH block does.
 */
const SCRIPT = `CREATE TABLE dbo.[Stock Move] ([Move No] int NOT NULL PRIMARY KEY, [Item No] varchar(20) NOT NULL, [Qty] decimal(12,3) NOT NULL, [Moved On] date NOT NULL);
GO
CREATE TABLE dbo.[Stock Level] ([Item No] varchar(20) NOT NULL PRIMARY KEY, [On Hand] decimal(14,3) NOT NULL);
GO
CREATE TABLE dbo.[Close Log] ([Log Id] int IDENTITY(1,1) PRIMARY KEY, [Step] varchar(20) NOT NULL, [Message] nvarchar(400) NULL, [Rows] int NULL);
GO
CREATE PROCEDURE dbo.usp_PostStock @AsOf date, @MaxLines int = 500 AS
BEGIN
    SET NOCOUNT ON;
    SET XACT_ABORT ON;
    BEGIN TRY
        BEGIN TRANSACTION;
        DELETE FROM dbo.[Stock Level];
        INSERT INTO dbo.[Stock Level] ([Item No], [On Hand])
        SELECT [Item No], SUM([Qty]) FROM dbo.[Stock Move] WHERE [Moved On] <= @AsOf GROUP BY [Item No];
        IF @MaxLines < 1
            THROW 50020, 'MaxLines must be positive', 1;
        IF (SELECT COUNT(*) FROM dbo.[Stock Level]) > @MaxLines
            THROW 50021, 'too many stock lines', 1;
        COMMIT TRANSACTION;
    END TRY
    BEGIN CATCH
        IF XACT_STATE() <> 0 ROLLBACK TRANSACTION;
        INSERT INTO dbo.[Close Log] ([Step], [Message], [Rows]) VALUES ('STOCK-ERR', ERROR_MESSAGE(), ERROR_NUMBER());
        THROW;
    END CATCH
END
GO
`;

/** A workspace of the scripts, the procedure's sections proposed and `section` drafted; the data folder holding `files`. */
async function drafted(ws: string, scripts: Record<string, string>, section: string, files: Record<string, string>): Promise<string> {
  await scriptWorkspace(ws, scripts);
  expect((await runMigrate(['sections', 'propose', section.split('/')[0] ?? '', '--root', ws])).code).toBe(0);
  expect((await runMigrate(['scaffold', section, '--draft', '--root', ws])).code).toBe(0);
  const data = join(ws, 'data');
  mkdirSync(data);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(data, name), text);
  return data;
}

describe('migrate run and a guard that THROWs inside TRY', () => {
  it('says the CATCH block rolls back, logs and raises again, instead of "nothing after that line"', async () => {
    await inTempDir('run-exit-catch-', async (ws) => {
      const data = await drafted(ws, { 'stock.sql': SCRIPT }, 'dbo.usp_PostStock/01-stock-level', { 'dbo.Stock Move.csv': 'Move No,Item No,Qty,Moved On\n1,A-100,5.000,2024-03-01\n2,A-100,-2.000,2024-03-02\n3,B-200,1.500,2024-03-02\n' });
      const run = (out: string, ...params: string[]): ReturnType<typeof runMigrate> => runMigrate(['run', 'dbo.usp_PostStock', '--data', data, '--format', 'csv', '--out', join(ws, out), '--root', ws, ...params.flatMap((p) => ['--param', p])]);
      const catchText = 'the error goes to the CATCH block at line 22, whose ROLLBACK (line 23) undoes everything written since the BEGIN TRANSACTION at line 12; '
        + 'it writes dbo.[Close Log] (line 24), kept, and its THROW (line 25) ends the procedure with the error';

      // the guard on the parameter is answered: the run stops, and says what the CATCH does
      const stopped = await run('stopped', '@AsOf=2024-03-31', '@MaxLines=0');
      expect(stopped.code).toBe(2);
      expect(stopped.err).toContain('leaves its TRY block at procedures/stock.sql:16:9 for these parameter values: IF @MaxLines < 1 holds, and it raises Msg 50020, Level 16, State 1, Procedure usp_PostStock, Line 11: MaxLines must be positive.');
      expect(stopped.err).toContain(`The legacy procedure runs nothing more of that TRY block`);
      expect(stopped.err).toContain(catchText);
      expect(stopped.err).not.toContain('runs nothing after that line');
      expect(existsSync(join(ws, 'stopped'))).toBe(false);

      // the guard on a table the TRY wrote cannot be answered: the warning says what the CATCH does
      const ok = await run('ok', '@AsOf=2024-03-31');
      expect(ok.code).toBe(0);
      expect(ok.err).toContain('warning: the legacy procedure may end early at procedures/stock.sql:18:9 (IF (SELECT COUNT(*) FROM dbo.[Stock Level]) > @MaxLines)');
      expect(ok.err).toContain(`where it does, legacy runs nothing more of that TRY block: ${catchText}`);
      expect(ok.err).not.toContain('legacy writes nothing after that line');
    });
  });
});

// A RAISERROR inside TRY leaves the TRY block as a THROW does (its CATCH block runs): the IF
// that raises one is an exit, which `migrate run` missed, computing rows legacy never writes.
const LOADER = `CREATE TABLE dbo.[Day Move] ([Move No] int NOT NULL PRIMARY KEY, [Moved On] date NOT NULL, [Qty] decimal(12,3) NOT NULL);
GO
CREATE TABLE dbo.[Day Total] ([Moved On] date NOT NULL PRIMARY KEY, [Qty] decimal(14,3) NOT NULL);
GO
CREATE TABLE dbo.[Error Log] ([Log Id] int IDENTITY(1,1) PRIMARY KEY, [Error No] int NULL, [Error Text] nvarchar(400) NULL);
GO
CREATE PROCEDURE dbo.usp_DayTotal @Day date AS
BEGIN
    SET NOCOUNT ON;
    BEGIN TRY
        INSERT INTO dbo.[Day Total] ([Moved On], [Qty])
        SELECT [Moved On], SUM([Qty]) FROM dbo.[Day Move] WHERE [Moved On] = @Day GROUP BY [Moved On];
        IF @@ROWCOUNT = 0
            RAISERROR('no moves on the day', 16, 1);
    END TRY
    BEGIN CATCH
        INSERT INTO dbo.[Error Log] ([Error No], [Error Text]) VALUES (ERROR_NUMBER(), ERROR_MESSAGE());
        THROW;
    END CATCH
END
GO
`;

describe('migrate run and a RAISERROR inside TRY', () => {
  it('warns of the IF that raises it, with what the CATCH block does', async () => {
    await inTempDir('run-exit-raiserror-', async (ws) => {
      const data = await drafted(ws, { 'day.sql': LOADER }, 'dbo.usp_DayTotal/01-day-total', { 'dbo.Day Move.csv': 'Move No,Moved On,Qty\n1,2024-03-01,5.000\n' });
      const ok = await runMigrate(['run', 'dbo.usp_DayTotal', '--data', data, '--format', 'csv', '--out', join(ws, 'out'), '--root', ws, '--param', '@Day=2024-03-01']);
      expect(ok.code).toBe(0);
      expect(ok.err).toContain('warning: the legacy procedure may end early at procedures/day.sql:13:9 (IF @@ROWCOUNT = 0), which migrate run cannot answer before the data is read (it reads @@ROWCOUNT); '
        + 'where it does, legacy runs nothing more of that TRY block: the error goes to the CATCH block at line 16; it writes dbo.[Error Log] (line 17), and its THROW (line 18) ends the procedure with the error');
    });
  });
});
