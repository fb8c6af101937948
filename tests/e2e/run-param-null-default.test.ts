import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runMigrate } from '../support/run-migrate';
import { scriptWorkspace } from '../support/script-workspace';
import { inTempDir } from '../support/temp-dir';

/*
 * A delinquency report's `IF @AsOfDate IS NULL SET @AsOfDate = CAST(GETDATE() AS date)` (loans
 * probe): propose puts it in section 01, section 02 reads @AsOfDate after it. With --param
 * @AsOfDate=2024-05-15 and no --clock, run refused (RUN_VALUE_AMBIGUOUS: "reassigns @AsOfDate from
 * what migrate run cannot compute") although that SET never runs for a caller's non-NULL value;
 * only --clock, which the call does not need, let it through. Now the value is computed as the
 * IF leaves it, and the rows are capture's. A NULL --param still needs the clock.
 */
const SCRIPT = `CREATE TABLE dbo.[Loan Installment] ([Loan ID] int NOT NULL, [Installment No] int NOT NULL, [Due Date] date NOT NULL, [Amount Due] money NOT NULL, [Amount Paid] money NULL, PRIMARY KEY ([Loan ID], [Installment No]));
GO
CREATE TABLE dbo.[Past Due] ([Loan ID] int NOT NULL PRIMARY KEY, [Amount] money NOT NULL, [As Of] date NOT NULL);
GO
CREATE PROCEDURE dbo.usp_PastDue
    @AsOfDate date = NULL
AS
BEGIN
    SET NOCOUNT ON;
    IF @AsOfDate IS NULL SET @AsOfDate = CAST(GETDATE() AS date);
    SELECT [Loan ID], SUM([Amount Due] - ISNULL([Amount Paid], 0)) AS Amount
    INTO #Due
    FROM dbo.[Loan Installment]
    WHERE [Due Date] <= @AsOfDate
    GROUP BY [Loan ID];
    DELETE FROM dbo.[Past Due];
    INSERT INTO dbo.[Past Due] ([Loan ID], [Amount], [As Of])
    SELECT [Loan ID], Amount, @AsOfDate FROM #Due WHERE Amount > 0;
    SELECT @AsOfDate AS [As Of], COUNT(*) AS Loans, SUM(Amount) AS Total FROM #Due;
END
GO
`;

describe('migrate run: a parameter defaulted by IF @p IS NULL, given by --param', () => {
  it('runs without --clock where the caller gives a value, as capture computes it', async () => {
    await inTempDir('run-null-default-', async (ws) => {
      await scriptWorkspace(ws, { 'loans.sql': SCRIPT });
      mkdirSync(join(ws, 'data'));
      writeFileSync(join(ws, 'data/dbo.Loan Installment.csv'), 'Loan ID,Installment No,Due Date,Amount Due,Amount Paid\n1,1,2024-03-31,100.00,100.00\n1,2,2024-04-30,100.00,40.00\n2,1,2024-04-30,50.00,\n2,2,2024-05-31,50.00,\n');
      writeFileSync(join(ws, 'data/dbo.Past Due.csv'), 'Loan ID,Amount,As Of\n');
      expect((await runMigrate(['sections', 'propose', 'dbo.usp_PastDue', '--root', ws])).code).toBe(0);
      expect(readFileSync(join(ws, 'sections/dbo.usp_PastDue/01-due.feature'), 'utf8')).toMatch(/@lines:10-/);
      expect((await runMigrate(['scaffold', 'dbo.usp_PastDue', '--draft', '--root', ws])).code).toBe(0);
      const run = (out: string, param: string): Promise<{ code: number; out: string; err: string }> => runMigrate(['run', 'dbo.usp_PastDue', '--data', join(ws, 'data'), '--format', 'csv', '--out', join(ws, out), '--root', ws, '--param', param]);

      const given = await run('out', '@AsOfDate=2024-05-15');
      expect(given.err).toBe('');
      expect(given.code).toBe(0);
      const capture = await runMigrate(['capture', 'dbo.usp_PastDue', '--data', join(ws, 'data'), '--out', join(ws, 'baseline'), '--param', '@AsOfDate=2024-05-15', '--procedures', join(ws, 'procedures'), '--tables', join(ws, 'procedures')]);
      expect(capture.code).toBe(0);
      expect(readFileSync(join(ws, 'out/dbo.Past Due.csv'), 'utf8')).toBe(readFileSync(join(ws, 'baseline/dbo.Past Due.csv'), 'utf8'));
      expect(readFileSync(join(ws, 'out/dbo.Past Due.csv'), 'utf8').trim().split('\n')).toEqual(['Loan ID,Amount,As Of', '1,60.0000,2024-05-15', '2,50.0000,2024-05-15']);

      // NULL: the SET runs and reads the clock, which this run does not have
      const unknown = await run('out-null', '@AsOfDate=NULL');
      expect(unknown.code).toBe(2);
      expect(existsSync(join(ws, 'out-null'))).toBe(false);
    });
  });
});
