import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMigrate } from '../support/run-migrate';
import { scriptWorkspace } from '../support/script-workspace';

// Sales not yet assigned to a region (Region NULL) are grouped under 'UNASSIGNED' by the legacy
// code: a rule the new code must keep. `record --from-data` used to pick entities among the
// non-NULL values only, so no scenario ever held those rows; now they get one of their own.
const SQL = `CREATE TABLE dbo.Sales (SaleId int NOT NULL PRIMARY KEY, Region varchar(10) NULL, Amount decimal(9,2) NOT NULL)
GO
CREATE TABLE dbo.[Region Totals] (Region varchar(10) NULL, Total decimal(19,2) NOT NULL, Sales int NOT NULL)
GO
CREATE PROCEDURE dbo.usp_RegionTotals
AS
BEGIN
  INSERT INTO dbo.[Region Totals] (Region, Total, Sales)
  SELECT ISNULL(Region, 'UNASSIGNED'), SUM(Amount), COUNT(*) FROM dbo.Sales GROUP BY Region;
END
GO
`;

describe('migrate sections record --from-data with rows of no entity', () => {
  let ws: string;
  beforeAll(async () => {
    ws = mkdtempSync(join(tmpdir(), 'record-null-entity-'));
    await scriptWorkspace(ws, { 'usp_RegionTotals.sql': SQL });
    mkdirSync(join(ws, 'data'));
    writeFileSync(join(ws, 'data', 'dbo.Sales.csv'), 'SaleId,Region,Amount\n1,North,10.50\n2,North,4.25\n3,,7.00\n4,South,1.00\n5,,2.00\n');
    expect((await runMigrate(['sections', 'propose', 'dbo.usp_RegionTotals', '--root', ws])).code).toBe(0);
  });
  afterAll(() => rmSync(ws, { recursive: true, force: true }));

  it('records the NULL-region rows as a scenario of their own, with what the legacy code makes of them', async () => {
    const feature = join(ws, 'sections', 'dbo.usp_RegionTotals', '01-region-totals.feature');
    writeFileSync(feature, `@entity:Region\n${readFileSync(feature, 'utf8')}`);
    const r = await runMigrate(['sections', 'record', 'dbo.usp_RegionTotals/01-region-totals', '--root', ws, '--from-data', join(ws, 'data'), '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out) as { scenarios: { name: string; entity: string; rows: number }[]; uncovered: string[] };
    expect(out.scenarios[0]).toMatchObject({ name: 'Region NULL from the data (NULL entity)', entity: 'NULL', rows: 2 });
    expect(out.uncovered).not.toContain('NULL entity');
    const text = readFileSync(feature, 'utf8');
    const scenario = text.slice(text.indexOf('Scenario: Region NULL from the data'), text.indexOf('Scenario: Region North'));
    expect(scenario).toMatch(/\| 3 +\| NULL +\| 7\.00 +\|/);
    expect(scenario).toMatch(/\| UNASSIGNED +\| 9\.00 +\| 2 +\|/);
    // the written specs still pass sections check
    expect((await runMigrate(['sections', 'check', '--root', ws])).code).toBe(0);
  });
});

// Sales keyed in from the till with an empty region ('' , not NULL): the scenario of those rows
// named them `Region  from the data`, two blanks and nothing between.
describe('migrate sections record --from-data with an empty-text entity', () => {
  let ws: string;
  beforeAll(async () => {
    ws = mkdtempSync(join(tmpdir(), 'record-empty-entity-'));
    await scriptWorkspace(ws, { 'usp_RegionTotals.sql': SQL });
    mkdirSync(join(ws, 'data'));
    writeFileSync(join(ws, 'data', 'dbo.Sales.csv'), 'SaleId,Region,Amount\n1,North,10.50\n2,"",7.00\n3,"",2.00\n');
    expect((await runMigrate(['sections', 'propose', 'dbo.usp_RegionTotals', '--root', ws])).code).toBe(0);
  });
  afterAll(() => rmSync(ws, { recursive: true, force: true }));

  it("names the scenario of the empty text ''", async () => {
    const feature = join(ws, 'sections', 'dbo.usp_RegionTotals', '01-region-totals.feature');
    writeFileSync(feature, `@entity:Region\n${readFileSync(feature, 'utf8')}`);
    const r = await runMigrate(['sections', 'record', 'dbo.usp_RegionTotals/01-region-totals', '--root', ws, '--from-data', join(ws, 'data'), '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out) as { scenarios: { name: string; entity: string }[] };
    expect(out.scenarios.map((s) => s.name)).toContain("Region '' from the data (largest)");
    expect(readFileSync(feature, 'utf8')).toContain("Scenario: Region '' from the data");
  });
});
