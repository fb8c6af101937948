import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMigrate } from '../support/run-migrate';
import { scriptWorkspace } from '../support/script-workspace';

// A ranking across regions: RANK() and the share of the grand total combine every region's rows
// into each output row, so no column keys one entity and --from-data refused the section outright,
// leaving every Given row to be written by hand. With --whole a small data folder is recorded
// whole, as one scenario; a large one is refused, saying how large and what to do.
const SQL = `CREATE TABLE dbo.Sale ([Sale Id] int NOT NULL PRIMARY KEY, Region varchar(10) NOT NULL, Amount decimal(10,2) NOT NULL)
GO
CREATE TABLE dbo.[Region Rank] (Region varchar(10) NOT NULL, Total decimal(12,2) NOT NULL, [Rank No] int NOT NULL, [Share Pct] decimal(9,4) NULL)
GO
CREATE PROCEDURE dbo.usp_RankRegions
AS
BEGIN
    SET NOCOUNT ON
    DELETE FROM dbo.[Region Rank];
    INSERT INTO dbo.[Region Rank] (Region, Total, [Rank No], [Share Pct])
    SELECT s.Region, SUM(s.Amount), RANK() OVER (ORDER BY SUM(s.Amount) DESC),
           100.0 * SUM(s.Amount) / NULLIF(SUM(SUM(s.Amount)) OVER (), 0)
    FROM dbo.Sale s GROUP BY s.Region;
END
GO
`;
const SECTION = 'dbo.usp_RankRegions/01-region-rank';

describe('migrate sections record --from-data of a section no column keys', () => {
  let ws: string;
  let feature: string;
  beforeAll(async () => {
    ws = mkdtempSync(join(tmpdir(), 'record-whole-'));
    await scriptWorkspace(ws, { 'rank.sql': SQL });
    for (const [dir, rows] of [['small', 5], ['large', 201]] as const) {
      mkdirSync(join(ws, dir));
      const sales = Array.from({ length: rows }, (_, i) => `${i + 1},${['North', 'South', 'North', 'East', 'West'][i % 5]},${['10.00', '20.00', '5.50', '20.00', '0.00'][i % 5]}`);
      writeFileSync(join(ws, dir, 'dbo.Sale.csv'), `Sale Id,Region,Amount\n${sales.join('\n')}\n`);
      writeFileSync(join(ws, dir, 'dbo.Region Rank.csv'), 'Region,Total,Rank No,Share Pct\n');
    }
    expect((await runMigrate(['sections', 'propose', 'dbo.usp_RankRegions', '--root', ws])).code).toBe(0);
    feature = join(ws, 'sections', 'dbo.usp_RankRegions', '01-region-rank.feature');
    expect(readFileSync(feature, 'utf8')).not.toContain('@entity');
  });
  afterAll(() => rmSync(ws, { recursive: true, force: true }));

  it('without --whole says it may be recorded whole', async () => {
    const r = await runMigrate(['sections', 'record', SECTION, '--root', ws, '--from-data', join(ws, 'small')]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('has no @entity tag');
    expect(r.err).toContain(`or record the data folder whole, every entity in one scenario: \`migrate sections record ${SECTION} --from-data <dir> --whole\``);
  });

  it('refuses data too large for one scenario, naming the table and the limit', async () => {
    const r = await runMigrate(['sections', 'record', SECTION, '--root', ws, '--from-data', join(ws, 'large'), '--whole']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('--whole records large as one scenario, but dbo.Sale has 201 rows, past the 200 rows per table');
    expect(readFileSync(feature, 'utf8')).not.toContain('The whole of');
  });

  it('records small data whole, as one scenario that check accepts, and keeps it on a second run', async () => {
    const r = await runMigrate(['sections', 'record', SECTION, '--root', ws, '--from-data', join(ws, 'small'), '--whole']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('› The whole of small: 5 input rows');
    const text = readFileSync(feature, 'utf8');
    const scenario = text.slice(text.indexOf('Scenario: The whole of small'));
    expect(scenario).toMatch(/Given table dbo\.Sale:\n.*\n(\s+\|.*\n){5}\s+When the section runs/);
    // East and South tie for rank 1 at 20.00 of 55.50 (36.036…%), North 15.50 is 3rd, West 4th
    expect(scenario).toMatch(/\| East +\| 20\.00 +\| 1 +\| 36\.0360 +\|\n\s+\| North +\| 15\.50 +\| 3 +\| 27\.9279 +\|\n\s+\| South +\| 20\.00 +\| 1 +\| 36\.0360 +\|\n\s+\| West +\| 0\.00 +\| 4 +\| 0\.0000 +\|/);
    const check = await runMigrate(['sections', 'check', 'dbo.usp_RankRegions', '--root', ws, '--json']);
    expect((JSON.parse(check.out) as { problems: { code: string }[] }).problems.filter((p) => p.code !== 'SPEC_TODO')).toEqual([]);
    const again = await runMigrate(['sections', 'record', SECTION, '--root', ws, '--from-data', join(ws, 'small'), '--whole']);
    expect(again.code).toBe(0);
    expect(again.out).toContain('unchanged (its scenarios from this data exist)');
    expect(readFileSync(feature, 'utf8')).toBe(text);
  });

  it('refuses --whole without --from-data', async () => {
    const r = await runMigrate(['sections', 'record', SECTION, '--root', ws, '--whole']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('--whole records the data of --from-data whole');
  });
});
