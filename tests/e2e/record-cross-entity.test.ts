import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMigrate } from '../support/run-migrate';
import { scriptWorkspace } from '../support/script-workspace';

// A weekly league table of sales reps: each rep's share of the week's total and a PERCENT_RANK
// across the reps of the week. record --from-data records one rep per scenario, on which the
// share is always 1 and the rank 0: a transform computing them per rep passes every scenario. The
// recording says so, naming the statements, and --json lists them.
const SQL = `CREATE TABLE dbo.[Rep Sales] (Rep varchar(10) NOT NULL, WeekStart date NOT NULL, Amount decimal(12,2) NOT NULL, PRIMARY KEY (Rep, WeekStart))
GO
CREATE TABLE dbo.[Rep League] (Rep varchar(10) NOT NULL, WeekStart date NOT NULL, Share decimal(9,4) NOT NULL, PctRank float NOT NULL, PRIMARY KEY (Rep, WeekStart))
GO
CREATE PROCEDURE dbo.usp_RepLeague
AS
BEGIN
    SET NOCOUNT ON
    DECLARE @WeekTotal decimal(14,2)
    SELECT @WeekTotal = SUM(s.Amount) FROM dbo.[Rep Sales] s
    DELETE FROM dbo.[Rep League]
    INSERT INTO dbo.[Rep League] (Rep, WeekStart, Share, PctRank)
    SELECT s.Rep, s.WeekStart, CAST(s.Amount / @WeekTotal AS decimal(9,4)),
           PERCENT_RANK() OVER (PARTITION BY s.WeekStart ORDER BY s.Amount)
      FROM dbo.[Rep Sales] s
END
GO
`;


describe('migrate sections record --from-data of a section that combines rows of several entities', () => {
  let ws: string;
  beforeAll(async () => {
    ws = mkdtempSync(join(tmpdir(), 'record-cross-entity-'));
    await scriptWorkspace(ws, { 'league.sql': SQL });
    mkdirSync(join(ws, 'data'));
    writeFileSync(join(ws, 'data', 'dbo.Rep Sales.csv'), 'Rep,WeekStart,Amount\nANNA,2026-11-30,300.00\nBEN,2026-11-30,100.00\nCARL,2026-11-30,600.00\n');
    writeFileSync(join(ws, 'data', 'dbo.Rep League.csv'), 'Rep,WeekStart,Share,PctRank\n');
    expect((await runMigrate(['sections', 'propose', 'dbo.usp_RepLeague', '--root', ws])).code).toBe(0);
    // the person tags the section with the entity the data is cut by
    const feature = join(ws, 'sections', 'dbo.usp_RepLeague', '01-rep-league.feature');
    const text = readFileSync(feature, 'utf8');
    expect(text.startsWith('@proc:dbo.usp_RepLeague @lines:10-15 @output:dbo.[Rep%20League]\n')).toBe(true);
    writeFileSync(feature, text.replace('\n', ' @entity:Rep\n'));
  }, 60_000);
  afterAll(() => rmSync(ws, { recursive: true, force: true }));

  it('records each rep and names the grand total and the ranking across reps', async () => {
    const run = await runMigrate(['sections', 'record', 'dbo.usp_RepLeague/01-rep-league', '--root', ws, '--from-data', join(ws, 'data'), '--json']);
    expect(run.code).toBe(0);
    const out = JSON.parse(run.out) as { crossEntity: string[]; scenarios: unknown[] };
    expect(out.scenarios.length).toBeGreaterThan(0);
    expect(out.crossEntity).toEqual([
      expect.stringMatching(/^SUM\(…\) over rows of every Rep at .*league\.sql:10:25$/),
      expect.stringMatching(/^PERCENT_RANK\(\) OVER \(a PARTITION BY without Rep\) at .*league\.sql:14:12$/),
    ]);
    // the text report says it beside the recording (a second run: the scenarios stand, the note stays)
    const text = await runMigrate(['sections', 'record', 'dbo.usp_RepLeague/01-rep-league', '--root', ws, '--from-data', join(ws, 'data')]);
    expect(text.code).toBe(0);
    expect(text.err).toContain('each scenario holds one entity (the @entity column), but the section combines rows of several: SUM(…) over rows of every Rep at ');
  });
});
