// Section dbo.usp_BuildDeviceKpis/02-device-daily-usage: daily usage KPIs per device
// Legacy: dbo.usp_builddevicekpis, lines 229-264. Spec: sections/dbo.usp_BuildDeviceKpis/02-device-daily-usage.feature
// Replaces the WHILE loop over days (DELETE + INSERT per day) with one GROUP BY over the range.
import { collationKey, defineTransform, exactFloatAverage, roundedAverage, table } from '../../engine';

export const inputs = {
  '#UsageWithConfig': table({ DeviceId: 'int', UsageDate: 'date', CpuPct: 'decimal(5,2)?', MemoryMb: 'int?', BatteryDrainMw: 'double?', NetworkKb: 'bigint?', ConfigKey: 'text?' }),
  'dbo.DeviceAppInventory': table({ DeviceId: 'int', BatchId: 'int', CollectedAt: 'timestamp' }),
};

export const output = table({
  DeviceId: 'int', UsageDate: 'date', Samples: 'int', AvgCpuPct: 'decimal(18,4)?', HighCpuSamplePct: 'int', MaxMemoryMb: 'int?',
  AvgBatteryDrainMw: 'decimal(18,4)?', TotalNetworkKb: 'bigint', AvgNetworkKbPerSample: 'bigint', ConfigChanges: 'int', AppCount: 'int',
});

export default defineTransform({
  name: 'dbo.usp_BuildDeviceKpis/02-device-daily-usage',
  inputs,
  outputName: 'kpi.DeviceDailyUsage',
  output,
  params: { '@FromDate': 'date', '@ToDate': 'date' },
  entity: 'DeviceId',
  // - ROUND(AVG(decimal(5,2)), 2): exact, in hundredths, half away from zero (roundedAverage);
  // - AVG(float) is the exact sum over the count (exactFloatAverage), never a sum whose last bits
  //   depend on the order DuckDB's threads add rows in;
  // - 100 * high / COUNT(*) and SUM / COUNT(*) are int/bigint divisions: '//' truncates like T-SQL;
  // - COUNT(DISTINCT ConfigKey) compares under the CI collation (collationKey: lower, trailing blanks ignored),
  //   lower-cased only on the distinct (device, day, spelling) rows, not on every sample: a
  //   separate grouping (u is read twice, not materialised) that is cheaper than a DISTINCT
  //   aggregate beside the sums;
  // - AppCount: highest BatchId collected before the next midnight, then all rows of that batch;
  //   a batch has a row before midnight exactly when its first row is, so the inventory is first
  //   reduced to one row per batch (first time, row count) and each device-day joins batches,
  //   not every inventory row twice.
  sql: ({ table, param }) => `
    WITH u AS NOT MATERIALIZED (
      SELECT * FROM ${table('#UsageWithConfig')}
      WHERE UsageDate BETWEEN ${param('@FromDate')} AND ${param('@ToDate')}
    ), agg AS (
      SELECT DeviceId, UsageDate, count(*) AS n,
             sum(CAST(round(CpuPct * 100) AS BIGINT)) AS cpu_sum, count(CpuPct) AS cpu_n,
             sum(CASE WHEN CpuPct >= 80 THEN 1 ELSE 0 END) AS high,
             max(MemoryMb) AS MaxMemoryMb,
             ${exactFloatAverage('BatteryDrainMw')} AS battery,
             sum(coalesce(NetworkKb, 0)) AS net
      FROM u GROUP BY DeviceId, UsageDate
    ), configs AS (
      SELECT DeviceId, UsageDate, count(DISTINCT ${collationKey('ConfigKey')}) AS configs
      FROM (SELECT DISTINCT DeviceId, UsageDate, ConfigKey FROM u)
      GROUP BY DeviceId, UsageDate
    ), inventory AS (
      SELECT DeviceId, BatchId, min(CollectedAt) AS FirstAt, count(*) AS Apps
      FROM ${table('dbo.DeviceAppInventory')} GROUP BY DeviceId, BatchId
    ), apps AS (
      SELECT a.DeviceId, a.UsageDate, arg_max(i.Apps, i.BatchId) AS AppCount
      FROM agg a JOIN inventory i ON i.DeviceId = a.DeviceId AND i.FirstAt < CAST(a.UsageDate AS TIMESTAMP) + INTERVAL 1 DAY
      GROUP BY a.DeviceId, a.UsageDate
    )
    SELECT a.DeviceId, a.UsageDate,
           CAST(a.n AS INTEGER) AS Samples,
           CAST(${roundedAverage('a.cpu_sum', 'a.cpu_n', 2)} AS DECIMAL(18,4)) AS AvgCpuPct,
           CAST(100 * a.high // a.n AS INTEGER) AS HighCpuSamplePct,
           a.MaxMemoryMb,
           CAST(round(a.battery, 2) AS DECIMAL(18,4)) AS AvgBatteryDrainMw,
           CAST(a.net AS BIGINT) AS TotalNetworkKb,
           CAST(a.net // a.n AS BIGINT) AS AvgNetworkKbPerSample,
           CAST(c.configs - 1 AS INTEGER) AS ConfigChanges,
           CAST(coalesce(p.AppCount, 0) AS INTEGER) AS AppCount
    FROM agg a JOIN configs c ON c.DeviceId = a.DeviceId AND c.UsageDate = a.UsageDate
    LEFT JOIN apps p ON p.DeviceId = a.DeviceId AND p.UsageDate = a.UsageDate`,
});
