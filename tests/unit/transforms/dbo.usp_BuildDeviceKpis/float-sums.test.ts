// The float SUM/AVG of BuildDeviceKpis's sections must not depend on the order rows reach the
// aggregate: at 100,000 devices DuckDB's threads add them in a different order on every run,
// and ROUND(AVG(BatteryDrainMw), 2) moved by 0.01. Each section runs twice here, on the same
// rows in two orders that a row-by-row float sum tells apart (checked first, so the data really
// exposes the order dependence), and must give the same rows both times.
import { EngineSession, runTransform } from '../../../../src/engine';
import daily from '../../../../src/transforms/dbo.usp_BuildDeviceKpis/02-device-daily-usage';
import configuration from '../../../../src/transforms/dbo.usp_BuildDeviceKpis/03-configuration-kpi';
import best from '../../../../src/transforms/dbo.usp_BuildDeviceKpis/04-best-configuration';

// ROUND(sum / 4, 2) of these is 13.68 or 13.69 depending on the order they are added in.
const DRAINS = [3.9, 19.25, 21.99, 9.6];
const PARAMS = { '@FromDate': '2026-03-02', '@ToDate': '2026-03-02', '@MinSamples': 1 };

describe('BuildDeviceKpis float sums are the same whatever the row order', () => {
  let session: EngineSession;
  // one thread: the scan order is the order rows were loaded in, so each run's order is known
  beforeAll(async () => { session = await EngineSession.open({ threads: 1 }); });
  afterAll(() => session.close());

  const usageRows = (drains: readonly number[]): { DeviceId: number; UsageDate: string; WorkloadType: string; CpuPct: number; MemoryMb: number; BatteryDrainMw: number; NetworkKb: bigint; ConfigKey: string }[] =>
    drains.map((d) => ({ DeviceId: 1, UsageDate: '2026-03-02', WorkloadType: 'Office', CpuPct: 50, MemoryMb: 100, BatteryDrainMw: d, NetworkKb: 1n, ConfigKey: 'PowerMode=Balanced' }));
  const kpiRows = (drains: readonly number[]): Record<string, unknown>[] =>
    drains.map((d, i) => ({ ConfigKey: 'PowerMode=Balanced', KpiDate: '2026-03-02', WorkloadType: `Office${' '.repeat(i)}`, DeviceCount: 1, Samples: 5, AvgCpuPct: 50, BatterySamples: 1, TotalBatteryDrainMw: d, AvgBatteryDrainMw: d, AvgNetworkKbPerSample: 1n }));

  it('the drains expose the order dependence of a row-by-row float sum', async () => {
    const roundedAverage = async (order: readonly number[]): Promise<unknown> =>
      session.scalar(`SELECT round(sum(x ORDER BY i) / count(x), 2) FROM (VALUES ${order.map((x, i) => `(${i}, CAST('${x}' AS DOUBLE))`).join(', ')}) t(i, x)`);
    expect(await roundedAverage(DRAINS)).not.toBe(await roundedAverage([...DRAINS].reverse()));
  });

  it.each([
    ['02-device-daily-usage', async (drains: readonly number[]) => runTransform(session, daily, { '#UsageWithConfig': usageRows(drains), 'dbo.DeviceAppInventory': [] }, PARAMS), 13.68],
    ['03-configuration-kpi', async (drains: readonly number[]) => runTransform(session, configuration, { '#UsageWithConfig': usageRows(drains), 'kpi.ConfigurationKpi': [] }), 13.68],
    // four ConfigurationKpi rows of one workload (trailing blanks compare equal) with a drain each, one battery sample each
    ['04-best-configuration', async (drains: readonly number[]) => runTransform(session, best, { 'kpi.ConfigurationKpi': kpiRows(drains) as never }, PARAMS), 13.68],
  ])('%s gives the same rows for both orders, with the exact sum', async (_section, run, expected) => {
    const forward = await run(DRAINS);
    const backward = await run([...DRAINS].reverse());
    expect(backward).toEqual(forward);
    expect(forward).toHaveLength(1);
    expect(Number((forward[0] as { AvgBatteryDrainMw: unknown }).AvgBatteryDrainMw)).toBe(expected);
  });
});
