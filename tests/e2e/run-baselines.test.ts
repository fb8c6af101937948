import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runMigrate } from '../support/run-migrate';
import { scriptWorkspace } from '../support/script-workspace';
import { inTempDir } from '../support/temp-dir';

/*
 * `migrate run --baselines` runs every captured procedure: one that fails (an unreadable
 * manifest, a legacy run that ends early for its parameters) is reported and the others still
 * run; the exit code says one failed, and --json is one document for all of them.
 */
const SCRIPT = `CREATE TABLE dbo.Sales (Id int NOT NULL PRIMARY KEY, Region nvarchar(20) NOT NULL, Amount decimal(10,2) NOT NULL);
GO
CREATE TABLE dbo.RegionTotal (Region nvarchar(20) NOT NULL, Total decimal(18,2) NULL);
GO
CREATE TABLE dbo.[Big Sale] (Id int NOT NULL, Amount decimal(10,2) NOT NULL);
GO
CREATE PROCEDURE dbo.usp_Regions @Region nvarchar(20) AS
BEGIN
  IF @Region NOT IN (N'North', N'South') BEGIN RAISERROR('unknown region %s', 16, 1, @Region); RETURN 1; END
  DELETE FROM dbo.RegionTotal;
  INSERT INTO dbo.RegionTotal (Region, Total) SELECT Region, SUM(Amount) FROM dbo.Sales WHERE Region = @Region GROUP BY Region;
END
GO
CREATE PROCEDURE dbo.usp_BigSales AS
BEGIN
  DELETE FROM dbo.[Big Sale];
  INSERT INTO dbo.[Big Sale] (Id, Amount) SELECT Id, Amount FROM dbo.Sales WHERE Amount >= 5;
END
GO
`;

describe('migrate run --baselines', () => {
  it('runs every captured procedure although one fails, and exits 2 naming it', async () => {
    await inTempDir('run-baselines-', async (ws) => {
      await scriptWorkspace(ws, { 'p.sql': SCRIPT });
      for (const [proc, section] of [['dbo.usp_Regions', '01-region-total'], ['dbo.usp_BigSales', '01-big-sale']] as const) {
        expect((await runMigrate(['sections', 'propose', proc, '--root', ws])).code).toBe(0);
        expect((await runMigrate(['scaffold', `${proc}/${section}`, '--draft', '--root', ws])).code).toBe(0);
      }
      const data = join(ws, 'data');
      mkdirSync(data);
      writeFileSync(join(data, 'dbo.Sales.csv'), 'Id,Region,Amount\n1,North,10.50\n2,North,1.25\n3,South,7.00\n');
      const baselines = join(ws, 'baselines');
      // usp_Regions was captured for a region it does not know: the legacy run ends at its guard
      for (const [proc, manifest] of [['dbo.usp_BigSales', '{"engine":"emulator","params":{},"tables":[],"resultSets":[]}'], ['dbo.usp_Regions', '{"engine":"emulator","params":{"Region":"West"},"tables":[],"resultSets":[]}'], ['dbo.usp_Lost', '{"engine":']] as const) {
        mkdirSync(join(baselines, proc), { recursive: true });
        writeFileSync(join(baselines, proc, 'manifest.json'), manifest);
      }
      const args = ['run', '--baselines', baselines, '--data', data, '--format', 'csv', '--root', ws];

      const text = await runMigrate([...args, '--out', join(ws, 'out')]);
      expect(text.code).toBe(2);
      expect(text.out).toContain('ran 1 of 3 procedures; failed: dbo.usp_Lost, dbo.usp_Regions');
      expect(text.err).toContain('migrate: dbo.usp_Regions: dbo.usp_Regions ends early at procedures/p.sql:9:3');
      expect(text.err).toMatch(/migrate: dbo\.usp_Lost: .*dbo\.usp_Lost\/manifest\.json: cannot read the manifest: /);
      expect(readFileSync(join(ws, 'out/dbo.usp_BigSales/dbo.Big Sale.csv'), 'utf8').trim().split('\n')).toEqual(['Id,Amount', '1,10.50', '3,7.00']);

      const json = await runMigrate([...args, '--out', join(ws, 'out-json'), '--json']);
      expect(json.code).toBe(2);
      const summary = JSON.parse(json.out) as { procedures: { procedure: string; error?: { code: string }; outputs?: unknown[] }[]; failed: string[] };
      expect(summary.failed).toEqual(['dbo.usp_Lost', 'dbo.usp_Regions']);
      expect(summary.procedures.map((p) => [p.procedure, p.error?.code ?? `${p.outputs?.length} output`])).toEqual([
        ['dbo.usp_BigSales', '1 output'], ['dbo.usp_Lost', 'RUN_BAD_MANIFEST'], ['dbo.usp_Regions', 'RUN_LEGACY_STOPS'],
      ]);
    });
  });
});
