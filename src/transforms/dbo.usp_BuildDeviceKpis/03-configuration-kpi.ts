// Section dbo.usp_BuildDeviceKpis/03-configuration-kpi: KPIs per configuration, day and workload, upserted
// Legacy: dbo.usp_builddevicekpis, lines 269-303. Spec: sections/dbo.usp_BuildDeviceKpis/03-configuration-kpi.feature
// #ConfigDay + MERGE: the output is the whole kpi.ConfigurationKpi after the upsert.
import { defineTransform, table } from '../../engine';
import { collationKey, exactFloatAverage, exactFloatSum, roundedAverage } from '../sql-server-semantics';

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
  sql: ({ table }) => `
    WITH src AS (
      SELECT min(ConfigKey) AS ConfigKey, UsageDate AS KpiDate, min(coalesce(WorkloadType, 'Unknown')) AS WorkloadType,
             ${collationKey('ConfigKey')} AS k_config, ${collationKey("coalesce(WorkloadType, 'Unknown')")} AS k_workload,
             CAST(count(DISTINCT DeviceId) AS INTEGER) AS DeviceCount,
             CAST(count(*) AS INTEGER) AS Samples,
             CAST(${roundedAverage('sum(CAST(round(CpuPct * 100) AS BIGINT))', 'count(CpuPct)', 2)} AS DECIMAL(18,4)) AS AvgCpuPct,
             CAST(count(BatteryDrainMw) AS INTEGER) AS BatterySamples,
             ${exactFloatSum('BatteryDrainMw')} AS TotalBatteryDrainMw,
             CAST(round(${exactFloatAverage('BatteryDrainMw')}, 2) AS DECIMAL(18,4)) AS AvgBatteryDrainMw,
             CAST(sum(coalesce(NetworkKb, 0)) // count(*) AS BIGINT) AS AvgNetworkKbPerSample
      FROM ${table('#UsageWithConfig')}
      GROUP BY ${collationKey('ConfigKey')}, UsageDate, ${collationKey("coalesce(WorkloadType, 'Unknown')")}
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
