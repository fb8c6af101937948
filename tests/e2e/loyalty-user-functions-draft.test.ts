import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMigrate } from '../support/run-migrate';

/*
 * A loyalty programme's monthly statement, written as SSDT projects hold it (Tables/, Functions/,
 * User Defined Types/, Stored Procedures/): the subscription fee prorated by days through an
 * inline table-valued function over a legacy table with spaces in its names, the tier named per
 * row by a scalar function, and the statement rows handed on in a variable of a table type. The
 * draft refused all three ("rows of a table-valued function are not translated", "no exact
 * DuckDB translation for this function", "@Assignments: its rows before the statement are
 * unknown"), so every section was written by hand. Leap-year February, joins and cancellations
 * mid-month, customers without points.
 */

const repo = join(__dirname, '../..');
const proc = 'dbo.usp_BuildLoyaltyStatement';

const FILES: Record<string, string> = {
  'Tables/dbo.Customer.sql': `CREATE TABLE [dbo].[Customer] ([CustomerId] INT NOT NULL PRIMARY KEY, [JoinDate] DATE NOT NULL, [CancelDate] DATE NULL);
GO`,
  'Tables/dbo.Legacy Subscription.sql': `CREATE TABLE [dbo].[Legacy Subscription] ([Subscription Id] INT NOT NULL PRIMARY KEY, [Customer Id] INT NOT NULL,
  [Plan Code] VARCHAR (10) NOT NULL, [Monthly Fee] DECIMAL (12, 2) NOT NULL, [Start Date] DATE NOT NULL, [End Date] DATE NULL);
GO`,
  'Tables/dbo.PointsLedger.sql': `CREATE TABLE [dbo].[PointsLedger] ([LedgerId] INT NOT NULL PRIMARY KEY, [CustomerId] INT NOT NULL, [EntryMonth] DATE NOT NULL, [Points] INT NOT NULL);
GO`,
  'Tables/dbo.Statement.sql': `CREATE TABLE [dbo].[Statement] ([CustomerId] INT NOT NULL, [StatementMonth] DATE NOT NULL, [DaysBilled] INT NOT NULL,
  [ProratedFee] DECIMAL (12, 2) NOT NULL, [Balance] INT NOT NULL, [Tier] VARCHAR (10) NULL, [Plans] VARCHAR (200) NULL);
GO
CREATE TABLE [dbo].[TierRun] ([CustomerId] INT NOT NULL, [Tier] VARCHAR (10) NULL);
GO`,
  'User Defined Types/dbo.TierAssignment.sql': `CREATE TYPE [dbo].[TierAssignment] AS TABLE ([CustomerId] INT NOT NULL PRIMARY KEY, [Tier] VARCHAR (10) NULL);
GO`,
  'Functions/dbo.fn_TierFor.sql': `CREATE FUNCTION [dbo].[fn_TierFor] (@points INT)
RETURNS VARCHAR (10)
AS
BEGIN
    DECLARE @tier VARCHAR (10);
    SET @tier = CASE WHEN @points IS NULL THEN NULL WHEN @points >= 2000 THEN 'GOLD' WHEN @points >= 500 THEN 'SILVER' ELSE 'BRONZE' END;
    RETURN @tier;
END
GO`,
  'Functions/dbo.fn_ActiveSubscriptions.sql': `CREATE FUNCTION [dbo].[fn_ActiveSubscriptions] (@MonthStart DATE)
RETURNS TABLE
AS
RETURN
(
    SELECT s.[Customer Id], s.[Plan Code], s.[Monthly Fee],
           IIF(s.[Start Date] > @MonthStart, s.[Start Date], @MonthStart) AS BillFrom,
           IIF(s.[End Date] IS NULL OR s.[End Date] > EOMONTH(@MonthStart), EOMONTH(@MonthStart), s.[End Date]) AS BillTo
    FROM dbo.[Legacy Subscription] AS s
    WHERE s.[Start Date] <= EOMONTH(@MonthStart) AND (s.[End Date] IS NULL OR s.[End Date] >= @MonthStart)
);
GO`,
  [`Stored Procedures/${proc}.sql`]: `CREATE PROCEDURE [dbo].[usp_BuildLoyaltyStatement]
    @MonthStart DATE
AS
BEGIN
    SET NOCOUNT ON;
    DECLARE @MonthEnd DATE = EOMONTH(@MonthStart);
    DECLARE @DaysInMonth INT = DAY(EOMONTH(@MonthStart));
    DECLARE @Assignments dbo.TierAssignment;

    SELECT a.[Customer Id] AS CustomerId,
           MAX(DATEDIFF(DAY, a.BillFrom, a.BillTo) + 1) AS DaysBilled,
           SUM(ROUND(a.[Monthly Fee] * (DATEDIFF(DAY, a.BillFrom, a.BillTo) + 1) / @DaysInMonth, 2)) AS ProratedFee,
           STRING_AGG(a.[Plan Code], ',') WITHIN GROUP (ORDER BY a.[Plan Code]) AS Plans
    INTO #Fee
    FROM dbo.fn_ActiveSubscriptions(@MonthStart) AS a
    GROUP BY a.[Customer Id];

    INSERT INTO dbo.Statement (CustomerId, StatementMonth, DaysBilled, ProratedFee, Balance, Tier, Plans)
    SELECT c.CustomerId, @MonthStart, ISNULL(f.DaysBilled, 0), ISNULL(f.ProratedFee, 0), ISNULL(p.Balance, 0),
           dbo.fn_TierFor(p.Balance), f.Plans
    FROM dbo.Customer AS c
    LEFT JOIN #Fee AS f ON f.CustomerId = c.CustomerId
    LEFT JOIN (SELECT l.CustomerId, SUM(l.Points) AS Balance FROM dbo.PointsLedger AS l
               WHERE l.EntryMonth <= @MonthStart GROUP BY l.CustomerId) AS p ON p.CustomerId = c.CustomerId
    WHERE c.JoinDate <= @MonthEnd AND (c.CancelDate IS NULL OR c.CancelDate >= @MonthStart);

    INSERT INTO @Assignments (CustomerId, Tier)
    SELECT s.CustomerId, s.Tier FROM dbo.Statement AS s WHERE s.StatementMonth = @MonthStart;

    INSERT INTO dbo.TierRun (CustomerId, Tier)
    SELECT a.CustomerId, a.Tier FROM @Assignments AS a;
END
GO`,
};

const DATA: Record<string, string> = {
  'dbo.Customer.csv': 'CustomerId,JoinDate,CancelDate\n1,2017-03-01,\n2,2020-02-05,\n3,2020-02-29,\n4,2018-06-03,2020-02-14\n5,2018-11-21,2020-01-20\n6,2019-01-01,\n',
  'dbo.Legacy Subscription.csv': 'Subscription Id,Customer Id,Plan Code,Monthly Fee,Start Date,End Date\n1,1,BASIC,29.00,2019-04-14,\n2,1,PLUSX,4.33,2020-02-05,\n3,2,FAMILY,19.95,2020-02-05,\n4,3,BASIC,9.99,2020-02-29,\n5,4,FAMILY,14.50,2019-06-03,2020-02-14\n6,5,FAMILY,9.99,2019-11-21,2020-01-20\n7,6,DATA5,19.95,2020-03-01,\n',
  'dbo.PointsLedger.csv': 'LedgerId,CustomerId,EntryMonth,Points\n1,1,2019-01-01,1500\n2,1,2020-02-01,722\n3,2,2020-02-01,120\n4,4,2019-05-01,600\n5,6,2020-03-01,900\n',
  'dbo.Statement.csv': 'CustomerId,StatementMonth,DaysBilled,ProratedFee,Balance,Tier,Plans\n',
  'dbo.TierRun.csv': 'CustomerId,Tier\n',
};

describe('inline and scalar user functions and a table-type variable: propose -> record -> scaffold --draft -> test -> capture -> run -> accept', () => {
  const ws = mkdtempSync(join(tmpdir(), 'migrate-loyalty-'));
  afterAll(() => rmSync(ws, { recursive: true, force: true }));

  it('drafts every section green and accepts the run at 100%', async () => {
    expect((await runMigrate(['init', ws, '--library', join(repo, 'src')])).code).toBe(0);
    for (const [file, text] of Object.entries(FILES)) {
      mkdirSync(join(ws, 'procedures/Loyalty', file, '..'), { recursive: true });
      writeFileSync(join(ws, 'procedures/Loyalty', file), text);
    }
    const data = join(ws, 'acceptance/feb2020');
    mkdirSync(data, { recursive: true });
    for (const [file, text] of Object.entries(DATA)) writeFileSync(join(data, file), text);
    const propose = await runMigrate(['sections', 'propose', proc, '--root', ws]);
    expect({ code: propose.code, err: propose.err }).toEqual({ code: 0, err: '' });
    const param = ['--param', '@MonthStart=2020-02-01'];
    const sections = propose.out.split('\n').map((l) => /sections\/(dbo\.usp_BuildLoyaltyStatement\/0[1-9][^.]*)\.feature/.exec(l)?.[1]).filter((s): s is string => s !== undefined);
    expect(sections.length).toBeGreaterThan(0);
    for (const section of sections) {
      const feature = join(ws, 'sections', `${section}.feature`);
      const text = readFileSync(feature, 'utf8');
      // the proposal leaves a TODO scenario; the real scenarios come from the data, one per customer
      writeFileSync(feature, text.replace(/\n/, ' @entity:CustomerId\n'));
      const rec = await runMigrate(['sections', 'record', section, '--from-data', data, ...param, '--root', ws]);
      expect({ section, code: rec.code, err: rec.err }).toEqual({ section, code: 0, err: '' });
      const scaffold = await runMigrate(['scaffold', section, '--draft', '--root', ws]);
      expect(scaffold.code).toBe(0);
      expect(readFileSync(join(ws, 'src/transforms', `${section}.ts`), 'utf8')).not.toContain('notImplemented(');
    }
    const test = await runMigrate(['test', proc, '--json', '--root', ws]);
    const summary = JSON.parse(test.out) as { passed: boolean; sections: { id: string; failed: number }[] };
    expect(summary.sections.filter((s) => s.failed > 0)).toEqual([]);
    expect(summary.passed).toBe(true);

    const capture = await runMigrate(['capture', proc, '--data', data, '--procedures', join(ws, 'procedures'), ...param, '--out', join(ws, 'acceptance/base')]);
    expect({ code: capture.code, err: capture.err }).toEqual({ code: 0, err: '' });
    const statements = readFileSync(join(ws, 'acceptance/base/dbo.Statement.csv'), 'utf8');
    // 29.00 whole month; 4.33 x 25/29 = 3.73 (joined the 5th); 9.99 x 1/29 = 0.34 (joined the leap day); 14.50 x 14/29 = 7.00 (cancelled the 14th)
    expect(statements).toContain('1,2020-02-01,29,32.73,2222,GOLD,"BASIC,PLUSX"');
    expect(statements).toContain('2,2020-02-01,25,17.20,120,BRONZE,FAMILY');
    expect(statements).toContain('3,2020-02-01,1,0.34,0,,BASIC');
    expect(statements).toContain('4,2020-02-01,14,7.00,600,SILVER,FAMILY');
    expect(statements).toContain('6,2020-02-01,0,0.00,0,,');
    const run = await runMigrate(['run', proc, '--data', data, ...param, '--format', 'csv', '--out', join(ws, 'acceptance/actual'), '--root', ws]);
    expect({ code: run.code, err: run.err }).toEqual({ code: 0, err: '' });
    for (const table of ['dbo.Statement', 'dbo.TierRun']) {
      const accept = await runMigrate(['accept', '--expected', join(ws, `acceptance/base/${table}.csv`), '--actual', join(ws, `acceptance/actual/${table}.csv`), '--key', 'CustomerId']);
      expect(accept.out).toContain('Test Passed. 5 records tested. Percentage Matched: 100%');
    }
  });
});
