import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseFeature } from '../../src/sections';
import { runMigrate } from '../support/run-migrate';
import { scriptWorkspace } from '../support/script-workspace';

// A revenue-recognition close cut the way `sections propose` cuts the real one: the section that
// recognizes revenue begins with `DECLARE @MonthStart` at the top of the procedure (line 12),
// which only it uses, while the #Schedule it reads is built by the statements between (another
// section). The balance section reads @MonthStart, set from @CloseMonth, which it never reads
// itself. `record --from-data` used to refuse both ("reads #Schedule, which an earlier section
// builds"): it took the DECLARE's line for the section's start, and left out of the statements
// run first the parameter only they read.
const SQL = `CREATE TABLE [Rev Rec].[Contract Line] ([Contract No] varchar(20) NOT NULL PRIMARY KEY, [Start Date] date NOT NULL, [End Date] date NOT NULL, [Total Price] decimal(19,4) NOT NULL)
GO
CREATE TABLE [Rev Rec].[Recognized] ([Contract No] varchar(20) NOT NULL, [Month] date NOT NULL, [Amount] decimal(19,4) NOT NULL)
GO
CREATE TABLE [Rev Rec].[Open Balance] ([Contract No] varchar(20) NOT NULL, [Month] date NOT NULL, [Amount] decimal(19,4) NOT NULL)
GO
CREATE PROCEDURE [Rev Rec].[usp_Close Month]
    @CloseMonth date
AS
BEGIN
    SET NOCOUNT ON;
    DECLARE @MonthStart date = DATEFROMPARTS(YEAR(@CloseMonth), MONTH(@CloseMonth), 1);

    CREATE TABLE #Schedule ([Contract No] varchar(20) NOT NULL, [Schedule Month] date NOT NULL, [Amount] decimal(19,4) NOT NULL);

    INSERT INTO #Schedule ([Contract No], [Schedule Month], [Amount])
    SELECT cl.[Contract No], DATEFROMPARTS(YEAR(cl.[Start Date]), MONTH(cl.[Start Date]), 1), ROUND(cl.[Total Price] / 2, 2)
    FROM [Rev Rec].[Contract Line] cl
    UNION ALL
    SELECT cl.[Contract No], DATEADD(MONTH, 1, DATEFROMPARTS(YEAR(cl.[Start Date]), MONTH(cl.[Start Date]), 1)), cl.[Total Price] - ROUND(cl.[Total Price] / 2, 2)
    FROM [Rev Rec].[Contract Line] cl;

    INSERT INTO [Rev Rec].[Recognized] ([Contract No], [Month], [Amount])
    SELECT s.[Contract No], @MonthStart, SUM(s.[Amount])
    FROM #Schedule s
    WHERE s.[Schedule Month] <= @MonthStart
    GROUP BY s.[Contract No];

    INSERT INTO [Rev Rec].[Open Balance] ([Contract No], [Month], [Amount])
    SELECT s.[Contract No], @MonthStart, SUM(s.[Amount])
    FROM #Schedule s
    WHERE s.[Schedule Month] > @MonthStart
    GROUP BY s.[Contract No];
END
GO
`;

const feature = (tags: string, title: string, output: string, header: string): string => `${tags}
Feature: ${title}
  Month-end revenue recognition.

  Scenario: placeholder
    When the section runs
    Then table ${output}:
      | ${header} |
`;

describe('migrate sections record --from-data of a section that begins with a DECLARE far above its work', () => {
  let ws: string;
  const dir = (): string => join(ws, 'sections', 'Rev_Rec.usp_Close_Month');
  const record = (section: string) => runMigrate(['sections', 'record', `Rev_Rec.usp_Close_Month/${section}`, '--root', ws, '--from-data', join(ws, 'data'), '--param', '@CloseMonth=2020-02-01', '--json']);
  beforeAll(async () => {
    ws = mkdtempSync(join(tmpdir(), 'record-leading-declares-'));
    await scriptWorkspace(ws, { 'Rev Rec.usp_Close Month.sql': SQL });
    mkdirSync(join(ws, 'data'));
    // a contract starting on the 31st, one on leap day at no charge, one starting after the close month
    writeFileSync(join(ws, 'data', 'Rev Rec.Contract Line.csv'), 'Contract No,Start Date,End Date,Total Price\nK-1,2020-01-31,2020-03-30,100.0100\nK-2,2020-02-29,2020-04-28,0.0000\nK-3,2020-03-01,2020-04-30,50.0000\n');
    writeFileSync(join(ws, 'data', 'Rev Rec.Recognized.csv'), 'Contract No,Month,Amount\n');
    writeFileSync(join(ws, 'data', 'Rev Rec.Open Balance.csv'), 'Contract No,Month,Amount\n');
    mkdirSync(dir(), { recursive: true });
    const proc = '@proc:[Rev%20Rec].[usp_Close%20Month]';
    writeFileSync(join(dir(), '00-housekeeping.feature'), `${proc} @lines:11 @ignored\nFeature: Housekeeping\n  SET NOCOUNT.\n`);
    writeFileSync(join(dir(), '01-schedule.feature'), feature(`${proc} @lines:14-21 @output:#Schedule @entity:[Contract%20No]`, '01 #Schedule', '#Schedule', '[Contract No]:text | [Schedule Month]:date | Amount:decimal(19,4)'));
    writeFileSync(join(dir(), '02-recognized.feature'), feature(`${proc} @lines:12,23-27 @output:[Rev%20Rec].Recognized @entity:[Contract%20No]`, '02 recognized', '[Rev Rec].Recognized', '[Contract No]:text | Month:date | Amount:decimal(19,4)'));
    writeFileSync(join(dir(), '03-open-balance.feature'), feature(`${proc} @lines:29-33 @output:[Rev%20Rec].[Open%20Balance] @entity:[Contract%20No]`, '03 open balance', '[Rev Rec].[Open Balance]', '[Contract No]:text | Month:date | Amount:decimal(19,4)'));
  }, 60_000);
  afterAll(() => rmSync(ws, { recursive: true, force: true }));

  it('runs the statements between the DECLARE and the section\'s work first: the Given holds the #Schedule they build', async () => {
    const run = await record('02-recognized');
    // a scenario that records no rows from a Given with rows is noted, and written as the section's one of nothing matching (empty-then-scenarios.ts)
    expect(run.err).toMatch(/^note wrote Rev_Rec\.usp_Close_Month\/02-recognized › Contract No K-3 from the data, nothing matches \([a-z ]+\): its Then tables are all empty while its Given holds rows[^\n]*\n$/);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.out).startState).toEqual({ lines: '11, 14-21', variables: [] });
    const spec = (await parseFeature(readFileSync(join(dir(), '02-recognized.feature'), 'utf8'), 'f')).spec;
    const k1 = spec?.scenarios.find((s) => s.name.startsWith('Contract No K-1 from the data'));
    expect(k1?.inputs.find((t) => t.name === '#Schedule')?.rows).toEqual([
      { 'Contract No': 'K-1', 'Schedule Month': '2020-01-01', Amount: 50.01 },
      { 'Contract No': 'K-1', 'Schedule Month': '2020-02-01', Amount: 50 },
    ]);
    expect(k1?.expected[0]?.table.rows).toEqual([{ 'Contract No': 'K-1', Month: '2020-02-01', Amount: 100.01 }]);
  });

  it('gives the statements run first the parameter only they read: the balance section gets @MonthStart from @CloseMonth', async () => {
    const run = await record('03-open-balance');
    // a scenario that records no rows from a Given with rows is noted, and written as the section's one of nothing matching (empty-then-scenarios.ts)
    expect(run.err).toMatch(/^note wrote Rev_Rec\.usp_Close_Month\/03-open-balance › Contract No K-1 from the data, nothing matches \([a-z ]+\): its Then tables are all empty while its Given holds rows[^\n]*\n$/);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.out).startState).toEqual({ lines: '11-27', variables: ['@MonthStart'] });
    const spec = (await parseFeature(readFileSync(join(dir(), '03-open-balance.feature'), 'utf8'), 'f')).spec;
    const k3 = spec?.scenarios.find((s) => s.name.startsWith('Contract No K-3 from the data'));
    expect(k3?.params.find((p) => p.name === '@MonthStart')?.value).toBe('2020-02-01');
    expect(k3?.expected[0]?.table.rows).toEqual([{ 'Contract No': 'K-3', Month: '2020-02-01', Amount: 50 }]);
  });
});
