// Section dbo.usp_BuildDeviceKpis/05-best-configuration-result: the result set of the procedure
// Legacy: dbo.usp_builddevicekpis, lines 367-377. Spec: sections/dbo.usp_BuildDeviceKpis/05-best-configuration-result.feature
import { defineTransform, table } from '../../engine';

const best = table({
  FromDate: 'date', ToDate: 'date', WorkloadType: 'text', ConfigKey: 'text', Samples: 'int', DeviceDays: 'int',
  AvgBatteryDrainMw: 'decimal(18,2)?', AvgCpuPct: 'decimal(18,2)?', CandidateCount: 'int',
});

export const inputs = { 'kpi.BestConfigurationByWorkload': best };

export const output = table({
  WorkloadType: 'text', ConfigKey: 'text', Samples: 'int', DeviceDays: 'int', AvgBatteryDrainMw: 'decimal(18,2)?', AvgCpuPct: 'decimal(18,2)?', CandidateCount: 'int',
});

export default defineTransform({
  name: 'dbo.usp_BuildDeviceKpis/05-best-configuration-result',
  inputs,
  outputName: 'result',
  output,
  params: { '@FromDate': 'date', '@ToDate': 'date' },
  sql: ({ table, param }) => `
    SELECT WorkloadType, ConfigKey, Samples, DeviceDays, AvgBatteryDrainMw, AvgCpuPct, CandidateCount
    FROM ${table('kpi.BestConfigurationByWorkload')}
    WHERE FromDate = ${param('@FromDate')} AND ToDate = ${param('@ToDate')}
    ORDER BY WorkloadType`,
});
