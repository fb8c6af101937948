import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMigrate } from '../support/run-migrate';
import { scriptWorkspace } from '../support/script-workspace';

// A packing line's nightly roll-up: minutes per line and production day (the day starts at
// 06:00, so the day is computed from the event time), then minutes per day. The day totals'
// @entity [Prod Day] exists only once the first INSERT has run; the data's only [Prod Day]
// values are last week's rows of the day table, which that first DELETE/INSERT replaces.
// --from-data picked those old days and recorded scenarios on empty Given rows.
const SQL = `CREATE TABLE dbo.[Line Event] ([Line Id] int NOT NULL, [Event Time] datetime NOT NULL, Minutes int NOT NULL)
GO
CREATE TABLE dbo.[Line Day] ([Line Id] int NOT NULL, [Prod Day] date NOT NULL, Minutes int NOT NULL)
GO
CREATE TABLE dbo.[Day Total] ([Prod Day] date NOT NULL, Minutes int NOT NULL)
GO
CREATE PROCEDURE dbo.usp_Roll_Line_Days @From date
AS
SET NOCOUNT ON
DELETE FROM dbo.[Line Day] WHERE [Prod Day] >= @From
INSERT INTO dbo.[Line Day] ([Line Id], [Prod Day], Minutes)
SELECT [Line Id], CAST(DATEADD(hour, -6, [Event Time]) AS date), SUM(Minutes)
FROM dbo.[Line Event]
WHERE [Event Time] >= DATEADD(hour, 6, CAST(@From AS datetime))
GROUP BY [Line Id], CAST(DATEADD(hour, -6, [Event Time]) AS date)
DELETE FROM dbo.[Day Total] WHERE [Prod Day] >= @From
INSERT INTO dbo.[Day Total] ([Prod Day], Minutes)
SELECT [Prod Day], SUM(Minutes) FROM dbo.[Line Day] WHERE [Prod Day] >= @From GROUP BY [Prod Day]
GO
`;

describe('migrate sections record --from-data, an entity the statements before the section compute', () => {
  let ws: string;
  beforeAll(async () => {
    ws = mkdtempSync(join(tmpdir(), 'record-entity-made-'));
    await scriptWorkspace(ws, { 'dbo.usp_Roll_Line_Days.sql': SQL });
    mkdirSync(join(ws, 'data'));
    writeFileSync(join(ws, 'data', 'dbo.Line Event.csv'), 'Line Id,Event Time,Minutes\n1,2016-01-04 07:00:00,30\n1,2016-01-05 02:00:00,20\n2,2016-01-05 09:00:00,15\n');
    writeFileSync(join(ws, 'data', 'dbo.Line Day.csv'), 'Line Id,Prod Day,Minutes\n1,2015-12-28,400\n');
    writeFileSync(join(ws, 'data', 'dbo.Day Total.csv'), 'Prod Day,Minutes\n');
    expect((await runMigrate(['sections', 'propose', 'dbo.usp_Roll_Line_Days', '--root', ws])).code).toBe(0);
  });
  afterAll(() => rmSync(ws, { recursive: true, force: true }));

  it('refuses, naming the table the earlier statements fill, and writes nothing', async () => {
    const dir = join(ws, 'sections', 'dbo.usp_Roll_Line_Days');
    const file = readdirSync(dir).find((f) => f.endsWith('day-total.feature')) as string;
    const path = join(dir, file);
    writeFileSync(path, readFileSync(path, 'utf8').replace(/^(@proc:\S+ @lines:\S+ @output:\S+)[^\n]*/, '$1 @entity:[Prod%20Day]'));
    const before = readFileSync(path, 'utf8');
    const r = await runMigrate(['sections', 'record', `dbo.usp_Roll_Line_Days/${file.replace(/\.feature$/, '')}`, '--root', ws, '--from-data', join(ws, 'data'), '--param', '@From=2016-01-04']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/the statements before it make the Prod Day values it reads, in dbo\.\[?Line Day\]? \(INSERT/);
    expect(r.err).toMatch(/without --from-data/);
    expect(readFileSync(path, 'utf8')).toBe(before);
  });
});
