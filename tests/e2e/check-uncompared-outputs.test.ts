import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMigrate } from '../support/run-migrate';
import { scriptWorkspace } from '../support/script-workspace';

// An invoice check of 2014: each invoice's net must fit the old ledger's decimal(9,2); an overflow
// is caught and logged per invoice in [Ledger Error Log], which finance reads. Propose leaves the
// CATCH's log INSERT in housekeeping, so no section compares the table: check must say so.
const SQL = `CREATE TABLE dbo.[Invoice Head] ([Invoice No] int NOT NULL PRIMARY KEY, [Net Amount] decimal(19,4) NOT NULL);
GO
CREATE TABLE dbo.[Ledger Error Log] ([Invoice No] int NOT NULL, [Error No] int NOT NULL);
GO
CREATE TABLE dbo.[Ledger Net] ([Invoice No] int NOT NULL, [Net] decimal(19,2) NOT NULL);
GO
CREATE PROCEDURE dbo.[usp_Ledger Check]
AS
BEGIN
    SET NOCOUNT ON
    DECLARE @InvNo int, @Check decimal(9,2)
    INSERT INTO dbo.[Ledger Net] ([Invoice No], [Net]) SELECT [Invoice No], [Net Amount] FROM dbo.[Invoice Head]
    DECLARE cur_chk CURSOR LOCAL FAST_FORWARD FOR SELECT [Invoice No] FROM dbo.[Invoice Head] ORDER BY [Invoice No]
    OPEN cur_chk
    FETCH NEXT FROM cur_chk INTO @InvNo
    WHILE @@FETCH_STATUS = 0
    BEGIN
        BEGIN TRY
            SELECT @Check = [Net Amount] * 100 FROM dbo.[Invoice Head] WHERE [Invoice No] = @InvNo
        END TRY
        BEGIN CATCH
            INSERT INTO dbo.[Ledger Error Log] ([Invoice No], [Error No]) VALUES (@InvNo, ERROR_NUMBER())
        END CATCH
        FETCH NEXT FROM cur_chk INTO @InvNo
    END
    CLOSE cur_chk
    DEALLOCATE cur_chk
END
GO
`;

// The nightly job around it: a run log whose row is inserted, then finished or marked failed in a
// CATCH (housekeeping, rightly not compared), and the check EXEC'd, whose tables its own sections compare.
const NIGHTLY = `CREATE TABLE dbo.[Job Run Log] ([Run Id] int IDENTITY(1,1) NOT NULL, [Started At] datetime NOT NULL, [Finished At] datetime NULL, [Failed] bit NULL)
GO
CREATE PROCEDURE dbo.[usp_Nightly Ledger]
AS
BEGIN
    SET NOCOUNT ON
    DECLARE @RunId int
    INSERT INTO dbo.[Job Run Log] ([Started At]) VALUES (GETDATE())
    SET @RunId = SCOPE_IDENTITY()
    BEGIN TRY
        EXEC dbo.[usp_Ledger Check]
        UPDATE dbo.[Job Run Log] SET [Finished At] = GETDATE() WHERE [Run Id] = @RunId
    END TRY
    BEGIN CATCH
        UPDATE dbo.[Job Run Log] SET [Finished At] = GETDATE(), [Failed] = 1 WHERE [Run Id] = @RunId
    END CATCH
END
GO
`;

describe('sections check names the tables a procedure writes that no section compares', () => {
  let ws: string;
  beforeAll(async () => {
    ws = mkdtempSync(join(tmpdir(), 'uncompared-'));
    await scriptWorkspace(ws, { 'usp_Ledger Check.sql': SQL, 'usp_Nightly Ledger.sql': NIGHTLY });
  });
  afterAll(() => rmSync(ws, { recursive: true, force: true }));

  it('warns, at the housekeeping section holding its writes, without failing the fresh proposal', async () => {
    expect((await runMigrate(['sections', 'propose', 'dbo.usp_Ledger Check', '--root', ws])).code).toBe(0);
    const r = await runMigrate(['sections', 'check', 'dbo.usp_Ledger Check', '--root', ws, '--json']);
    const report = JSON.parse(r.out) as { warnings: { code: string; file: string; message: string; hint: string }[]; problems: { code: string }[] };
    expect(report.problems.filter((p) => p.code !== 'SPEC_TODO')).toEqual([]);
    const warned = report.warnings.filter((w) => w.code === 'SECTIONS_OUTPUT_NOT_COMPARED');
    expect(warned).toEqual([expect.objectContaining({ file: expect.stringMatching(/00-housekeeping\.feature$/) })]);
    expect(warned[0]?.message).toBe("dbo.[Ledger Error Log] is written (line 22, housekeeping) but no section's Then compares it: no scenario checks its rows");
    expect(warned[0]?.hint).toContain('`@output:dbo.[Ledger%20Error%20Log]`');
    // the table a section compares is not named
    expect(JSON.stringify(report.warnings)).not.toContain('Ledger Net');
  });

  it('does not name a run log whose row a CATCH only updates, nor the tables an EXEC\'d procedure writes', async () => {
    expect((await runMigrate(['sections', 'propose', 'dbo.usp_Nightly Ledger', '--root', ws])).code).toBe(0);
    const r = await runMigrate(['sections', 'check', 'dbo.usp_Nightly Ledger', '--root', ws, '--json']);
    const report = JSON.parse(r.out) as { warnings: { code: string; message: string }[] };
    expect(report.warnings.filter((w) => w.code === 'SECTIONS_OUTPUT_NOT_COMPARED')).toEqual([]);
  });
});
