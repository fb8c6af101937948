import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EngineSession } from '../../../src/engine';
import { emulateProcedure, type EmulationResult } from '../../../src/legacy/emulator/emulate-procedure';
import { loadScripts, runCapture } from '../../../src/legacy/capture';

// The repository's example procedures on tiny data whose results were worked out by hand
// from the procedures' logic and procedures/README.md.
const root = join(__dirname, '../../..');
const scripts = loadScripts([join(root, 'procedures/tables'), join(root, 'procedures')]);

async function run(procedure: string, csv: Record<string, string>, params: Record<string, unknown> = {}): Promise<EmulationResult> {
  const dir = mkdtempSync(join(tmpdir(), 'legacy-example-'));
  const inputs = Object.entries(csv).map(([table, text]) => {
    const file = join(dir, `${table}.csv`);
    writeFileSync(file, text);
    return { table, file };
  });
  const session = await EngineSession.open({ threads: 1 });
  try {
    return await emulateProcedure({ scripts, procedure, params, session, inputs, clock: '2026-03-08T02:30:00' });
  } finally {
    session.close();
  }
}

const plain = (rows: readonly Record<string, unknown>[], cols: readonly string[]) => rows.map((r) => cols.map((c) => {
  const v = r[c];
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return v;
}));

describe('dbo.usp_CountEntityLetters by hand', () => {
  const csv = {
    'dbo.Entity': 'EntityId,EntityName,Letter\n1,Alpha,a\n2,Beta,S\n',
    // banana: 3 a; 'Apple  ': 1 (A matches a, case-insensitive); NULL word: scanned, no letters.
    // sass: 3 (S = s); é: 0 (accent-sensitive); mississippi: 4.
    'dbo.EntityWord': 'EntityWordId,EntityId,Word\n1,1,banana\n2,1,"Apple  "\n3,1,\n4,2,sass\n5,2,é\n6,2,mississippi\n',
  };

  it('counts letters case-insensitively for every entity', async () => {
    const r = await run('dbo.usp_CountEntityLetters', csv);
    const out = r.outputs.find((o) => o.name === 'dbo.entitylettercount');
    expect(plain(out?.rows ?? [], ['EntityId', 'Letter', 'Occurrences', 'WordsScanned'])).toEqual([[1, 'a', 4, 3], [2, 'S', 7, 3]]);
    expect(r.returnValue).toBe(0);
  });

  it('recounts one entity with @EntityId', async () => {
    const r = await run('dbo.usp_CountEntityLetters', csv, { EntityId: 2 });
    const out = r.outputs.find((o) => o.name === 'dbo.entitylettercount');
    expect(plain(out?.rows ?? [], ['EntityId', 'Occurrences'])).toEqual([[2, 7]]);
  });
});

describe('dbo.usp_BuildDeviceKpis by hand', () => {
  const csv = {
    'dbo.Device': 'DeviceId,DeviceName,Model,IsActive,CreatedAt\n1,D1,L,1,2026-01-01 00:00:00\n2,D2,L,1,2026-01-01 00:00:00\n3,D3,L,0,2026-01-01 00:00:00\n',
    'dbo.DeviceConfigSnapshot': 'DeviceId,BatchId,CollectedAt,SettingName,SettingValue\n1,1,2026-03-01 00:00:00,B,x\n1,1,2026-03-01 00:00:00,A,1\n',
    'dbo.DeviceUsage': [
      'UsageId,DeviceId,RecordedAt,CpuPct,MemoryMb,BatteryDrainMw,NetworkKb,WorkloadType',
      '1,1,2026-03-02 10:00:00,80.00,100,10.0,10,Office',
      '2,1,2026-03-02 11:00:00,20.00,200,,5,Office',
      '3,1,2026-03-02 12:00:00,10.00,50,20.0,,Video',
      '4,1,2026-03-03 10:00:00,50.50,100,30.0,7,',
      '5,2,2026-03-02 09:00:00,,,,1,Office',
      '6,2,2026-03-03 09:00:00,99.99,,,3,Office',
      '7,3,2026-03-02 09:00:00,1.00,1,1.0,1,Office',
    ].join('\n') + '\n',
  };
  let r: EmulationResult;
  beforeAll(async () => {
    r = await run('dbo.usp_BuildDeviceKpis', csv, { FromDate: '2026-03-02', ToDate: '2026-03-03', MinSamples: 1 });
  });
  const table = (name: string) => r.outputs.find((o) => o.name === name)?.rows ?? [];

  it('builds daily usage: averages rounded, percentages and per-sample network truncated', () => {
    expect(plain(table('kpi.devicedailyusage'), ['DeviceId', 'UsageDate', 'Samples', 'AvgCpuPct', 'HighCpuSamplePct', 'MaxMemoryMb', 'AvgBatteryDrainMw', 'TotalNetworkKb', 'AvgNetworkKbPerSample', 'ConfigChanges', 'AppCount'])).toEqual([
      // (80+20+10)/3 = 36.67; 1 of 3 samples >= 80 -> 33; battery (10+20)/2; network 15/3
      [1, '2026-03-02', 3, 36.67, 33, 200, 15, 15, 5, 0, 0],
      [1, '2026-03-03', 1, 50.5, 0, 100, 30, 7, 7, 0, 0],
      [2, '2026-03-02', 1, null, 0, null, null, 1, 1, 0, 0],
      [2, '2026-03-03', 1, 99.99, 100, null, null, 3, 3, 0, 0],
    ]);
  });

  it('builds configuration KPIs with the sorted settings key and UNKNOWN for never-scanned devices', () => {
    expect(plain(table('kpi.configurationkpi'), ['ConfigKey', 'KpiDate', 'WorkloadType', 'DeviceCount', 'Samples', 'AvgCpuPct', 'BatterySamples', 'TotalBatteryDrainMw', 'AvgBatteryDrainMw', 'AvgNetworkKbPerSample'])).toEqual([
      ['A=1;B=x', '2026-03-02', 'Office', 1, 2, 50, 1, 10, 10, 7],
      ['A=1;B=x', '2026-03-02', 'Video', 1, 1, 10, 1, 20, 20, 0],
      ['A=1;B=x', '2026-03-03', 'Unknown', 1, 1, 50.5, 1, 30, 30, 7],
      ['UNKNOWN', '2026-03-02', 'Office', 1, 1, null, 0, null, null, 1],
      ['UNKNOWN', '2026-03-03', 'Office', 1, 1, 99.99, 0, null, null, 3],
    ]);
  });

  it('picks the best configuration per workload and returns it as a result set', () => {
    const cols = ['WorkloadType', 'ConfigKey', 'Samples', 'DeviceDays', 'AvgBatteryDrainMw', 'AvgCpuPct', 'CandidateCount'];
    const expected = [
      ['Office', 'A=1;B=x', 2, 1, 10, 50, 1],
      ['Unknown', 'A=1;B=x', 1, 1, 30, 50.5, 1],
      ['Video', 'A=1;B=x', 1, 1, 20, 10, 1],
    ];
    expect(plain(table('kpi.bestconfigurationbyworkload'), cols)).toEqual(expected);
    expect(plain(r.resultSets[0]?.rows ?? [], cols)).toEqual(expected);
  });

  it('logs the run', () => {
    expect(plain(table('dbo.procrunlog'), ['Status', 'RowsAffected', 'Message'])).toEqual([
      ['Succeeded', 4 + 5 + 3, 'Devices=2;WithoutUsage=0;Daily=4;Kpi=5;Best=3'],
    ]);
  });

  it('refuses a reversed range with RAISERROR 16 and return code -1 semantics', async () => {
    // Outside TRY, RAISERROR sends the error to the client and the procedure goes on to RETURN -1.
    const r = await run('dbo.usp_BuildDeviceKpis', csv, { FromDate: '2026-03-03', ToDate: '2026-03-02' });
    expect(r.errors.map((e) => [e.number, e.severity])).toEqual([[50000, 16]]);
    expect(r.errors[0]?.message).toMatch(/@FromDate must not be after @ToDate/);
    expect(r.returnValue).toBe(-1);
  });
});

describe('committed example baselines', () => {
  it.each([
    ['dbo.usp_CountEntityLetters', {}],
    ['dbo.usp_BuildDeviceKpis', { FromDate: '2026-03-02', ToDate: '2026-03-07' }],
  ])('%s reproduces acceptance/example/baseline', async (proc, params) => {
    const out = mkdtempSync(join(tmpdir(), 'legacy-baseline-'));
    await runCapture({
      procedure: proc, dataDir: join(root, 'acceptance/example/data'), tablesDir: join(root, 'procedures/tables'), proceduresDir: join(root, 'procedures'),
      params: params as Record<string, string>, engine: 'emulator', outDir: out, format: 'csv', clock: '2026-03-08T02:30:00',
    });
    const baseline = join(root, 'acceptance/example/baseline', proc);
    const files = readdirSync(baseline).filter((f) => f.endsWith('.csv')).sort();
    expect(readdirSync(out).filter((f) => f.endsWith('.csv')).sort()).toEqual(files);
    for (const f of files) expect(readFileSync(join(out, f), 'utf8')).toBe(readFileSync(join(baseline, f), 'utf8'));
    // the whole example capture, with its second run in the other order: ~15 s on an idle 2-core
    // machine, past jest's 60 s default on a loaded one (a guard against a hang, not a speed check)
  }, 240000);
});
