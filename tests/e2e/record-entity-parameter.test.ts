import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMigrate } from '../support/run-migrate';
import { scriptWorkspace } from '../support/script-workspace';

// Sections whose rows a procedure parameter filters. A statement run totals the lines of the one
// statement its caller passes (`s.[Statement Id] = @StatementId`): record --from-data gives each
// statement's scenario its own @StatementId, and a --param that fixes it records only the
// statement it keeps, naming the others as left out. A billing run keeps the invoices of one day
// (`= @RunDate`) or a period (`BETWEEN @FromDate AND @ToDate`), given once for every customer:
// a customer without invoices then records empty Then tables; the section keeps one such scenario,
// named `nothing matches`, writes no other, and says which filter emptied them and what to pass.
const STATEMENTS = `CREATE TABLE dbo.[Statement Line] ([Statement Id] int NOT NULL, [Line No] int NOT NULL, [Line Amount] decimal(12,2) NOT NULL, PRIMARY KEY ([Statement Id], [Line No]))
GO
CREATE TABLE dbo.[Statement Total] ([Statement Id] int NOT NULL PRIMARY KEY, [Total Amount] decimal(14,2) NOT NULL, [Line Count] int NOT NULL)
GO
CREATE PROCEDURE dbo.usp_TotalStatement
    @StatementId int
AS
BEGIN
    SET NOCOUNT ON
    INSERT INTO dbo.[Statement Total] ([Statement Id], [Total Amount], [Line Count])
    SELECT s.[Statement Id], SUM(s.[Line Amount]), COUNT(*)
      FROM dbo.[Statement Line] s
     WHERE s.[Statement Id] = @StatementId
     GROUP BY s.[Statement Id]
END
GO
`;

const BILLING = `CREATE TABLE dbo.[Customer Invoice] ([Invoice No] int NOT NULL PRIMARY KEY, [Customer Id] int NOT NULL, [Invoice Date] date NOT NULL, [Net Amount] decimal(12,2) NOT NULL)
GO
CREATE TABLE dbo.[Daily Billing] ([Customer Id] int NOT NULL, [Billing Date] date NOT NULL, [Invoiced Amount] decimal(14,2) NOT NULL, PRIMARY KEY ([Customer Id], [Billing Date]))
GO
CREATE TABLE dbo.[Period Billing] ([Customer Id] int NOT NULL PRIMARY KEY, [Invoice Count] int NOT NULL, [Invoiced Amount] decimal(14,2) NOT NULL)
GO
CREATE PROCEDURE dbo.usp_DailyBilling
    @RunDate date
AS
BEGIN
    SET NOCOUNT ON
    INSERT INTO dbo.[Daily Billing] ([Customer Id], [Billing Date], [Invoiced Amount])
    SELECT i.[Customer Id], i.[Invoice Date], SUM(i.[Net Amount])
      FROM dbo.[Customer Invoice] AS i
     WHERE i.[Invoice Date] = @RunDate
     GROUP BY i.[Customer Id], i.[Invoice Date]
END
GO
CREATE PROCEDURE dbo.usp_PeriodBilling
    @FromDate date,
    @ToDate date
AS
BEGIN
    SET NOCOUNT ON
    INSERT INTO dbo.[Period Billing] ([Customer Id], [Invoice Count], [Invoiced Amount])
    SELECT i.[Customer Id], COUNT(*), SUM(i.[Net Amount])
      FROM dbo.[Customer Invoice] AS i
     WHERE i.[Invoice Date] BETWEEN @FromDate AND @ToDate
     GROUP BY i.[Customer Id]
END
GO
CREATE TABLE dbo.[Month Billing] ([Customer Id] int NOT NULL PRIMARY KEY, [Invoiced Amount] decimal(14,2) NOT NULL)
GO
CREATE PROCEDURE dbo.usp_MonthBilling
    @MonthEnd date
AS
BEGIN
    SET NOCOUNT ON
    SET @MonthEnd = EOMONTH(@MonthEnd)
    INSERT INTO dbo.[Month Billing] ([Customer Id], [Invoiced Amount])
    SELECT i.[Customer Id], SUM(i.[Net Amount])
      FROM dbo.[Customer Invoice] AS i
     WHERE i.[Invoice Date] <= @MonthEnd AND i.[Net Amount] > 50
     GROUP BY i.[Customer Id]
END
GO
CREATE TABLE dbo.[Large Billing] ([Customer Id] int NOT NULL PRIMARY KEY, [Invoiced Amount] decimal(14,2) NOT NULL)
GO
CREATE PROCEDURE dbo.usp_LargeBilling
    @RunDate date
AS
BEGIN
    SET NOCOUNT ON
    INSERT INTO dbo.[Large Billing] ([Customer Id], [Invoiced Amount])
    SELECT i.[Customer Id], SUM(i.[Net Amount])
      FROM dbo.[Customer Invoice] AS i
     WHERE i.[Invoice Date] <= @RunDate AND i.[Net Amount] > 50
     GROUP BY i.[Customer Id]
END
GO
`;

interface FromDataJson {
  scenarios: { name: string }[];
  leftOut: { parameter: string; value: string; filter: string; entities: string[]; count: number }[];
  emptyThen: { name: string; entity: string; written: boolean; filters: { condition: string; values: string[]; given: string[]; keepsNone: boolean }[]; hint: string }[];
}

describe('migrate sections record --from-data of a section a procedure parameter filters', () => {
  let ws: string;
  const features: Record<string, string> = {};
  const feature = (proc: string, slug: string): string => join(ws, 'sections', proc, `${slug}.feature`);
  beforeAll(async () => {
    ws = mkdtempSync(join(tmpdir(), 'record-entity-parameter-'));
    await scriptWorkspace(ws, { 'statements.sql': STATEMENTS, 'billing.sql': BILLING });
    mkdirSync(join(ws, 'data'));
    writeFileSync(join(ws, 'data', 'dbo.Statement Line.csv'), 'Statement Id,Line No,Line Amount\n101,1,10.00\n101,2,5.50\n102,1,7.25\n103,1,1.00\n103,2,2.00\n103,3,3.00\n');
    writeFileSync(join(ws, 'data', 'dbo.Statement Total.csv'), 'Statement Id,Total Amount,Line Count\n');
    writeFileSync(join(ws, 'data', 'dbo.Customer Invoice.csv'), 'Invoice No,Customer Id,Invoice Date,Net Amount\n1,501,2026-11-30,100.00\n2,501,2026-11-30,20.00\n3,502,2026-11-29,40.00\n4,503,2026-11-28,12.50\n5,503,2026-11-27,7.50\n6,504,2026-11-02,1.00\n');
    writeFileSync(join(ws, 'data', 'dbo.Daily Billing.csv'), 'Customer Id,Billing Date,Invoiced Amount\n');
    writeFileSync(join(ws, 'data', 'dbo.Period Billing.csv'), 'Customer Id,Invoice Count,Invoiced Amount\n');
    writeFileSync(join(ws, 'data', 'dbo.Month Billing.csv'), 'Customer Id,Invoiced Amount\n');
    writeFileSync(join(ws, 'data', 'dbo.Large Billing.csv'), 'Customer Id,Invoiced Amount\n');
    for (const [proc, slug] of [['dbo.usp_TotalStatement', '01-statement-total'], ['dbo.usp_DailyBilling', '01-daily-billing'], ['dbo.usp_PeriodBilling', '01-period-billing'], ['dbo.usp_MonthBilling', '01-month-billing'], ['dbo.usp_LargeBilling', '01-large-billing']] as const) {
      expect((await runMigrate(['sections', 'propose', proc, '--root', ws])).code).toBe(0);
      features[proc] = readFileSync(feature(proc, slug), 'utf8');
      expect(features[proc]).toMatch(/@entity:\[(Statement|Customer)%20Id\]\n/);
    }
  }, 120_000);
  afterAll(() => rmSync(ws, { recursive: true, force: true }));

  const record = (section: string, ...flags: string[]): ReturnType<typeof runMigrate> => runMigrate(['sections', 'record', section, '--root', ws, '--from-data', join(ws, 'data'), ...flags]);

  it('gives each entity\'s scenario the parameter compared to the entity column at its own value', async () => {
    const run = await record('dbo.usp_TotalStatement/01-statement-total', '--json');
    expect(run.code).toBe(0);
    const out = JSON.parse(run.out) as FromDataJson;
    expect(out.scenarios.map((s) => s.name)).toEqual(['Statement Id 103 from the data (largest)', 'Statement Id 101 from the data (more data)', 'Statement Id 102 from the data (more data)']);
    expect(out.leftOut).toEqual([]);
    expect(out.emptyThen).toEqual([]);
    const text = readFileSync(feature('dbo.usp_TotalStatement', '01-statement-total'), 'utf8');
    const scenario = text.slice(text.indexOf('Scenario: Statement Id 101 from the data'), text.indexOf('Scenario: Statement Id 102'));
    expect(scenario).toContain('    Given parameter @StatementId:int? = 101\n');
    expect(scenario).toMatch(/\| 101 +\| 15\.50 +\| 2 +\|/);
    expect(text).toContain('    Given parameter @StatementId:int? = 102\n');
  });

  it('with the parameter fixed by --param records only the entity it keeps and names the ones left out', async () => {
    const file = feature('dbo.usp_TotalStatement', '01-statement-total');
    writeFileSync(file, features['dbo.usp_TotalStatement'] ?? '');
    const run = await record('dbo.usp_TotalStatement/01-statement-total', '--param', 'StatementId=101', '--json');
    expect(run.code).toBe(0);
    const out = JSON.parse(run.out) as FromDataJson;
    expect(out.scenarios.map((s) => s.name)).toEqual(['Statement Id 101 from the data (more data)']);
    expect(out.leftOut).toEqual([{ parameter: '@StatementId', value: '101', filter: '`s.[Statement Id] = @StatementId` at procedures/statements.sql:13:12', entities: ['Statement Id 103', 'Statement Id 102'], count: 2 }]);
    expect(run.err).toContain('left out 2 entities of dbo.usp_TotalStatement/01-statement-total (Statement Id 103, Statement Id 102): --param @StatementId=101 keeps none of their rows');
    expect(readFileSync(file, 'utf8')).not.toContain('Scenario: Statement Id 103');
    // a value no entity of the data holds: refused, nothing written
    writeFileSync(file, features['dbo.usp_TotalStatement'] ?? '');
    const none = await record('dbo.usp_TotalStatement/01-statement-total', '--param', 'StatementId=999');
    expect(none.code).toBe(2);
    expect(none.err).toContain('--param @StatementId=999 keeps no [Statement Id] of the data (`s.[Statement Id] = @StatementId` at procedures/statements.sql:13:12)');
    expect(readFileSync(file, 'utf8')).toBe(features['dbo.usp_TotalStatement']);
  });

  it('writes one "nothing matches" scenario where a date given once keeps none of a customer\'s rows, and no other', async () => {
    const run = await record('dbo.usp_DailyBilling/01-daily-billing', '--param', 'RunDate=2026-11-30', '--json');
    expect(run.code).toBe(0);
    const out = JSON.parse(run.out) as FromDataJson;
    expect(out.scenarios.map((s) => s.name)).toEqual(['Customer Id 501 from the data (ties, largest)', 'Customer Id 503 from the data, nothing matches (more data)']);
    expect(out.emptyThen.map((e) => [e.name, e.written])).toEqual([
      ['Customer Id 503 from the data, nothing matches (more data)', true],
      ['Customer Id 502 from the data (more data)', false],
      ['Customer Id 504 from the data (more data)', false],
    ]);
    const at = '`i.[Invoice Date] = @RunDate` at procedures/billing.sql:15:12';
    expect(out.emptyThen[1]?.filters).toEqual([{ condition: at, parameters: ['@RunDate'], values: ['@RunDate = 2026-11-30'], given: ['2026-11-29'], keepsNone: true }]);
    expect(out.emptyThen[1]?.hint).toBe(`${at} keeps none of its rows at @RunDate = 2026-11-30, and the Given holds 2026-11-29: pass --param @RunDate=2026-11-29`);
    const text = readFileSync(feature('dbo.usp_DailyBilling', '01-daily-billing'), 'utf8');
    expect(text.split(', nothing matches').length).toBe(2);
    expect(text).not.toContain('Scenario: Customer Id 502');
    // again, in text: the two scenarios stand, the empty ones are named on stderr, nothing written
    const again = await record('dbo.usp_DailyBilling/01-daily-billing', '--param', 'RunDate=2026-11-30');
    expect(again.code).toBe(0);
    expect(again.err).toContain('did not write dbo.usp_DailyBilling/01-daily-billing › Customer Id 502 from the data (more data): its Then tables are all empty while its Given holds rows');
    expect(again.out).toContain('unchanged');
  });

  it('names a BETWEEN of two parameters that keeps none of the rows', async () => {
    const run = await record('dbo.usp_PeriodBilling/01-period-billing', '--param', 'FromDate=2026-11-29', '--param', 'ToDate=2026-11-30', '--json');
    expect(run.code).toBe(0);
    const out = JSON.parse(run.out) as FromDataJson;
    expect(out.scenarios.map((s) => s.name)).toEqual(['Customer Id 501 from the data (ties, largest)', 'Customer Id 503 from the data, nothing matches (more data)', 'Customer Id 502 from the data (more data)']);
    const empty = out.emptyThen.find((e) => e.entity === '504');
    expect(empty?.written).toBe(false);
    expect(empty?.filters).toEqual([{ condition: '`i.[Invoice Date] BETWEEN @FromDate AND @ToDate` at procedures/billing.sql:28:12', parameters: ['@FromDate', '@ToDate'], values: ['@FromDate = 2026-11-29', '@ToDate = 2026-11-30'], given: ['2026-11-02'], keepsNone: true }]);
    expect(empty?.hint).toContain('pass --param values of @FromDate and @ToDate that take in some of them');
  });

  it('does not ask for other --param values where the parameter filter keeps the Given\'s rows', async () => {
    // 2026-11-30 keeps customer 502's invoice of 2026-11-29: `[Net Amount] > 50` empties it (an
    // empty class in a term whose @TermID every class row holds was told to pass another @TermID)
    const run = await record('dbo.usp_LargeBilling/01-large-billing', '--param', 'RunDate=2026-11-30', '--json');
    expect(run.code).toBe(0);
    const out = JSON.parse(run.out) as FromDataJson;
    const empty = out.emptyThen.find((e) => e.entity === '502');
    const at = '`i.[Invoice Date] <= @RunDate` at procedures/billing.sql:57:12';
    expect(empty?.filters).toEqual([{ condition: at, parameters: ['@RunDate'], values: ['@RunDate = 2026-11-30'], given: ['2026-11-29'], keepsNone: false }]);
    expect(empty?.hint).toBe(`the section's filters on procedure parameters keep rows of the Given (${at} at @RunDate = 2026-11-30; the Given holds 2026-11-29): other conditions of the section keep none of this entity's rows (a filter on constants, a join the data does not meet, a table it reads holding no row of it); if rows were meant to come out, check the data`);
  });

  it('does not blame a filter on a parameter the procedure reassigns before comparing it', async () => {
    // EOMONTH makes 2026-11-01 into 2026-11-30, which keeps every invoice date: customer 502's
    // rows fall to `[Net Amount] > 50`, not to the date the caller passed
    const run = await record('dbo.usp_MonthBilling/01-month-billing', '--param', 'MonthEnd=2026-11-01', '--json');
    expect(run.code).toBe(0);
    const out = JSON.parse(run.out) as FromDataJson;
    const empty = out.emptyThen.find((e) => e.entity === '502');
    const at = '`i.[Invoice Date] <= @MonthEnd` at procedures/billing.sql:43:12';
    expect(empty?.filters).toEqual([{ condition: at, parameters: ['@MonthEnd'], values: ['@MonthEnd = 2026-11-01 as passed, which line 39 reassigns before the comparison'], given: ['2026-11-29'], keepsNone: false }]);
    expect(empty?.hint).toBe(`the section filters its rows by ${at} (@MonthEnd = 2026-11-01 as passed, which line 39 reassigns before the comparison; the Given holds 2026-11-29): the value compared is the procedure's own, so whether these filters or other conditions of the section kept none of its rows is not told here: check the --param values and the data`);
  });
});
