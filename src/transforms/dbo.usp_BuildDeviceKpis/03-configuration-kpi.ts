// Section dbo.usp_BuildDeviceKpis/03-configuration-kpi: KPIs per configuration, day and workload, upserted
// Legacy: dbo.usp_builddevicekpis, lines 269-303. Spec: sections/dbo.usp_BuildDeviceKpis/03-configuration-kpi.feature
// #ConfigDay + MERGE: the output is the whole kpi.ConfigurationKpi after the upsert.
import { collationKey, defineTransform, exactFloatSumOfParts, exactFloatSumParts, roundedAverage, table } from '../../engine';

const drain = exactFloatSumParts('BatteryDrainMw');
const totalDrain = exactFloatSumOfParts('sum(k.drain_high)', 'sum(k.drain_low)');

const kpi = table({
  ConfigKey: 'text', KpiDate: 'date', WorkloadType: 'text', DeviceCount: 'int', Samples: 'int', AvgCpuPct: 'decimal(18,4)?',
  BatterySamples: 'int', TotalBatteryDrainMw: 'double?', AvgBatteryDrainMw: 'decimal(18,4)?', AvgNetworkKbPerSample: 'bigint',
});

export const inputs = {
  '#UsageWithConfig': table({ DeviceId: 'int', UsageDate: 'date', WorkloadType: 'text?', CpuPct: 'decimal(5,2)?', BatteryDrainMw: 'double?', NetworkKb: 'bigint?', ConfigKey: 'text?' }),
  'kpi.ConfigurationKpi': kpi,
};

export const output = kpi;

export default defineTransform({
  name: 'dbo.usp_BuildDeviceKpis/03-configuration-kpi',
  inputs,
  outputName: 'kpi.ConfigurationKpi',
  output,
  // - GROUP BY and the MERGE ON compare under the CI collation (collationKey); which spelling a
  //   group shows is unspecified in SQL Server: we take the smallest; a matched target keeps its own;
  // - ROUND(AVG(CpuPct), 2) exact in hundredths; network is integer division;
  // - drain SUM/AVG are float: the exact sum rounded once (exactFloatSum), the same on every run.
  // The 2.1M rows hold a few hundred spellings of a key: the sums are taken per spelling, day and
  // workload first (the exact float sum as its two integer parts, which add exactly), and only
  // those few rows get the collation key and fold into their group. DeviceCount needs distinct
  // (group, device) pairs, not a sum of per-spelling counts: each row is mapped to its group's
  // number through the small spelling table and the pairs are counted on integers. The input is
  // read twice, not materialised (copying 2.1M keys cost more than the second scan).
  sql: ({ table }) => `
    WITH usage AS NOT MATERIALIZED (
      SELECT DeviceId, UsageDate, ConfigKey, coalesce(WorkloadType, 'Unknown') AS WorkloadType, CpuPct, BatteryDrainMw, NetworkKb
      FROM ${table('#UsageWithConfig')}
    ), spelled AS (
      SELECT ConfigKey, UsageDate, WorkloadType,
             count(*) AS n, sum(CAST(round(CpuPct * 100) AS BIGINT)) AS cpu_sum, count(CpuPct) AS cpu_n,
             count(BatteryDrainMw) AS drain_n, ${drain.high} AS drain_high, ${drain.low} AS drain_low,
             sum(coalesce(NetworkKb, 0)) AS net
      FROM usage GROUP BY ConfigKey, UsageDate, WorkloadType
    ), keyed AS (
      SELECT *, dense_rank() OVER (ORDER BY k_config, UsageDate, k_workload) AS g
      FROM (SELECT *, ${collationKey('ConfigKey')} AS k_config, ${collationKey('WorkloadType')} AS k_workload FROM spelled)
    ), devices AS (
      SELECT g, count(*) AS DeviceCount
      FROM (SELECT DISTINCT k.g, u.DeviceId FROM usage u
            JOIN keyed k ON k.ConfigKey IS NOT DISTINCT FROM u.ConfigKey AND k.UsageDate = u.UsageDate AND k.WorkloadType = u.WorkloadType)
      GROUP BY g
    ), src AS (
      SELECT min(k.ConfigKey) AS ConfigKey, k.UsageDate AS KpiDate, min(k.WorkloadType) AS WorkloadType, k.k_config, k.k_workload,
             CAST(any_value(d.DeviceCount) AS INTEGER) AS DeviceCount,
             CAST(sum(k.n) AS INTEGER) AS Samples,
             CAST(${roundedAverage('sum(k.cpu_sum)', 'sum(k.cpu_n)', 2)} AS DECIMAL(18,4)) AS AvgCpuPct,
             CAST(sum(k.drain_n) AS INTEGER) AS BatterySamples,
             ${totalDrain} AS TotalBatteryDrainMw,
             CAST(round(${totalDrain} / sum(k.drain_n), 2) AS DECIMAL(18,4)) AS AvgBatteryDrainMw,
             CAST(sum(k.net) // sum(k.n) AS BIGINT) AS AvgNetworkKbPerSample
      FROM keyed k JOIN devices d ON d.g = k.g
      GROUP BY k.g, k.k_config, k.UsageDate, k.k_workload
    ), tgt AS (
      SELECT *, ${collationKey('ConfigKey')} AS k_config, ${collationKey('WorkloadType')} AS k_workload FROM ${table('kpi.ConfigurationKpi')}
    )
    SELECT coalesce(t.ConfigKey, s.ConfigKey) AS ConfigKey, s.KpiDate, coalesce(t.WorkloadType, s.WorkloadType) AS WorkloadType,
           s.DeviceCount, s.Samples, s.AvgCpuPct, s.BatterySamples, s.TotalBatteryDrainMw, s.AvgBatteryDrainMw, s.AvgNetworkKbPerSample
    FROM src s LEFT JOIN tgt t ON t.k_config = s.k_config AND t.KpiDate = s.KpiDate AND t.k_workload = s.k_workload
    UNION ALL
    SELECT t.ConfigKey, t.KpiDate, t.WorkloadType, t.DeviceCount, t.Samples, t.AvgCpuPct, t.BatterySamples, t.TotalBatteryDrainMw, t.AvgBatteryDrainMw, t.AvgNetworkKbPerSample
    FROM tgt t ANTI JOIN src s ON t.k_config = s.k_config AND t.KpiDate = s.KpiDate AND t.k_workload = s.k_workload`,
});
