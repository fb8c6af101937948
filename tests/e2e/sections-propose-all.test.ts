import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runMigrate } from '../support/run-migrate';
import { scriptWorkspace } from '../support/script-workspace';
import { inTempDir } from '../support/temp-dir';

/*
 * `migrate sections propose --all` proposes every procedure of a workspace (a team has hundreds):
 * never overwriting, and one procedure that cannot be proposed is named while the others still are.
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
  it('proposes every procedure, names the one it cannot write, and keeps what exists', async () => {
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

      const neither = await runMigrate(['sections', 'propose', '--root', ws]);
      expect(neither.code).toBe(2);
      expect(neither.err).toContain('which procedure? give one, or --all for every procedure of the workspace');
      expect((await runMigrate(['sections', 'propose', 'dbo.usp_Regions', '--all', '--root', ws])).err).toContain('give dbo.usp_Regions or --all, not both');
    });
  });
});
