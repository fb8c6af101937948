import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMigrate } from '../support/run-migrate';

// Found probing CDR billing: a subscriber report squares a tinyint discount (`Pct * Pct` is tinyint
// in SQL Server: 20 * 20 fails with 8115). Outside TRY the SELECT fails and the procedure goes on,
// leaving no result set; `sections record` then said "result is neither a table, a result set nor
// variables: the procedure has no variable @SubscriberId", sending the user after variables.
const TABLES = `CREATE TABLE dbo.Subscriber (SubscriberId int NOT NULL PRIMARY KEY, DiscountPct tinyint NOT NULL)
GO
`;
const PROCEDURE = `CREATE PROCEDURE dbo.usp_SubscriberReport
AS
BEGIN
    SET NOCOUNT ON
    SELECT s.SubscriberId, s.DiscountPct * s.DiscountPct AS Sq FROM dbo.Subscriber s ORDER BY s.SubscriberId
END
GO
`;
const FEATURE = `@proc:dbo.usp_SubscriberReport @lines:5 @output:result
Feature: 01 subscriber report

  Scenario: a discount whose square is past tinyint
    Given table dbo.Subscriber:
      | SubscriberId:int | DiscountPct:int |
      | 3                | 20              |
    When the section runs
    Then table result ordered by SubscriberId:
      | SubscriberId:int? | Sq:int? |
`;

describe('sections record of a result set whose SELECT fails', () => {
  it('names the error SQL Server raised, with the operands\' type, instead of missing variables', async () => {
    const ws = mkdtempSync(join(tmpdir(), 'telecom-probe-'));
    try {
      mkdirSync(join(ws, 'procedures/tables'), { recursive: true });
      mkdirSync(join(ws, 'sections/dbo.usp_SubscriberReport'), { recursive: true });
      writeFileSync(join(ws, 'procedures/tables/tables.sql'), TABLES);
      writeFileSync(join(ws, 'procedures/usp_SubscriberReport.sql'), PROCEDURE);
      writeFileSync(join(ws, 'sections/dbo.usp_SubscriberReport/01-report.feature'), FEATURE);
      writeFileSync(join(ws, 'sections/dbo.usp_SubscriberReport/00-housekeeping.feature'), '@proc:dbo.usp_SubscriberReport @lines:4 @ignored\nFeature: Housekeeping of dbo.usp_SubscriberReport\n');

      const recorded = await runMigrate(['sections', 'record', 'dbo.usp_SubscriberReport/01-report', '--root', ws]);
      const said = recorded.out + recorded.err;
      expect(said).toContain("the section's statements produced no result: the legacy statements went on past an error");
      expect(said).toContain('Arithmetic overflow error converting expression to data type tinyint.');
      expect(said).not.toMatch(/no variable @SubscriberId/);
    } finally {
      rmSync(ws, { recursive: true, force: true });
    }
  });
});
