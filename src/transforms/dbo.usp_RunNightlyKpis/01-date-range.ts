// Section dbo.usp_RunNightlyKpis/01-date-range: the nightly date range
// Legacy: dbo.usp_runnightlykpis, lines 25-27. Spec: sections/dbo.usp_RunNightlyKpis/01-date-range.feature
import { defineTransform, table } from '../../engine';

export const output = table({ RunDate: 'date', FromDate: 'date', ToDate: 'date' });

export default defineTransform({
  name: 'dbo.usp_RunNightlyKpis/01-date-range',
  inputs: {},
  outputName: 'range',
  output,
  params: { '@RunDate': 'date?', '@DaysBack': 'int?' },
  // ISNULL(@RunDate, today); DATEADD(DAY, n, date) keeps the date type.
  sql: ({ param }) => `
    WITH r AS (SELECT coalesce(${param('@RunDate')}, current_date) AS RunDate)
    SELECT RunDate,
           CAST(RunDate - INTERVAL 1 DAY + to_days(CAST(1 - ${param('@DaysBack')} AS INTEGER)) AS DATE) AS FromDate,
           CAST(RunDate - INTERVAL 1 DAY AS DATE) AS ToDate
    FROM r`,
});
