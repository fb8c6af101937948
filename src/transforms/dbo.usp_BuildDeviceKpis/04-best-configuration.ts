// Section dbo.usp_BuildDeviceKpis/04-best-configuration: the best configuration per workload over the range
// Legacy: dbo.usp_builddevicekpis, lines 68,308-348. Spec: sections/dbo.usp_BuildDeviceKpis/04-best-configuration.feature
// #Candidate + #Ranked + DELETE/INSERT: the output is this range's rows of kpi.BestConfigurationByWorkload.
import { collationKey, defineTransform, exactFloatSum, roundedAverage, table } from '../../engine';

export const inputs = {
  'kpi.ConfigurationKpi': table({
    ConfigKey: 'text', KpiDate: 'date', WorkloadType: 'text', DeviceCount: 'int', Samples: 'int', AvgCpuPct: 'decimal(18,4)?',
    BatterySamples: 'int', TotalBatteryDrainMw: 'double?',
  }),
};

export const output = table({
  FromDate: 'date', ToDate: 'date', WorkloadType: 'text', ConfigKey: 'text', Samples: 'int', DeviceDays: 'int',
  AvgBatteryDrainMw: 'decimal(18,2)?', AvgCpuPct: 'decimal(18,2)?', CandidateCount: 'int',
});

export default defineTransform({
  name: 'dbo.usp_BuildDeviceKpis/04-best-configuration',
  inputs,
  outputName: 'kpi.BestConfigurationByWorkload',
  output,
  params: { '@FromDate': 'date', '@ToDate': 'date', '@MinSamples': 'int?' },
  // - SUM(AvgCpuPct * Samples) / SUM(Samples): exact in 1/10000 units, rounded half away from zero;
  //   rows with NULL CPU add nothing above the line but their Samples count below it (the quirk);
  // - SUM(TotalBatteryDrainMw) is a float sum: exact, then rounded once (exactFloatSum), order-free;
  // - 'UNKNOWN' and the grouping compare case-insensitively, trailing blanks ignored;
  // - ORDER BY in SQL Server puts NULL first: AvgCpuPct NULLS FIRST; drain NULL is pushed last explicitly.
  sql: ({ table, param }) => `
    WITH cand AS (
      SELECT min(WorkloadType) AS WorkloadType, min(ConfigKey) AS ConfigKey, ${collationKey('WorkloadType')} AS k_workload,
             CAST(sum(Samples) AS INTEGER) AS Samples, CAST(sum(DeviceCount) AS INTEGER) AS DeviceDays,
             CAST(round(${exactFloatSum('TotalBatteryDrainMw')} / nullif(sum(BatterySamples), 0), 2) AS DECIMAL(18,2)) AS AvgBatteryDrainMw,
             CAST(${roundedAverage('sum(CAST(round(AvgCpuPct * 10000) AS HUGEINT) * Samples)', '(100 * sum(Samples))', 2)} AS DECIMAL(18,2)) AS AvgCpuPct
      FROM ${table('kpi.ConfigurationKpi')}
      WHERE KpiDate BETWEEN ${param('@FromDate')} AND ${param('@ToDate')}
        AND ${collationKey('ConfigKey')} <> 'unknown'
      GROUP BY ${collationKey('WorkloadType')}, ${collationKey('ConfigKey')}
      HAVING sum(Samples) >= coalesce(${param('@MinSamples')}, 10)
    ), ranked AS (
      SELECT *, count(*) OVER (PARTITION BY k_workload) AS CandidateCount,
             row_number() OVER (PARTITION BY k_workload ORDER BY AvgBatteryDrainMw IS NULL, AvgBatteryDrainMw, AvgCpuPct NULLS FIRST, ${collationKey('ConfigKey')}) AS rn
      FROM cand
    )
    SELECT ${param('@FromDate')} AS FromDate, ${param('@ToDate')} AS ToDate, WorkloadType, ConfigKey, Samples, DeviceDays,
           AvgBatteryDrainMw, AvgCpuPct, CAST(CandidateCount AS INTEGER) AS CandidateCount
    FROM ranked WHERE rn = 1`,
});
