import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runMigrate } from '../support/run-migrate';
import { scriptWorkspace } from '../support/script-workspace';
import { inTempDir } from '../support/temp-dir';

/*
 * `migrate sections propose --all` and `migrate scaffold --all` (or a procedure) work on every
 * procedure or section of a workspace (a team has hundreds): never overwriting, and one that
 * cannot be done is named while the others still are.
 */
const SCRIPT = `CREATE TABLE dbo.Sales (Id int NOT NULL PRIMARY KEY, Region nvarchar(20) NOT NULL, Amount decimal(10,2) NOT NULL);
GO
CREATE TABLE dbo.RegionTotal (Region nvarchar(20) NOT NULL, Total decimal(18,2) NULL);
GO
CREATE PROCEDURE dbo.usp_Regions AS
  INSERT INTO dbo.RegionTotal (Region, Total) SELECT Region, SUM(Amount) FROM dbo.Sales GROUP BY Region;
GO
CREATE PROCEDURE [Report Ops].[usp Big Sales] AS
  SELECT Id, Amount FROM dbo.Sales WHERE Amount >= 5;
GO
CREATE PROCEDURE dbo.usp_Blocked AS
  DELETE FROM dbo.RegionTotal;
GO
`;

describe('migrate sections propose --all', () => {
  it('proposes and scaffolds every procedure, names the one it cannot do, and keeps what exists', async () => {
    await inTempDir('propose-all-', async (ws) => {
      await scriptWorkspace(ws, { 'p.sql': SCRIPT });
      // a file where usp_Blocked's folder of sections would go
      mkdirSync(join(ws, 'sections'));
      writeFileSync(join(ws, 'sections/dbo.usp_Blocked'), 'not a folder');

      const first = await runMigrate(['sections', 'propose', '--all', '--root', ws]);
      expect(first.code).toBe(2);
      expect(first.out).toContain('proposed 2 of 3 procedures; failed: dbo.usp_Blocked');
      expect(first.err).toMatch(/^migrate: dbo\.usp_Blocked: ENOTDIR: .*sections\/dbo\.usp_Blocked'; check that path$/m);
      expect(existsSync(join(ws, 'sections/dbo.usp_Regions/01-region-total.feature'))).toBe(true);
      expect(existsSync(join(ws, 'sections/Report_Ops.usp_Big_Sales/01-result-sales.feature'))).toBe(true);

      rmSync(join(ws, 'sections/dbo.usp_Blocked'));
      const again = await runMigrate(['sections', 'propose', '--all', '--root', ws]);
      expect(again.code).toBe(0);
      expect(again.out).toContain('proposed 3 procedures');
      expect(again.out).toContain('unchanged sections/dbo.usp_Regions/01-region-total.feature');
      expect(again.out).toContain('created sections/dbo.usp_Blocked/');
      expect((await runMigrate(['sections', 'check', '--root', ws])).code).toBe(0);

      // scaffold: a procedure's sections, then every section; housekeeping is passed over
      const proc = await runMigrate(['scaffold', 'dbo.usp_Regions', '--draft', '--root', ws]);
      expect(proc.code).toBe(0);
      expect(proc.out).toContain('created src/transforms/dbo.usp_Regions/01-region-total.ts (drafted)');
      expect(proc.out).toContain('scaffolded 1 section');
      const broken = join(ws, 'sections/dbo.usp_Blocked/01-region-total.feature');
      expect(existsSync(broken)).toBe(true);
      writeFileSync(broken, readFileSync(broken, 'utf8').replace(/^@proc:\S+/, '@proc:dbo.usp_Nowhere'));
      const all = await runMigrate(['scaffold', '--all', '--draft', '--root', ws]);
      expect(all.code).toBe(2);
      expect(all.out).toContain('kept src/transforms/dbo.usp_Regions/01-region-total.ts (exists; not overwritten)');
      expect(all.out).toContain('created src/transforms/Report_Ops.usp_Big_Sales/01-result-sales.ts (drafted)');
      expect(all.out).toContain('scaffolded 2 of 3 sections; failed: sections/dbo.usp_Blocked/01-region-total.feature');
      expect(all.err).toMatch(/^migrate: sections\/dbo\.usp_Blocked\/01-region-total\.feature: .*01-region-total\.feature:1:1: unknown procedure dbo\.usp_Nowhere$/m);
      // names as the scripts write them, not as they are keyed
      expect(all.err).toContain('known procedures: dbo.usp_Regions, [Report Ops].[usp Big Sales], dbo.usp_Blocked');
      expect(all.out).not.toContain('housekeeping');

      const neither = await runMigrate(['sections', 'propose', '--root', ws]);
      expect(neither.code).toBe(2);
      expect(neither.err).toContain('which procedure? give one, or --all for every procedure of the workspace');
      expect((await runMigrate(['sections', 'propose', 'dbo.usp_Regions', '--all', '--root', ws])).err).toContain('give dbo.usp_Regions or --all, not both');
    });
  });
});
