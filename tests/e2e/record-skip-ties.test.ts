import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMigrate } from '../support/run-migrate';
import { scriptWorkspace } from '../support/script-workspace';

// The last page of each visitor: TOP (1) ... ORDER BY EventTime DESC. Visitor 2's two last
// events share their time, so SQL Server may return either page: that visitor's output cannot be
// recorded. `record --from-data` used to write nothing and exit 2 for the whole section; now it
// skips visitor 2 (a warning naming why), records the others, and tries further visitors so
// that --entities scenarios still come out.
const SQL = `CREATE TABLE dbo.WebEvent (EventId int NOT NULL PRIMARY KEY, VisitorId int NOT NULL, EventTime datetime2(0) NOT NULL, PageUrl varchar(20) NOT NULL)
GO
CREATE TABLE dbo.LastPage (VisitorId int NOT NULL, PageUrl varchar(20) NULL)
GO
CREATE PROCEDURE dbo.usp_LastPage
AS
BEGIN
  INSERT INTO dbo.LastPage (VisitorId, PageUrl)
  SELECT v.VisitorId, x.PageUrl
  FROM (SELECT DISTINCT VisitorId FROM dbo.WebEvent) AS v
  OUTER APPLY (SELECT TOP (1) e.PageUrl FROM dbo.WebEvent AS e WHERE e.VisitorId = v.VisitorId ORDER BY e.EventTime DESC) AS x;
END
GO
`;

const HEADER = 'EventId,VisitorId,EventTime,PageUrl\n';
// visitor 2 ties on its last time; 1, 3 and 4 do not
const MIXED = `${HEADER}1,1,2022-05-10 08:00:00,/home\n2,1,2022-05-10 08:05:00,/book\n3,2,2022-05-10 09:00:00,/home\n4,2,2022-05-10 09:10:00,/book\n5,2,2022-05-10 09:10:00,/search\n6,3,2022-05-10 10:00:00,/cafe\n7,4,2022-05-10 11:00:00,/home\n8,4,2022-05-10 11:30:00,/checkout\n`;
// every visitor ties
const ALL_TIED = `${HEADER}1,1,2022-05-10 08:00:00,/home\n2,1,2022-05-10 08:00:00,/book\n3,2,2022-05-10 09:00:00,/home\n4,2,2022-05-10 09:00:00,/book\n`;

describe('migrate sections record --from-data with an entity whose output depends on tied rows', () => {
  let ws: string;
  let feature: string;
  let proposed: string;
  beforeAll(async () => {
    ws = mkdtempSync(join(tmpdir(), 'record-skip-ties-'));
    await scriptWorkspace(ws, { 'usp_LastPage.sql': SQL });
    mkdirSync(join(ws, 'mixed'));
    mkdirSync(join(ws, 'tied'));
    writeFileSync(join(ws, 'mixed', 'dbo.WebEvent.csv'), MIXED);
    writeFileSync(join(ws, 'tied', 'dbo.WebEvent.csv'), ALL_TIED);
    expect((await runMigrate(['sections', 'propose', 'dbo.usp_LastPage', '--root', ws])).code).toBe(0);
    feature = join(ws, 'sections', 'dbo.usp_LastPage', '01-last-page.feature');
    proposed = `@entity:VisitorId\n${readFileSync(feature, 'utf8')}`;
  });
  afterAll(() => rmSync(ws, { recursive: true, force: true }));

  it('skips the tied visitor with a warning naming the TOP, records the others and fills up to --entities', async () => {
    writeFileSync(feature, proposed);
    const r = await runMigrate(['sections', 'record', 'dbo.usp_LastPage/01-last-page', '--root', ws, '--from-data', join(ws, 'mixed'), '--entities', '3', '--json']);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/warning skipped dbo\.usp_LastPage\/01-last-page › VisitorId 2 from the data .*rows with equal ORDER BY values a TOP chooses between at .*usp_LastPage\.sql:11:/);
    const out = JSON.parse(r.out) as { written: boolean; scenarios: { entity: string }[]; skipped: { entity: string; reason: string }[] };
    expect(out.written).toBe(true);
    expect(out.skipped.map((s) => s.entity)).toEqual(['2']);
    // the other visitor's page alone differs: only PageUrl is refused, so a header without it records the rest
    expect(out.skipped[0]?.reason).toMatch(/dbo\.LastPage\.PageUrl cannot be recorded: .*leave PageUrl out of the Then header/);
    // three scenarios although one of the first three entities was skipped
    expect(out.scenarios.map((s) => s.entity).sort()).toEqual(['1', '3', '4']);
    const text = readFileSync(feature, 'utf8');
    expect(text).not.toMatch(/Scenario: VisitorId 2 /);
    expect(text).toMatch(/\| 4 +\| \/checkout +\|/);
    // a second run makes nothing new: the recorded scenarios count towards --entities
    const again = await runMigrate(['sections', 'record', 'dbo.usp_LastPage/01-last-page', '--root', ws, '--from-data', join(ws, 'mixed'), '--entities', '3', '--json']);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.out)).toMatchObject({ written: false, scenarios: [] });
    expect(readFileSync(feature, 'utf8')).toBe(text);
    expect((await runMigrate(['sections', 'check', '--root', ws])).code).toBe(0);
  });

  it('exits 2 and writes nothing when no entity can be recorded, naming each', async () => {
    writeFileSync(feature, proposed);
    const r = await runMigrate(['sections', 'record', 'dbo.usp_LastPage/01-last-page', '--root', ws, '--from-data', join(ws, 'tied')]);
    expect(r.code).toBe(2);
    expect(r.err).not.toMatch(/internal error/);
    expect(r.err).toMatch(/no entity of the data could be recorded/);
    expect(r.err).toMatch(/VisitorId 1 from the data/);
    expect(r.err).toMatch(/VisitorId 2 from the data/);
    expect(readFileSync(feature, 'utf8')).toBe(proposed);
  });
});
