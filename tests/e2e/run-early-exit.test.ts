import { existsSync, mkdirSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runMigrate } from '../support/run-migrate';
import { inTempDir } from '../support/temp-dir';

/*
 * A legacy procedure that ends early on some parameter values (its guard clauses) writes nothing
 * after them; `migrate run` asks the guards in the emulator with the run's values and stops the
 * same way, instead of computing rows the legacy procedure never writes. A guard that reads the
 * data is named in a warning.
 */
const repo = join(__dirname, '../..');
const SCRIPT = `CREATE TABLE dbo.Sales (Id int NOT NULL PRIMARY KEY, Region nvarchar(20) NOT NULL, Amount decimal(10,2) NOT NULL, SoldOn date NOT NULL);
GO
CREATE TABLE dbo.RegionTotal (Region nvarchar(20) NOT NULL, Total decimal(18,2) NULL);
GO
CREATE TABLE dbo.LoadLog (Id int IDENTITY PRIMARY KEY, Msg nvarchar(200));
GO
CREATE PROCEDURE dbo.usp_RegionTotals @From date, @To date, @Mode varchar(10) = 'FULL' AS
BEGIN
  SET NOCOUNT ON;
  DECLARE @Days int;
  IF @From IS NULL OR @To < @From
  BEGIN
    RAISERROR('bad range for mode %s', 16, 1, @Mode);
    RETURN -1;
  END
  SET @Days = DATEDIFF(DAY, @From, @To) + 1;
  IF @Days > 31 THROW 50001, 'range too long', 1;
  IF @Mode NOT IN ('FULL', 'DELTA')
  BEGIN
    INSERT INTO dbo.LoadLog (Msg) VALUES ('unknown mode');
    RETURN 2;
  END
  IF NOT EXISTS (SELECT 1 FROM dbo.Sales WHERE SoldOn BETWEEN @From AND @To) RETURN 0;
  DELETE FROM dbo.RegionTotal;
  INSERT INTO dbo.RegionTotal (Region, Total) SELECT Region, SUM(Amount) FROM dbo.Sales WHERE SoldOn BETWEEN @From AND @To GROUP BY Region;
END
GO
`;

describe('migrate run and the legacy procedure\'s guard clauses', () => {
  it('stops where the legacy procedure ends early, writing nothing, and warns of a guard on the data', async () => {
    await inTempDir('run-early-exit-', async (ws) => {
      expect((await runMigrate(['init', ws, '--library', join(repo, 'src')])).code).toBe(0);
      for (const d of ['procedures', 'sections', 'src/transforms', 'tests/sections']) rmSync(join(ws, d), { recursive: true, force: true });
      mkdirSync(join(ws, 'procedures'));
      writeFileSync(join(ws, 'procedures/p.sql'), SCRIPT);
      expect((await runMigrate(['sections', 'propose', 'dbo.usp_RegionTotals', '--root', ws])).code).toBe(0);
      // the guards are housekeeping: no section can say "stop here"
      expect(readFileSync(join(ws, 'sections/dbo.usp_RegionTotals/00-housekeeping.feature'), 'utf8')).toContain('RAISERROR; RETURN');
      expect((await runMigrate(['scaffold', 'dbo.usp_RegionTotals/01-region-total', '--draft', '--root', ws])).code).toBe(0);
      const data = join(ws, 'data');
      mkdirSync(data);
      writeFileSync(join(data, 'dbo.Sales.csv'), 'Id,Region,Amount,SoldOn\n1,North,10.50,2024-01-03\n2,North,1.25,2024-01-04\n3,South,7.00,2024-01-05\n');
      const run = (out: string, ...params: string[]): ReturnType<typeof runMigrate> => runMigrate(['run', 'dbo.usp_RegionTotals', '--data', data, '--format', 'csv', '--out', join(ws, out), '--root', ws, ...params.flatMap((p) => ['--param', p])]);

      const ok = await run('ok', '@From=2024-01-01', '@To=2024-01-31');
      expect(ok.code).toBe(0);
      expect(readFileSync(join(ws, 'ok/dbo.RegionTotal.csv'), 'utf8').trim().split('\n')).toEqual(['Region,Total', 'North,11.75', 'South,7.00']);
      expect(ok.err).toContain('warning: the legacy procedure may end early at procedures/p.sql:23:3 (IF NOT EXISTS (SELECT 1 FROM dbo.Sales WHERE SoldOn BETWEEN @From AND @To)), which migrate run cannot answer before the data is read (it reads a table)');
      expect(ok.err).not.toContain('p.sql:11:3');

      const cases: [string[], string][] = [
        [['@From=2024-02-01', '@To=2024-01-31'], 'ends early at procedures/p.sql:11:3 for these parameter values: IF @From IS NULL OR @To < @From holds, and it returns after Msg 50000, Level 16, State 1, Line 7: bad range for mode FULL.'],
        [['@From=2024-01-01', '@To=2024-03-31'], 'ends early at procedures/p.sql:17:3 for these parameter values: IF @Days > 31 holds, and it raises Msg 50001, Level 16, State 1, Procedure usp_RegionTotals, Line 11: range too long.'],
        [['@From=2024-01-01', '@To=2024-01-31', '@Mode=X'], "ends early at procedures/p.sql:18:3 for these parameter values: IF @Mode NOT IN ('FULL', 'DELTA') holds, and it returns."],
      ];
      for (const [params, message] of cases) {
        const stopped = await run('stopped', ...params);
        expect(stopped.code).toBe(2);
        expect(stopped.err).toContain(message);
        expect(stopped.err).toContain('migrate run stops too and writes nothing');
        expect(existsSync(join(ws, 'stopped'))).toBe(false);
      }

      const json = await runMigrate(['run', 'dbo.usp_RegionTotals', '--data', data, '--format', 'csv', '--root', ws, '--json', '--param', '@From=2024-01-01', '--param', '@To=2024-01-31']);
      expect(json.code).toBe(0);
      expect(JSON.parse(json.out).uncheckedExits).toEqual([{ at: 'procedures/p.sql:23:3', condition: 'NOT EXISTS (SELECT 1 FROM dbo.Sales WHERE SoldOn BETWEEN @From AND @To)', why: 'it reads a table' }]);
    });
  });
});
