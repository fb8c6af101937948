// Sections 02 and 03 lower-case ConfigKey only on distinct spellings, not on every sample.
// Section 03 aggregates per spelling of ConfigKey and WorkloadType first and folds the spellings
// into their case- and trailing-blank-insensitive group afterwards (for speed: 2.1M rows hold a
// few hundred spellings). That must give exactly the rows of grouping every row by its collation
// key directly, as the section did before: the same sums to the last bit of the float, and a
// DeviceCount of distinct devices per group, not a sum of per-spelling device counts.
import { EngineSession, defineTransform, runTransform } from '../../../../src/engine';
import daily from '../../../../src/transforms/dbo.usp_BuildDeviceKpis/02-device-daily-usage';
import configuration, { inputs, output } from '../../../../src/transforms/dbo.usp_BuildDeviceKpis/03-configuration-kpi';
import { collationKey, exactFloatAverage, exactFloatSum, roundedAverage } from '../../../../src/engine';

/** The section's grouping as it was written before the pre-aggregation: every row keyed directly. */
const direct = defineTransform({
  name: 'reference/03-configuration-kpi-direct',
  inputs,
  outputName: 'kpi.ConfigurationKpi',
  output,
  sql: ({ table }) => `
    SELECT min(ConfigKey) AS ConfigKey, UsageDate AS KpiDate, min(coalesce(WorkloadType, 'Unknown')) AS WorkloadType,
           CAST(count(DISTINCT DeviceId) AS INTEGER) AS DeviceCount,
           CAST(count(*) AS INTEGER) AS Samples,
           CAST(${roundedAverage('sum(CAST(round(CpuPct * 100) AS BIGINT))', 'count(CpuPct)', 2)} AS DECIMAL(18,4)) AS AvgCpuPct,
           CAST(count(BatteryDrainMw) AS INTEGER) AS BatterySamples,
           ${exactFloatSum('BatteryDrainMw')} AS TotalBatteryDrainMw,
           CAST(round(${exactFloatAverage('BatteryDrainMw')}, 2) AS DECIMAL(18,4)) AS AvgBatteryDrainMw,
           CAST(sum(coalesce(NetworkKb, 0)) // count(*) AS BIGINT) AS AvgNetworkKbPerSample
    FROM ${table('#UsageWithConfig')}
    GROUP BY ${collationKey('ConfigKey')}, UsageDate, ${collationKey("coalesce(WorkloadType, 'Unknown')")}`,
});

// spellings of two keys (case, trailing blanks; a tab is not a blank) and NULL
const CONFIG_KEYS = ['PowerMode=Balanced', 'powermode=balanced ', 'POWERMODE=BALANCED  ', 'PowerMode=Saver', 'powermode=saver', 'PowerMode=Saver\t', null];
const WORKLOADS = ['Office', 'office ', 'OFFICE', 'Gaming', null, 'unknown ', 'Unknown'];
// drains whose row-by-row float sum moves with the order they are added in
const DRAINS = [25.51, 13.62, 28.98, 24.39, 6.72, 16.26, 20.68, 17.8, 3.9, 19.25, 21.99, 9.6, 1e12, -1e12, 0.1];

/** `n` usage rows over 23 devices and two days, every device under several spellings of one key. */
function usageRows(n: number): Record<string, unknown>[] {
  return Array.from({ length: n }, (_, i) => ({
    DeviceId: i % 23,
    UsageDate: i % 3 === 0 ? '2026-03-03' : '2026-03-02',
    WorkloadType: WORKLOADS[(i * 5) % WORKLOADS.length],
    CpuPct: i % 13 === 0 ? null : (i * 37) % 10000 / 100,
    BatteryDrainMw: i % 11 === 0 ? null : DRAINS[(i * 3) % DRAINS.length],
    NetworkKb: i % 17 === 0 ? null : BigInt((i * 101) % 5000),
    ConfigKey: CONFIG_KEYS[(i * 7) % CONFIG_KEYS.length],
  }));
}

describe('03-configuration-kpi pre-aggregates per spelling and folds exactly', () => {
  let session: EngineSession;
  beforeAll(async () => { session = await EngineSession.open({ threads: 2 }); });
  afterAll(() => session.close());

  it.each([[1], [7], [60], [2000]])('%p rows give the rows of grouping every row directly', async (n) => {
    const rows = usageRows(n);
    const expected = await runTransform(session, direct, { '#UsageWithConfig': rows as never, 'kpi.ConfigurationKpi': [] });
    const actual = await runTransform(session, configuration, { '#UsageWithConfig': rows as never, 'kpi.ConfigurationKpi': [] });
    expect(actual).toEqual(expected);
    expect(actual.length).toBeGreaterThan(0);
  });

  it('counts a device seen under several spellings of one key once', async () => {
    const rows = ['PowerMode=Balanced', 'POWERMODE=balanced ', 'powermode=BALANCED'].flatMap((key) => [1, 2, 3].map((device) => ({
      DeviceId: device, UsageDate: '2026-03-02', WorkloadType: 'Office', CpuPct: 50, BatteryDrainMw: 1.5, NetworkKb: 10n, ConfigKey: key,
    })));
    const [row, ...rest] = await runTransform(session, configuration, { '#UsageWithConfig': rows as never, 'kpi.ConfigurationKpi': [] });
    expect(rest).toHaveLength(0);
    expect(row).toMatchObject({ ConfigKey: 'POWERMODE=balanced ', DeviceCount: 3, Samples: 9, BatterySamples: 9, TotalBatteryDrainMw: 13.5 });
  });
});

describe('02-device-daily-usage counts configurations per device and day under the collation', () => {
  let session: EngineSession;
  beforeAll(async () => { session = await EngineSession.open({ threads: 2 }); });
  afterAll(() => session.close());

  const PARAMS = { '@FromDate': '2026-03-02', '@ToDate': '2026-03-03' };
  it.each([
    ['one spelling', ['PowerMode=Balanced'], 0],
    ['case and trailing blanks only', ['PowerMode=Balanced', 'POWERMODE=balanced ', 'powermode=BALANCED  '], 0],
    ['two keys, several spellings', ['PowerMode=Balanced', 'powermode=balanced', 'PowerMode=Saver', 'POWERMODE=SAVER '], 1],
    ['a tab is not a blank', ['PowerMode=Saver', 'PowerMode=Saver\t'], 1],
    ['NULL is no configuration', ['PowerMode=Saver', null, null], 0],
    ['only NULL', [null, null], -1],
  ])('%s: ConfigChanges %p', async (_name, keys, changes) => {
    const rows = keys.flatMap((key, i) => [1, 2].map((device) => ({
      DeviceId: device, UsageDate: '2026-03-02', CpuPct: 50 + i, MemoryMb: 100, BatteryDrainMw: 1.5, NetworkKb: 10n, ConfigKey: key,
    })));
    const out = await runTransform(session, daily, { '#UsageWithConfig': rows as never, 'dbo.DeviceAppInventory': [] }, PARAMS);
    expect(out.map((r) => [r.DeviceId, r.Samples, r.ConfigChanges])).toEqual([1, 2].map((d) => [d, keys.length, changes]));
  });
});
