import { existsSync, mkdirSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EngineSession, quoteLiteral } from '../../src/engine';
import { runMigrate } from '../support/run-migrate';
import { scriptWorkspace } from '../support/script-workspace';
import { inTempDir } from '../support/temp-dir';

/*
 * A legacy procedure that ends early on some parameter values (its guard clauses) writes nothing
 * after them; `migrate run` asks the guards in the emulator with the run's values and stops the
 * same way, instead of computing rows the legacy procedure never writes. A guard on the data
 * runs on the run's data files; one on what earlier statements write is named in a warning.
 */
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
  IF (SELECT COUNT(*) FROM dbo.LoadLog) > 1000 RETURN 3;
  IF NOT EXISTS (SELECT 1 FROM dbo.Sales WHERE SoldOn BETWEEN @From AND @To) RETURN 0;
  DELETE FROM dbo.RegionTotal;
  INSERT INTO dbo.RegionTotal (Region, Total) SELECT Region, SUM(Amount) FROM dbo.Sales WHERE SoldOn BETWEEN @From AND @To GROUP BY Region;
END
GO
`;

/** A fresh workspace holding one script, its procedure's sections proposed. */
async function proposed(ws: string, file: string, script: string, proc: string): Promise<void> {
  await scriptWorkspace(ws, { [file]: script });
  expect((await runMigrate(['sections', 'propose', proc, '--root', ws])).code).toBe(0);
}

describe('migrate run and the legacy procedure\'s guard clauses', () => {
  it('stops where the legacy procedure ends early, writing nothing, and warns of a guard it cannot answer', async () => {
    await inTempDir('run-early-exit-', async (ws) => {
      await proposed(ws, 'p.sql', SCRIPT, 'dbo.usp_RegionTotals');
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
      expect(ok.err).toContain('warning: the legacy procedure may end early at procedures/p.sql:23:3 (IF (SELECT COUNT(*) FROM dbo.LoadLog) > 1000), which migrate run cannot answer before the data is read (it reads dbo.LoadLog, written at line 20 before it)');
      expect(ok.err).not.toContain('p.sql:11:3');
      expect(ok.err).not.toContain('p.sql:24:3');

      const cases: [string[], string][] = [
        [['@From=2024-02-01', '@To=2024-01-31'], 'ends early at procedures/p.sql:11:3 for these parameter values: IF @From IS NULL OR @To < @From holds, and it returns after Msg 50000, Level 16, State 1, Line 7: bad range for mode FULL.'],
        [['@From=2024-01-01', '@To=2024-03-31'], 'ends early at procedures/p.sql:17:3 for these parameter values: IF @Days > 31 holds, and it raises Msg 50001, Level 16, State 1, Procedure usp_RegionTotals, Line 11: range too long.'],
        [['@From=2024-01-01', '@To=2024-01-31', '@Mode=X'], "ends early at procedures/p.sql:18:3 for these parameter values: IF @Mode NOT IN ('FULL', 'DELTA') holds, and it returns."],
        // no sale in the range: the data file answers the guard on the table
        [['@From=2024-06-01', '@To=2024-06-30'], 'ends early at procedures/p.sql:24:3 for these parameter values: IF NOT EXISTS (SELECT 1 FROM dbo.Sales WHERE SoldOn BETWEEN @From AND @To) holds, and it returns.'],
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
      expect(JSON.parse(json.out).uncheckedExits).toEqual([{ at: 'procedures/p.sql:23:3', condition: '(SELECT COUNT(*) FROM dbo.LoadLog) > 1000', why: 'it reads dbo.LoadLog, written at line 20 before it' }]);
    });
  });

  it('answers a guard on the data from the run\'s data files: an idempotency check and a row count', async () => {
    await inTempDir('run-data-guard-', async (ws) => {
      await proposed(ws, 'load.sql', LOADER, 'dbo.usp_LoadDaily');
      expect((await runMigrate(['scaffold', 'dbo.usp_LoadDaily/01-daily-total', '--draft', '--root', ws])).code).toBe(0);
      const data = join(ws, 'data');
      mkdirSync(data);
      writeFileSync(join(data, 'stage.Orders.csv'), 'OrderId,Amount,OrderDate\n1,10.50,2024-01-03\n2,1.25,2024-01-03\n3,7,2024-01-04\n');
      writeFileSync(join(data, 'dbo.Load Log.csv'), 'RunDate,Status\n2024-01-02,DONE\n2024-01-04,FAILED\n');
      const run = (out: string, day: string): ReturnType<typeof runMigrate> => runMigrate(['run', 'dbo.usp_LoadDaily', '--data', data, '--format', 'csv', '--out', join(ws, out), '--root', ws, '--param', `@RunDate=${day}`]);

      const ok = await run('ok', '2024-01-03');
      expect(ok.code).toBe(0);
      expect(ok.err).not.toContain('may end early');
      expect(readFileSync(join(ws, 'ok/dbo.DailyTotal.csv'), 'utf8').trim().split('\n')).toEqual(['OrderDate,Total', '2024-01-03,11.7500']);
      // a failed load of the day is loaded again
      expect((await run('again', '2024-01-04')).code).toBe(0);

      const done = await run('done', '2024-01-02');
      expect(done.code).toBe(2);
      expect(done.err).toContain("ends early at procedures/load.sql:11:3 for these parameter values: IF EXISTS (SELECT 1 FROM dbo.[Load Log] WHERE RunDate = @RunDate AND Status = 'DONE') holds, and it returns.");
      expect(existsSync(join(ws, 'done'))).toBe(false);
      const none = await run('none', '2024-01-05');
      expect(none.code).toBe(2);
      expect(none.err).toContain('ends early at procedures/load.sql:17:3 for these parameter values: IF @n = 0 holds, and it returns after Msg 50000, Level 16, State 1, Line 11: no orders for the day.');

      // without a file the table is empty, as the pipeline reads it: the day is not done yet
      rmSync(join(data, 'dbo.Load Log.csv'));
      expect((await run('no-log', '2024-01-02')).err).toContain('IF @n = 0 holds');

      // the emulator loads CSV only: a Parquet input leaves the guard to a warning
      const s = await EngineSession.open({});
      try {
        await s.run(`COPY (SELECT * FROM read_csv(${quoteLiteral(join(data, 'stage.Orders.csv'))})) TO ${quoteLiteral(join(data, 'stage.Orders.parquet'))} (FORMAT parquet)`);
      } finally {
        s.close();
      }
      rmSync(join(data, 'stage.Orders.csv'));
      const parquet = await run('parquet', '2024-01-05');
      expect(parquet.code).toBe(0);
      expect(parquet.err).toContain('warning: the legacy procedure may end early at procedures/load.sql:17:3 (IF @n = 0), which migrate run cannot answer before the data is read (it reads stage.Orders, whose data the emulator reads from CSV only (data/stage.Orders.parquet))');
    });
  });

  it('treats IF … GOTO to a label only the end follows as the guard it is, and stops where a GOTO skips a section', async () => {
    await inTempDir('run-goto-exit-', async (ws) => {
      await proposed(ws, 'meter.sql', meterDay("  PRINT 'usp_MeterDay done';\n  RETURN 0;"), 'dbo.usp_MeterDay');
      expect((await runMigrate(['scaffold', 'dbo.usp_MeterDay/01-meter-day', '--draft', '--root', ws])).code).toBe(0);
      const data = join(ws, 'data');
      mkdirSync(data);
      writeFileSync(join(data, 'dbo.Meter Read.csv'), 'ReadId,MeterId,Read Day,Kwh\n1,7,2024-03-01,4.50\n2,7,2024-03-01,1.25\n');
      // the day's earlier total, which legacy keeps when the day has no reads
      writeFileSync(join(data, 'dbo.Meter Day.csv'), 'MeterId,Read Day,Kwh\n7,2024-03-02,9.00\n');
      const run = (out: string, day: string): ReturnType<typeof runMigrate> => runMigrate(['run', 'dbo.usp_MeterDay', '--data', data, '--format', 'csv', '--out', join(ws, out), '--root', ws, '--param', `@Day=${day}`]);

      const ok = await run('ok', '2024-03-01');
      expect(ok.code).toBe(0);
      expect(readFileSync(join(ws, 'ok/dbo.Meter Day.csv'), 'utf8').trim().split('\n')).toEqual(['MeterId,Read Day,Kwh', '7,2024-03-02,9.00', '7,2024-03-01,5.75']);
      const none = await run('none', '2024-03-02');
      expect(none.code).toBe(2);
      expect(none.err).toContain('ends early at procedures/meter.sql:10:3 for these parameter values: IF @reads = 0 holds, and it returns (its GOTO nothing_to_do leads to line 14, after which the procedure only ends).');
      expect(existsSync(join(ws, 'none'))).toBe(false);

      // an UPDATE after the label: the jump skips section 01 only, and the pipeline cannot skip it
      await proposed(ws, 'meter.sql', meterDay('  UPDATE dbo.Meter SET [Last Load] = @Day;\n  RETURN 0;'), 'dbo.usp_MeterDay');
      writeFileSync(join(data, 'dbo.Meter.csv'), 'MeterId,Last Load\n7,\n');
      expect((await runMigrate(['scaffold', '--all', '--draft', '--root', ws])).code).toBe(0);
      expect((await run('stamped', '2024-03-01')).code).toBe(0);
      const skipped = await run('skipped', '2024-03-02');
      expect(skipped.code).toBe(2);
      expect(skipped.err).toContain('dbo.usp_MeterDay jumps at procedures/meter.sql:10:3 for these parameter values: IF @reads = 0 holds, and its GOTO nothing_to_do goes on at line 14, skipping lines 11-13 (dbo.usp_MeterDay/01-meter-day).');
      expect(existsSync(join(ws, 'skipped'))).toBe(false);
    });
  });
});

/** A meter's daily kWh rebuild that jumps to `nothing_to_do:` when the day has no reads; `tail` follows the label. */
const meterDay = (tail: string): string => `CREATE TABLE dbo.[Meter Read] (ReadId int NOT NULL PRIMARY KEY, MeterId int NOT NULL, [Read Day] date NOT NULL, Kwh decimal(9,2) NOT NULL);
GO
CREATE TABLE dbo.[Meter Day] (MeterId int NOT NULL, [Read Day] date NOT NULL, Kwh decimal(11,2) NOT NULL);
GO
CREATE PROCEDURE dbo.usp_MeterDay @Day date AS
BEGIN
  SET NOCOUNT ON;
  DECLARE @reads int;
  SELECT @reads = COUNT(*) FROM dbo.[Meter Read] WHERE [Read Day] = @Day;
  IF @reads = 0 GOTO nothing_to_do;
  DELETE FROM dbo.[Meter Day] WHERE [Read Day] = @Day;
  INSERT INTO dbo.[Meter Day] (MeterId, [Read Day], Kwh)
  SELECT MeterId, @Day, SUM(Kwh) FROM dbo.[Meter Read] WHERE [Read Day] = @Day GROUP BY MeterId;
nothing_to_do:
${tail}
END
GO
CREATE TABLE dbo.Meter (MeterId int NOT NULL PRIMARY KEY, [Last Load] date NULL);
GO
`;

const LOADER = `CREATE TABLE dbo.[Load Log] (RunDate date NOT NULL, Status varchar(10) NOT NULL);
GO
CREATE TABLE stage.Orders (OrderId int NOT NULL PRIMARY KEY, Amount money NULL, OrderDate date NOT NULL);
GO
CREATE TABLE dbo.DailyTotal (OrderDate date NOT NULL, Total money NULL);
GO
CREATE PROCEDURE dbo.usp_LoadDaily @RunDate date AS
BEGIN
  SET NOCOUNT ON;
  DECLARE @n int;
  IF EXISTS (SELECT 1 FROM dbo.[Load Log] WHERE RunDate = @RunDate AND Status = 'DONE')
  BEGIN
    PRINT 'already loaded';
    RETURN 0;
  END
  SELECT @n = COUNT(*) FROM stage.Orders WHERE OrderDate = @RunDate;
  IF @n = 0 BEGIN RAISERROR('no orders for %s', 16, 1, 'the day'); RETURN 1; END
  INSERT INTO dbo.DailyTotal (OrderDate, Total) SELECT OrderDate, SUM(Amount) FROM stage.Orders WHERE OrderDate = @RunDate GROUP BY OrderDate;
  INSERT INTO dbo.[Load Log] (RunDate, Status) VALUES (@RunDate, 'DONE');
END
GO
`;
