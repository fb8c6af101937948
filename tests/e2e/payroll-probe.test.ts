import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMigrate } from '../support/run-migrate';

// Found probing a payroll pay run: the department report INSERTs a GROUP BY ROLLUP into a table
// whose totals are NOT NULL. For a period whose payslips have no gross yet the sums are NULL, so
// SQL Server fails the INSERT with 515 and, outside TRY, goes on. `sections record` wrote the
// Then rows SQL Server leaves (none added) without a word of the failed statement, and the
// drafted transform, which inserts the rows, then failed its test for reasons nobody could see.
// (A period without any payslip is no such case: whether SQL Server gives ROLLUP's grand-total
// row over no rows is not documented, and the emulator refuses it, empty-grand-total.test.ts.)
const TABLES = `CREATE TABLE dbo.Slip (PeriodID int NOT NULL, Dept varchar(4) NOT NULL, Gross money NULL)
GO
CREATE TABLE dbo.DeptTotal (PeriodID int NOT NULL, Dept varchar(4) NOT NULL, Gross money NOT NULL)
GO
`;
const PROCEDURE = `CREATE PROCEDURE dbo.usp_DeptTotals @PeriodID int
AS
BEGIN
    SET NOCOUNT ON;
    INSERT INTO dbo.DeptTotal (PeriodID, Dept, Gross)
    SELECT @PeriodID, ISNULL(Dept, 'ALL'), SUM(Gross) FROM dbo.Slip WHERE PeriodID = @PeriodID GROUP BY ROLLUP (Dept);
END
GO
`;
const FEATURE = `@proc:dbo.usp_DeptTotals @lines:5-6 @output:dbo.DeptTotal @entity:PeriodID
Feature: 01 department totals

  Scenario: a period whose payslips have no gross yet
    Given parameter @PeriodID:int? = 3
    Given table dbo.Slip:
      | Dept:text | Gross:decimal(19,4)? | PeriodID:int |
      | FIN       | 10.0000              | 1            |
      | FIN       | NULL                 | 3            |
    Given table dbo.DeptTotal:
      | PeriodID:int | Dept:text | Gross:decimal(19,4) |
    When the section runs
    Then table dbo.DeptTotal:
      | PeriodID:int | Dept:text | Gross:decimal(19,4) |
`;
const ERROR_515 = "Msg 515, Level 16, State 2, Line 5: Cannot insert the value NULL into column 'Gross', table 'DeptTotal'; column does not allow nulls. INSERT fails.";

describe('sections record of statements that fail and go on', () => {
  it('says which error the legacy statements went on past, when recording and in scenarios made from data', async () => {
    const ws = mkdtempSync(join(tmpdir(), 'payroll-probe-'));
    try {
      mkdirSync(join(ws, 'procedures/tables'), { recursive: true });
      mkdirSync(join(ws, 'sections/dbo.usp_DeptTotals'), { recursive: true });
      mkdirSync(join(ws, 'data'));
      writeFileSync(join(ws, 'procedures/tables/tables.sql'), TABLES);
      writeFileSync(join(ws, 'procedures/usp_DeptTotals.sql'), PROCEDURE);
      const feature = join(ws, 'sections/dbo.usp_DeptTotals/01-dept-total.feature');
      writeFileSync(feature, FEATURE);
      writeFileSync(join(ws, 'sections/dbo.usp_DeptTotals/00-housekeeping.feature'), '@proc:dbo.usp_DeptTotals @lines:4 @ignored\nFeature: Housekeeping of dbo.usp_DeptTotals\n');
      writeFileSync(join(ws, 'data/dbo.Slip.csv'), 'PeriodID,Dept,Gross\n1,FIN,\n');
      writeFileSync(join(ws, 'data/dbo.DeptTotal.csv'), 'PeriodID,Dept,Gross\n');

      const recorded = await runMigrate(['sections', 'record', 'dbo.usp_DeptTotals/01-dept-total', '--root', ws, '--json']);
      expect(recorded.code).toBe(0);
      const json = JSON.parse(recorded.out) as { recorded: { scenario: string; reason?: string }[] };
      expect(json.recorded).toEqual([{ scenario: 'a period whose payslips have no gross yet', line: 4, reason: `the legacy statements went on past an error, as SQL Server does outside TRY (the Then rows are what it leaves): ${ERROR_515}` }]);

      const made = await runMigrate(['sections', 'record', 'dbo.usp_DeptTotals/01-dept-total', '--root', ws, '--from-data', join(ws, 'data'), '--param', '@PeriodID=1', '--entities', '1']);
      expect(made.code).toBe(0);
      const text = readFileSync(feature, 'utf8');
      const made1 = text.slice(text.indexOf('  Scenario: PeriodID 1 from the data'));
      expect(made1.split('\n')[2]).toBe(`    The legacy statements went on past an error, as SQL Server does outside TRY (the Then rows are what it leaves): ${ERROR_515}`);
      // the description line keeps the spec valid
      const check = await runMigrate(['sections', 'check', 'dbo.usp_DeptTotals', '--root', ws]);
      expect(check.out).toMatch(/^ok dbo\.usp_DeptTotals/);
      expect(check.code).toBe(0);
    } finally {
      rmSync(ws, { recursive: true, force: true });
    }
  });
});
