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

// A nightly load stamps its audit row in UTC: capture keeps the server's offset its --clock gave,
// and `run --baselines` gives it to the drafted transform's utcClock(), so the row matches.
const AUDIT = `CREATE TABLE dbo.[Load Audit] ([Load Name] varchar(30) NOT NULL, [Started UTC] datetime2(3) NOT NULL)
GO
CREATE PROCEDURE dbo.usp_Audit AS
BEGIN
  INSERT dbo.[Load Audit] ([Load Name], [Started UTC]) VALUES ('nightly', SYSUTCDATETIME());
END
GO
`;

describe('migrate run --baselines with a UTC clock', () => {
  it('runs utcClock() at the clock and offset the baseline was captured with', async () => {
    await inTempDir('run-baselines-utc-', async (ws) => {
      await scriptWorkspace(ws, { 'a.sql': AUDIT });
      expect((await runMigrate(['sections', 'propose', 'dbo.usp_Audit', '--root', ws])).code).toBe(0);
      expect((await runMigrate(['scaffold', 'dbo.usp_Audit/01-load-audit', '--draft', '--root', ws])).code).toBe(0);
      const data = join(ws, 'data');
      mkdirSync(data);
      const captured = await runMigrate(['capture', 'dbo.usp_Audit', '--data', data, '--clock', '2026-03-29T03:30:00+02:00', '--out', join(ws, 'baselines/dbo.usp_Audit'), '--format', 'csv', '--procedures', join(ws, 'procedures')]);
      expect(captured.err).toBe('');
      expect(captured.code).toBe(0);
      expect(JSON.parse(readFileSync(join(ws, 'baselines/dbo.usp_Audit/manifest.json'), 'utf8')).utcOffsetMinutes).toBe(120);
      const run = await runMigrate(['run', '--baselines', join(ws, 'baselines'), '--data', data, '--format', 'csv', '--out', join(ws, 'out'), '--root', ws]);
      expect(run.code).toBe(0);
      expect(readFileSync(join(ws, 'out/dbo.usp_Audit/dbo.Load Audit.csv'), 'utf8').trim().split('\n')[1]).toMatch(/^nightly,2026-03-29 01:30:00(\.000)?$/);
      expect(readFileSync(join(ws, 'baselines/dbo.usp_Audit/dbo.Load Audit.csv'), 'utf8').trim().split('\n')[1]).toMatch(/^nightly,2026-03-29 01:30:00(\.000)?$/);
    });
  });
});

// A registrar's procedure with a space in its name: the baseline folder holds the name unbracketed,
// as capture writes it; the user names it as the script does, in brackets.
const GRADES = `CREATE TABLE [Registrar].[Term Load] ([Student Id] int NOT NULL, [Credits] int NOT NULL)
GO
CREATE PROCEDURE [Registrar].[usp_Term Load] AS
BEGIN
  DELETE FROM [Registrar].[Term Load] WHERE [Credits] = 0;
END
GO
`;

describe('migrate run <proc> --baselines with a bracketed name', () => {
  it('finds the baseline captured under the unbracketed folder name', async () => {
    await inTempDir('run-baselines-bracketed-', async (ws) => {
      await scriptWorkspace(ws, { 'g.sql': GRADES });
      expect((await runMigrate(['sections', 'propose', '[Registrar].[usp_Term Load]', '--root', ws])).code).toBe(0);
      expect((await runMigrate(['scaffold', 'Registrar.usp_Term_Load/01-term-load', '--draft', '--root', ws])).code).toBe(0);
      const data = join(ws, 'data');
      mkdirSync(data);
      writeFileSync(join(data, 'Registrar.Term Load.csv'), 'Student Id,Credits\n1,12\n2,0\n');
      mkdirSync(join(ws, 'baselines/Registrar.usp_Term Load'), { recursive: true });
      writeFileSync(join(ws, 'baselines/Registrar.usp_Term Load/manifest.json'), '{"engine":"emulator","params":{},"tables":[],"resultSets":[]}');
      const run = await runMigrate(['run', '[Registrar].[usp_Term Load]', '--baselines', join(ws, 'baselines'), '--data', data, '--format', 'csv', '--out', join(ws, 'out'), '--root', ws]);
      expect(run.err).not.toContain('no captured baseline');
      expect(run.code).toBe(0);
      // named as `sections check` names it, the folder (and --json's procedure) as captured
      expect(run.out).toContain('== Registrar.[usp_Term Load]\n');
      expect(readFileSync(join(ws, 'out/Registrar.usp_Term Load/Registrar.Term Load.csv'), 'utf8').trim().split('\n')).toEqual(['Student Id,Credits', '1,12']);
    });
  });
});
