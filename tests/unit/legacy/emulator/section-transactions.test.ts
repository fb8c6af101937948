import { LegacyError } from '../../../../src/core';
import { EngineSession } from '../../../../src/engine';
import { emulateSection, type SectionRunResult } from '../../../../src/legacy/emulator/section/emulate-section';
import { parseScript } from '../../../../src/tsql';

// The fact section (lines 9-12) undoes its rows with ROLLBACK TRAN BeforeFact when a return line
// is loaded; the procedure's BEGIN TRAN and SAVE TRAN (lines 7-8) lie outside the section. Run
// alone the section has no transaction: SQL Server would fail the ROLLBACK with 3903 and keep the
// rows, which the procedure never leaves. Recording refuses that instead of recording those rows.
const PROC = `CREATE PROCEDURE dbo.usp_fact
AS
BEGIN
    SET NOCOUNT ON;
    DECLARE @Rows int;
    BEGIN TRY
        BEGIN TRAN;
        SAVE TRAN BeforeFact;
        INSERT INTO dbo.Fact (Id, Qty) SELECT Id, Qty FROM dbo.Src;
        SET @Rows = @@ROWCOUNT;
        IF @Rows > 0 AND EXISTS (SELECT 1 FROM dbo.Fact WHERE Qty < 0)
            ROLLBACK TRAN BeforeFact;
        COMMIT TRAN;
    END TRY
    BEGIN CATCH
        IF XACT_STATE() <> 0 ROLLBACK TRAN;
        THROW;
    END CATCH
END
GO`;
const TABLES = `CREATE TABLE dbo.Src (Id int NOT NULL, Qty int NOT NULL);
GO
CREATE TABLE dbo.Fact (Id int NOT NULL, Qty int NOT NULL);`;
const scripts = [parseScript(TABLES, { file: 'tables.sql' }), parseScript(PROC, { file: 'usp_fact.sql' })];

async function run(src: string[][]): Promise<SectionRunResult> {
  const session = await EngineSession.open({ threads: 1 });
  try {
    return await emulateSection({
      session, scripts, procedure: 'dbo.usp_fact', lines: [{ start: 9, end: 12 }], params: {}, outputs: ['dbo.Fact'],
      tables: [
        { name: 'dbo.Src', columns: [{ name: 'Id', type: 'int' }, { name: 'Qty', type: 'int' }], rows: src },
        { name: 'dbo.Fact', columns: [{ name: 'Id', type: 'int' }, { name: 'Qty', type: 'int' }], rows: [] },
      ],
    });
  } finally {
    session.close();
  }
}

describe('a section whose ROLLBACK acts on a transaction the procedure begins outside it', () => {
  it('records the rows when the ROLLBACK does not run', async () => {
    const r = await run([['1', '3'], ['2', '4']]);
    expect(r.outputs.get('dbo.Fact')?.rows).toEqual([['1', '3'], ['2', '4']]);
  });

  it('refuses, naming the ROLLBACK and the BEGIN and SAVE outside the section, when it runs', async () => {
    const err = await run([['1', '3'], ['2', '-1']]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LegacyError);
    expect((err as LegacyError).message).toMatch(/ROLLBACK TRANSACTION BeforeFact in a section run on its own while the procedure begins its transaction outside the section \(BEGIN TRANSACTION at usp_fact\.sql:7:9, SAVE TRANSACTION at usp_fact\.sql:8:9\)/);
    expect((err as LegacyError).location?.span?.start.line).toBe(12);
  });
});

// A savepoint per claim of a cursor, cut by hand into a section without the BEGIN TRAN before
// the loop: the SAVE is refused naming that BEGIN, not as a SAVE "outside a transaction", which
// the procedure never runs.
const CLAIMS = `CREATE PROCEDURE dbo.[usp_Pay Claims]
AS
BEGIN
    DECLARE @Claim int;
    BEGIN TRAN;
    DECLARE cur CURSOR LOCAL FAST_FORWARD FOR SELECT [Claim Id] FROM dbo.[Card Claim];
    OPEN cur;
    FETCH NEXT FROM cur INTO @Claim;
    WHILE @@FETCH_STATUS = 0
    BEGIN
        SAVE TRANSACTION OneClaim;
        UPDATE dbo.[Card Claim] SET Paid = 1 WHERE [Claim Id] = @Claim;
        FETCH NEXT FROM cur INTO @Claim;
    END
    CLOSE cur;
    DEALLOCATE cur;
    COMMIT TRAN;
END
GO`;

describe('a section that sets a savepoint in a transaction the procedure begins outside it', () => {
  it('refuses the SAVE naming the BEGIN TRANSACTION outside the section', async () => {
    const claimScripts = [parseScript('CREATE TABLE dbo.[Card Claim] ([Claim Id] int NOT NULL, Paid bit NULL);', { file: 'tables.sql' }), parseScript(CLAIMS, { file: 'pay-claims.sql' })];
    const session = await EngineSession.open({ threads: 1 });
    try {
      const err = await emulateSection({
        session, scripts: claimScripts, procedure: 'dbo.[usp_Pay Claims]', lines: [{ start: 6, end: 16 }], params: {}, outputs: ['dbo.[Card Claim]'],
        tables: [{ name: 'dbo.[Card Claim]', columns: [{ name: 'Claim Id', type: 'int' }, { name: 'Paid', type: 'bool?' }], rows: [['7', null]] }],
      }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(LegacyError);
      expect((err as LegacyError).message).toMatch(/SAVE TRANSACTION OneClaim in a section run on its own while the procedure begins its transaction outside the section \(BEGIN TRANSACTION at pay-claims\.sql:5:5\)/);
      expect((err as LegacyError).location?.span?.start.line).toBe(11);
    } finally {
      session.close();
    }
  });
});
