import { EngineSession } from '../../../src/engine';
import { draftOf, runDraft, type HarnessTable } from './draft-harness';

// A monthly billing run prorates each subscription through an inline table-valued function:
// `FROM dbo.fn_ActiveSubscriptions(@MonthStart) AS a`. SQL Server expands an inline function
// into the calling query with its parameters bound to the call's arguments
// (learn.microsoft.com/sql/relational-databases/user-defined-functions/create-user-defined-functions-database-engine).
// The draft refused every such call ("rows of a table-valued function are not translated").
const DDL = `CREATE TABLE [dbo].[Legacy Subscription] ([Subscription Id] INT NOT NULL PRIMARY KEY, [Customer Id] INT NOT NULL, [Plan Code] VARCHAR(10) NOT NULL,
  [Monthly Fee] DECIMAL(12,2) NOT NULL, [Start Date] DATE NOT NULL, [End Date] DATE NULL);
GO
CREATE TABLE dbo.[Fee Line] ([Customer Id] INT NOT NULL, [Plan Code] VARCHAR(10) NOT NULL, [Days Billed] INT NOT NULL, [Fee] DECIMAL(12,2) NOT NULL);
GO
CREATE FUNCTION [dbo].[fn_ActiveSubscriptions] (@MonthStart DATE)
RETURNS TABLE
AS
RETURN
(
    SELECT s.[Customer Id], s.[Plan Code], s.[Monthly Fee],
           IIF(s.[Start Date] > @MonthStart, s.[Start Date], @MonthStart) AS BillFrom,
           IIF(s.[End Date] IS NULL OR s.[End Date] > EOMONTH(@MonthStart), EOMONTH(@MonthStart), s.[End Date]) AS BillTo
    FROM dbo.[Legacy Subscription] AS s
    WHERE s.[Start Date] <= EOMONTH(@MonthStart)
      AND (s.[End Date] IS NULL OR s.[End Date] >= @MonthStart)
);
GO
CREATE FUNCTION dbo.fn_FirstPlans (@Customer INT)
RETURNS TABLE
AS
RETURN (SELECT TOP (1) s.[Plan Code] FROM dbo.[Legacy Subscription] AS s WHERE s.[Customer Id] = @Customer ORDER BY s.[Start Date]);
`;
const SUBSCRIPTIONS: HarnessTable = {
  name: 'dbo.Legacy Subscription', columns: ['Subscription Id:int', 'Customer Id:int', 'Plan Code:text', 'Monthly Fee:decimal(12,2)', 'Start Date:date', 'End Date:date?'],
  rows: [
    [1, 1, 'BASIC', '29.00', '2019-04-14', null], // the whole leap February: 29 days
    [2, 1, 'PLUSX', '4.33', '2020-02-05', null], // joined on the 5th: 25 days
    [3, 3, 'BASIC', '9.99', '2020-02-29', null], // joined on the leap day: 1 day
    [4, 4, 'FAMILY', '14.50', '2019-06-03', '2020-02-14'], // cancelled mid-month: 14 days
    [5, 5, 'FAMILY', '9.99', '2019-11-21', '2020-01-20'], // cancelled before the month: no line
    [6, 6, 'DATA5', '19.95', '2020-03-01', null], // starts after it: no line
  ],
};
const OUT: HarnessTable = { name: 'dbo.Fee Line', columns: ['Customer Id:int', 'Plan Code:text', 'Days Billed:int', 'Fee:decimal(12,2)'] };

let session: EngineSession;
beforeAll(async () => { session = await EngineSession.open({ threads: 1 }); });
afterAll(() => session.close());

describe('an inline table-valued function in FROM', () => {
  it('is expanded with its parameter bound to the argument: leap-year February prorated by days', async () => {
    const body = draftOf(`CREATE PROCEDURE dbo.usp_T @MonthStart DATE AS
BEGIN
  DECLARE @DaysInMonth INT = DAY(EOMONTH(@MonthStart));
  INSERT INTO dbo.[Fee Line] ([Customer Id], [Plan Code], [Days Billed], Fee)
  SELECT a.[Customer Id], a.[Plan Code], DATEDIFF(DAY, a.BillFrom, a.BillTo) + 1,
         ROUND(a.[Monthly Fee] * (DATEDIFF(DAY, a.BillFrom, a.BillTo) + 1) / @DaysInMonth, 2)
  FROM dbo.fn_ActiveSubscriptions(@MonthStart) AS a;
END`, { ddl: DDL, inputs: [SUBSCRIPTIONS, OUT], output: OUT, params: { '@MonthStart': 'date?' } });
    expect(body.refusals).toEqual([]);
    // 29.00 * 29 / 29; 4.33 * 25 / 29 = 3.7327…; 9.99 / 29 = 0.3444…; 14.50 * 14 / 29 = 7.0
    expect(await runDraft(session, body, [SUBSCRIPTIONS, OUT], { '@MonthStart': "DATE '2020-02-01'" }))
      .toEqual(['1|BASIC|29|29', '1|PLUSX|25|3.73', '3|BASIC|1|0.34', '4|FAMILY|14|7']);
  });

  it('sees the argument, not a procedure variable of the same name as its parameter', async () => {
    const body = draftOf(`CREATE PROCEDURE dbo.usp_T @MonthStart DATE AS
BEGIN
  DECLARE @PreviousMonth DATE = DATEADD(MONTH, -1, @MonthStart);
  INSERT INTO dbo.[Fee Line] ([Customer Id], [Plan Code], [Days Billed], Fee)
  SELECT a.[Customer Id], a.[Plan Code], DATEDIFF(DAY, a.BillFrom, a.BillTo) + 1, a.[Monthly Fee]
  FROM dbo.fn_ActiveSubscriptions(@PreviousMonth) AS a;
END`, { ddl: DDL, inputs: [SUBSCRIPTIONS, OUT], output: OUT, params: { '@MonthStart': 'date?' } });
    expect(body.refusals).toEqual([]);
    // January 2020: 31 days for the open ones, 20 for the one cancelled on the 20th
    expect(await runDraft(session, body, [SUBSCRIPTIONS, OUT], { '@MonthStart': "DATE '2020-02-01'" }))
      .toEqual(['1|BASIC|31|29', '4|FAMILY|31|14.5', '5|FAMILY|20|9.99']);
  });

  it('converts the argument to the parameter type as the call does (a date-time text read as a date)', async () => {
    const body = draftOf(`CREATE PROCEDURE dbo.usp_T AS
BEGIN
  INSERT INTO dbo.[Fee Line] ([Customer Id], [Plan Code], [Days Billed], Fee)
  SELECT a.[Customer Id], a.[Plan Code], DATEDIFF(DAY, a.BillFrom, a.BillTo) + 1, a.[Monthly Fee]
  FROM dbo.fn_ActiveSubscriptions('20200201') AS a WHERE a.[Customer Id] = 4;
END`, { ddl: DDL, inputs: [SUBSCRIPTIONS, OUT], output: OUT });
    expect(body.refusals).toEqual([]);
    expect(await runDraft(session, body, [SUBSCRIPTIONS, OUT])).toEqual(['4|FAMILY|14|14.5']);
  });

  it('names the function\'s own file and line where its query cannot be translated', () => {
    const body = draftOf(`CREATE PROCEDURE dbo.usp_T AS
BEGIN
  INSERT INTO dbo.[Fee Line] ([Customer Id], [Plan Code], [Days Billed], Fee)
  SELECT 1, f.[Plan Code], 0, 0 FROM dbo.fn_FirstPlans(1) AS f;
END`, { ddl: DDL, inputs: [SUBSCRIPTIONS, OUT], output: OUT });
    expect(body.refusals.map((r) => `${r.file}:${r.line} ${r.construct}`)).toEqual(['ddl.sql:22 TOP']);
  });

  it('refuses a call that leaves a parameter to its DEFAULT', () => {
    const body = draftOf(`CREATE PROCEDURE dbo.usp_T AS
BEGIN
  INSERT INTO dbo.[Fee Line] ([Customer Id], [Plan Code], [Days Billed], Fee)
  SELECT a.[Customer Id], a.[Plan Code], 0, 0 FROM dbo.fn_ActiveSubscriptions(DEFAULT) AS a;
END`, { ddl: DDL, inputs: [SUBSCRIPTIONS, OUT], output: OUT });
    expect(body.refusals.map((r) => `${r.file}:${r.line}:${r.col} ${r.construct}`)).toEqual(['proc.sql:4:52 FROM dbo.fn_ActiveSubscriptions(…)']);
  });
});
