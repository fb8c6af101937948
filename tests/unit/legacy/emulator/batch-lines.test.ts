import { EngineSession } from '../../../../src/engine';
import { emulateProcedure } from '../../../../src/legacy/emulator/emulate-procedure';
import { parseScript } from '../../../../src/tsql';
import { resultRows, runBody } from './emulator-helpers';

/** Runs dbo.usp_test of a whole procedure file `text` (with its SET … / GO header). */
async function runFile(text: string): Promise<Record<string, unknown>[]> {
  const session = await EngineSession.open({ threads: 1 });
  try {
    const r = await emulateProcedure({ scripts: [parseScript(text, { file: 'p.sql' })], procedure: 'dbo.usp_test', params: {}, session, inputs: [], clock: '2026-01-15T10:20:30', allowDynamicSql: false });
    return resultRows(r);
  } finally {
    session.close();
  }
}

// ERROR_LINE (Transact-SQL): "the line number at which an error occurred"; SQL Server numbers the
// lines of the batch that created the procedure (line 1 is the line after the GO before it), as
// sys.sql_modules keeps that batch's text, comments above CREATE PROCEDURE included.
describe('error lines counted within the procedure\'s batch', () => {
  const header = 'SET ANSI_NULLS ON\nGO\nSET QUOTED_IDENTIFIER ON\nGO\n-- =====\n-- Author: someone\n-- =====\n';
  const proc = 'CREATE PROCEDURE dbo.usp_test AS\nBEGIN\n  BEGIN TRY\n    SELECT 1/0 AS x;\n  END TRY\n  BEGIN CATCH\n    SELECT ERROR_LINE() AS l, ERROR_MESSAGE() AS m;\n  END CATCH\nEND\nGO\n';

  it('ERROR_LINE() of a division by zero under a SET … GO header counts from the line after the last GO', async () => {
    // line 1 is "-- =====", CREATE PROCEDURE line 4, SELECT 1/0 line 7
    expect(await runFile(header + proc)).toEqual([{ l: 7, m: 'Divide by zero error encountered.' }]);
  });

  it('a GO inside a comment between batches separates nothing', async () => {
    expect(await runFile(`SET NOCOUNT ON\nGO\n/*\nGO\n*/\n${proc}`)).toEqual([{ l: 7, m: 'Divide by zero error encountered.' }]);
  });

  it('RAISERROR, THROW and a called procedure report lines of their own batch', async () => {
    const r = await runBody(`BEGIN TRY EXEC dbo.usp_inner; END TRY BEGIN CATCH SELECT ERROR_LINE() AS l, ERROR_PROCEDURE() AS p; END CATCH
BEGIN TRY
  RAISERROR('x', 16, 1);
END TRY BEGIN CATCH SELECT ERROR_LINE() AS l, ERROR_PROCEDURE() AS p; END CATCH
BEGIN TRY
  THROW 50001, 'y', 1;
END TRY BEGIN CATCH SELECT ERROR_LINE() AS l, ERROR_PROCEDURE() AS p; END CATCH`, {
      extraProcs: '\n-- the inner procedure\nCREATE PROCEDURE dbo.usp_inner AS\nBEGIN\n  SELECT 1/0 AS x;\nEND\nGO\n',
      serverVersion: 2016, // the name alone (2017 and later name the schema: error-procedure.test.ts)
    });
    // usp_inner's batch: line 1 blank, 2 the comment, 3 CREATE, 4 BEGIN, 5 SELECT 1/0.
    // usp_test's batch starts at its CREATE PROCEDURE (line 1); the body starts at line 4.
    expect(resultRows(r, 0)).toEqual([{ l: 5, p: 'usp_inner' }]);
    expect(resultRows(r, 1)).toEqual([{ l: 6, p: 'usp_test' }]);
    expect(resultRows(r, 2)).toEqual([{ l: 9, p: 'usp_test' }]);
  });

  // Dynamic SQL is a batch of its own: its lines count from the first line of the text, and an
  // error raised in it is in no procedure (ERROR_PROCEDURE (Transact-SQL): NULL "if the error
  // didn't occur within a stored procedure or trigger").
  it('an error in dynamic SQL reports the line of its own text and no procedure', async () => {
    const r = await runBody(`DECLARE @sql nvarchar(max) = N'SET NOCOUNT ON;
SELECT @cnt = COUNT(*) FROM dbo.[Order Feed] WHERE Amount / Qty > 10;', @cnt int;
BEGIN TRY
  EXEC sp_executesql @sql, N'@cnt int OUTPUT', @cnt = @cnt OUTPUT;
END TRY
BEGIN CATCH
  SELECT ERROR_NUMBER() AS n, ERROR_LINE() AS l, ERROR_PROCEDURE() AS p;
END CATCH
BEGIN TRY
  EXEC (N'
THROW 50001, ''Unknown rule type'', 1;');
END TRY
BEGIN CATCH
  SELECT ERROR_NUMBER() AS n, ERROR_LINE() AS l, ERROR_PROCEDURE() AS p;
END CATCH`, { tables: 'CREATE TABLE dbo.[Order Feed] (Amount decimal(12,2) NULL, Qty int NULL);', csv: { 'dbo.Order Feed': 'Amount,Qty\n25.00,0\n' }, allowDynamicSql: true });
    expect(resultRows(r, 0)).toEqual([{ n: 8134, l: 2, p: null }]);
    expect(resultRows(r, 1)).toEqual([{ n: 50001, l: 2, p: null }]);
  });

  it('refuses OBJECT_NAME(@@PROCID) in dynamic SQL rather than naming the procedure that runs it', async () => {
    const run = runBody(`EXEC sp_executesql N'SELECT OBJECT_NAME(@@PROCID) AS caller;';`, { allowDynamicSql: true });
    await expect(run).rejects.toMatchObject({ code: 'LEGACY_UNSUPPORTED', message: expect.stringMatching(/OBJECT_NAME\(@@PROCID\) in dynamic SQL/) });
  });
});
