import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMigrate, type MigrateRun } from '../support/run-migrate';

// `migrate capture` in-process (runCli), so the test does not depend on a fresh build.
const root = join(__dirname, '../..');
const data = join(root, 'acceptance/example/data');
const procedures = join(root, 'procedures');

const capture = (args: string[], env: Record<string, string | undefined> = {}): Promise<MigrateRun> => runMigrate(['capture', ...args], env);

describe('migrate capture', () => {
  it('writes sorted baselines and a manifest with the emulator (exit 0)', async () => {
    const out = mkdtempSync(join(tmpdir(), 'capture-e2e-'));
    const r = await capture(['dbo.usp_BuildDeviceKpis', '--data', data, '--procedures', procedures, '--param', 'FromDate=2026-03-02',
      '--param', '@ToDate=2026-03-07', '--clock', '2026-03-08T02:30:00', '--out', out, '--json']);
    expect(r.code).toBe(0);
    const manifest = JSON.parse(r.out) as { engine: string; params: Record<string, string>; tables: { name: string; rows: number; file: string }[]; clock: string };
    expect(manifest.engine).toBe('emulator');
    expect(manifest.params).toEqual({ FromDate: '2026-03-02', ToDate: '2026-03-07' });
    expect(manifest.clock).toBe('2026-03-08 02:30:00');
    expect(manifest.tables.map((t) => [t.name, t.rows])).toEqual([
      ['dbo.procrunlog', 1], ['kpi.bestconfigurationbyworkload', 3], ['kpi.configurationkpi', 125], ['kpi.devicedailyusage', 36],
    ]);
    const daily = readFileSync(join(out, 'kpi.DeviceDailyUsage.csv'), 'utf8').split('\n');
    expect(daily[0]).toBe('DeviceId,UsageDate,Samples,AvgCpuPct,HighCpuSamplePct,MaxMemoryMb,AvgBatteryDrainMw,TotalNetworkKb,AvgNetworkKbPerSample,ConfigChanges,AppCount,LoadedAt');
    expect(JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'))).toMatchObject({ procedure: 'dbo.usp_builddevicekpis' });
  });

  it('writes Parquet when asked', async () => {
    const out = mkdtempSync(join(tmpdir(), 'capture-e2e-'));
    const r = await capture(['dbo.usp_CountEntityLetters', '--data', data, '--procedures', procedures, '--out', out, '--format', 'parquet']);
    expect(r.code).toBe(0);
    expect(existsSync(join(out, 'dbo.EntityLetterCount.parquet'))).toBe(true);
    expect(r.out).toMatch(/dbo\.EntityLetterCount\s+12\s+EntityId/);
  });

  it.each([
    [['dbo.usp_RunNightlyKpis', '--param', 'RunDate=2026-03-08'], {}, /procedures\/dbo\.usp_RunNightlyKpis\.sql:51:5: the emulator does not run dynamic SQL \(sp_executesql\)/],
    [['dbo.usp_CountEntityLetters', '--engine', 'mssql'], { MIGRATE_MSSQL_URL: undefined }, /MIGRATE_MSSQL_URL is not set/],
    [['dbo.usp_CountEntityLetters', '--engine', 'mssql'], { MIGRATE_MSSQL_URL: 'mssql://sa:Sekr3t!@h:1/db?encrypt=perhaps' }, /encrypt=perhaps is not a boolean/],
    [['dbo.usp_CountEntityLetters', '--engine', 'oracle'], {}, /--engine oracle is not an engine/],
    [['dbo.usp_CountEntityLetters', '--param', 'EntityId'], {}, /--param EntityId is not name=value/],
    // Named as written (the CREATE's spelling, the flag's), never as the lower-case lookup key.
    [['dbo.usp_CountEntityLetters', '--param', 'Nope=1'], {}, /dbo\.usp_CountEntityLetters has no parameter @Nope\n/],
    [['dbo.usp_Missing'], {}, /the procedure dbo\.usp_Missing is not in the loaded procedures/],
    [['dbo.usp_CountEntityLetters', '--clock', 'yesterday'], {}, /--clock yesterday is not a date-time/],
  ])('exits 2 for %j', async (args, env, message) => {
    const out = mkdtempSync(join(tmpdir(), 'capture-e2e-'));
    const r = await capture([...args, '--data', data, '--procedures', procedures, '--out', out], env);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.err).not.toMatch(/Sekr3t/);
    expect(r.err).not.toMatch(/\n\s+at /);
  });
  it('stops on an internal failure of the emulator with exit 2, the location, and writes nothing', async () => {
    // varbinary + int is not implemented: the SQL the emulator generates fails in DuckDB. The
    // procedure's CATCH must not take that path; the capture must not write a baseline.
    const ws = mkdtempSync(join(tmpdir(), 'capture-internal-'));
    mkdirSync(join(ws, 'procedures'));
    mkdirSync(join(ws, 'data'));
    writeFileSync(join(ws, 'procedures', 'usp_Bin.sql'), [
      'CREATE PROCEDURE dbo.usp_Bin AS', 'BEGIN', '  DECLARE @b varbinary(10) = 0x0102;', '  BEGIN TRY',
      '    SELECT @b + 1 AS v;', '  END TRY', '  BEGIN CATCH', "    SELECT 'caught' AS v;", '  END CATCH', 'END', '',
    ].join('\n'));
    const out = join(ws, 'out');
    const r = await capture(['dbo.usp_Bin', '--data', join(ws, 'data'), '--procedures', join(ws, 'procedures'), '--out', out]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/usp_Bin\.sql:5:5: internal error of the emulator/);
    expect(existsSync(out)).toBe(false);
  });
});
