import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMigrate } from '../support/run-migrate';
import { scriptWorkspace } from '../support/script-workspace';

// A packing line's nightly roll-up: minutes per line and production day (the day starts at
// 06:00, so the day is computed from the event time), then minutes per day. The day totals'
// @entity [Prod Day] exists only once the first INSERT has run; the data's only [Prod Day]
// values are last week's rows of the day table, which that first DELETE/INSERT replaces.
// --from-data picked those old days and recorded scenarios on empty Given rows; then refused.
// Now the statements before the section run once on all of the data, and the [Line Day] rows
// they leave are cut to each production day.
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

/** A workspace holding `proc` (its file `<proc>.sql`) and `data/` with the given CSVs, its sections proposed. */
async function proposedWorkspace(prefix: string, proc: string, sql: string, csvs: Readonly<Record<string, string>>): Promise<string> {
  const ws = mkdtempSync(join(tmpdir(), prefix));
  await scriptWorkspace(ws, { [`${proc}.sql`]: sql });
  mkdirSync(join(ws, 'data'));
  for (const [name, text] of Object.entries(csvs)) writeFileSync(join(ws, 'data', name), text);
  expect((await runMigrate(['sections', 'propose', proc, '--root', ws])).code).toBe(0);
  return ws;
}

/** Tags the section file `path` with `@entity:<tag>`. */
function tagEntity(path: string, tag: string): void {
  writeFileSync(path, readFileSync(path, 'utf8').replace(/^(@proc:\S+ @lines:\S+ @output:\S+)[^\n]*/, `$1 @entity:${tag}`));
}

describe('migrate sections record --from-data, an entity the statements before the section compute', () => {
  let ws: string;
  beforeAll(async () => {
    ws = await proposedWorkspace('record-entity-made-', 'dbo.usp_Roll_Line_Days', SQL, {
      'dbo.Line Event.csv': 'Line Id,Event Time,Minutes\n1,2016-01-04 07:00:00,30\n1,2016-01-05 02:00:00,20\n2,2016-01-05 09:00:00,15\n',
      'dbo.Line Day.csv': 'Line Id,Prod Day,Minutes\n1,2015-12-28,400\n',
      'dbo.Day Total.csv': 'Prod Day,Minutes\n',
    });
  });
  afterAll(() => rmSync(ws, { recursive: true, force: true }));

  it('records each production day from what the statements before leave on all of the data', async () => {
    const dir = join(ws, 'sections', 'dbo.usp_Roll_Line_Days');
    const file = readdirSync(dir).find((f) => f.endsWith('day-total.feature')) as string;
    const path = join(dir, file);
    tagEntity(path, '[Prod%20Day]');
    const r = await runMigrate(['sections', 'record', `dbo.usp_Roll_Line_Days/${file.replace(/\.feature$/, '')}`, '--root', ws, '--from-data', join(ws, 'data'), '--param', '@From=2016-01-04']);
    expect(r.err).not.toMatch(/the statements before it make/);
    expect(r.code).toBe(0);
    const text = readFileSync(path, 'utf8');
    const scenario = (day: string): string => text.split(/\n\s*@recorded/).find((b) => b.includes(`Scenario: Prod Day ${day} from the data`)) ?? '';
    // line 1's 07:00 and next night's 02:00 are one production day (it starts at 06:00): 50 minutes
    expect(scenario('2016-01-04')).toMatch(/table dbo\.\[Line Day\]:\n.*\n\s+\| 1 +\| 2016-01-04 +\| 50 +\|\n\s+And/);
    expect(scenario('2016-01-04')).toMatch(/Then table dbo\.\[Day Total\]:\n.*\n\s+\| 2016-01-04 +\| 50 +\|/);
    expect(scenario('2016-01-05')).toMatch(/Then table dbo\.\[Day Total\]:\n.*\n\s+\| 2016-01-05 +\| 15 +\|/);
    expect(scenario('2016-01-05')).not.toMatch(/\| 2016-01-04/);
  });
});

// A tank-level feed: the missing hourly levels of each tank are appended to [Tank Level] (from
// the levels before and after them), then a cursor flags a level that follows a long silence.
// The cursor's [Tank Id] values are the data's: [Tank Level] is read as loaded before the
// INSERT appends to it, so --from-data can cut it by tank (it refused, naming [Tank Level] as
// made from tables without a [Tank Id] column).
const APPENDED = `CREATE TABLE dbo.[Tank Level] ([Tank Id] int NOT NULL, [Read Hour] datetime NOT NULL, [Litres] int NOT NULL, [Flag] bit NOT NULL)
GO
CREATE TABLE dbo.[Tank Fill] ([Tank Id] int NOT NULL, [Read Hour] datetime NOT NULL, [Litres] int NOT NULL)
GO
CREATE PROCEDURE dbo.usp_Fill_Tank_Levels
AS
SET NOCOUNT ON
DECLARE @Tank int, @At datetime, @Prev datetime, @PrevTank int
DELETE FROM dbo.[Tank Fill]
INSERT INTO dbo.[Tank Fill] ([Tank Id], [Read Hour], [Litres])
SELECT a.[Tank Id], DATEADD(hour, 1, a.[Read Hour]), (a.[Litres] + b.[Litres]) / 2
FROM dbo.[Tank Level] a JOIN dbo.[Tank Level] b ON b.[Tank Id] = a.[Tank Id] AND b.[Read Hour] = DATEADD(hour, 2, a.[Read Hour])
WHERE NOT EXISTS (SELECT 1 FROM dbo.[Tank Level] c WHERE c.[Tank Id] = a.[Tank Id] AND c.[Read Hour] = DATEADD(hour, 1, a.[Read Hour]))
INSERT INTO dbo.[Tank Level] ([Tank Id], [Read Hour], [Litres], [Flag])
SELECT [Tank Id], [Read Hour], [Litres], 0 FROM dbo.[Tank Fill]
DECLARE cur_lvl CURSOR LOCAL FAST_FORWARD FOR SELECT [Tank Id], [Read Hour] FROM dbo.[Tank Level] ORDER BY [Tank Id], [Read Hour]
OPEN cur_lvl
FETCH NEXT FROM cur_lvl INTO @Tank, @At
WHILE @@FETCH_STATUS = 0
BEGIN
    IF @PrevTank = @Tank AND DATEDIFF(hour, @Prev, @At) > 2
        UPDATE dbo.[Tank Level] SET [Flag] = 1 WHERE [Tank Id] = @Tank AND [Read Hour] = @At
    SET @Prev = @At
    SET @PrevTank = @Tank
    FETCH NEXT FROM cur_lvl INTO @Tank, @At
END
CLOSE cur_lvl
DEALLOCATE cur_lvl
GO
`;

describe('migrate sections record --from-data, an entity table the statements before append to', () => {
  let ws: string;
  beforeAll(async () => {
    ws = await proposedWorkspace('record-entity-appended-', 'dbo.usp_Fill_Tank_Levels', APPENDED, {
      'dbo.Tank Level.csv': 'Tank Id,Read Hour,Litres,Flag\n7,2016-05-02 01:00:00,900,0\n7,2016-05-02 03:00:00,860,0\n7,2016-05-02 09:00:00,700,0\n8,2016-05-02 01:00:00,400,0\n',
      'dbo.Tank Fill.csv': 'Tank Id,Read Hour,Litres\n',
    });
  });
  afterAll(() => rmSync(ws, { recursive: true, force: true }));

  it('cuts the data by the tank the cursor meets and records the flag', async () => {
    const dir = join(ws, 'sections', 'dbo.usp_Fill_Tank_Levels');
    const file = readdirSync(dir).find((f) => /^\d\d-/.test(f) && readFileSync(join(dir, f), 'utf8').includes('cur_lvl')) as string;
    const path = join(dir, file);
    tagEntity(path, '[Tank%20Id]');
    const r = await runMigrate(['sections', 'record', `dbo.usp_Fill_Tank_Levels/${file.replace(/\.feature$/, '')}`, '--root', ws, '--from-data', join(ws, 'data')]);
    expect(r.err).not.toMatch(/the statements before it make/);
    expect(r.code).toBe(0);
    // tank 7: 02:00 appended (880), 09:00 follows 6 silent hours: flagged
    expect(readFileSync(path, 'utf8')).toMatch(/\| 7 +\| 2016-05-02 09:00:00 +\| 700 +\| (1|true) +\|/);
  });
});
