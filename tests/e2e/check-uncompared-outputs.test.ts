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

describe('sections check names the tables a procedure writes that no section compares', () => {
  let ws: string;
  beforeAll(async () => {
    ws = mkdtempSync(join(tmpdir(), 'uncompared-'));
    await scriptWorkspace(ws, { 'usp_Ledger Check.sql': SQL });
  });
  afterAll(() => rmSync(ws, { recursive: true, force: true }));

  it('warns, at the housekeeping section holding its writes, without failing the fresh proposal', async () => {
    expect((await runMigrate(['sections', 'propose', 'dbo.usp_Ledger Check', '--root', ws])).code).toBe(0);
    const r = await runMigrate(['sections', 'check', '--root', ws, '--json']);
    const report = JSON.parse(r.out) as { warnings: { code: string; file: string; message: string; hint: string }[]; problems: { code: string }[] };
    expect(report.problems.filter((p) => p.code !== 'SPEC_TODO')).toEqual([]);
    const warned = report.warnings.filter((w) => w.code === 'SECTIONS_OUTPUT_NOT_COMPARED');
    expect(warned).toEqual([expect.objectContaining({ file: expect.stringMatching(/00-housekeeping\.feature$/) })]);
    expect(warned[0]?.message).toBe("dbo.[Ledger Error Log] is written (line 22, housekeeping) but no section's Then compares it: neither `migrate test` nor `migrate accept` checks its rows");
    expect(warned[0]?.hint).toContain('`@output:dbo.[Ledger%20Error%20Log]`');
    // the table a section compares is not named
    expect(JSON.stringify(report.warnings)).not.toContain('Ledger Net');
  });
});
