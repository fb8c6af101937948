import { LegacyError } from '../../../../src/core';
import { EngineSession } from '../../../../src/engine';
import { emulateSection, type SectionRunResult } from '../../../../src/legacy/emulator/emulate-section';
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
