@proc:dbo.usp_BuildDeviceKpis @lines:367-377 @output:result
Feature: The result set: best configurations of the range, by workload
  The procedure returns the rows of kpi.BestConfigurationByWorkload for (@FromDate, @ToDate).

  Scenario: only the requested range is returned
    Given parameter @FromDate:date = 2024-01-01
    And parameter @ToDate:date = 2024-01-07
    And table kpi.BestConfigurationByWorkload:
      | FromDate:date | ToDate:date | WorkloadType:text | ConfigKey:text | Samples:int | DeviceDays:int | AvgBatteryDrainMw:decimal(18,2)? | AvgCpuPct:decimal(18,2)? | CandidateCount:int |
      | 2024-01-01    | 2024-01-07  | Video             | Y              | 15          | 1              | 2.00                             | 10.00                    | 2                  |
      | 2024-01-01    | 2024-01-07  | Gaming            | Z              | 12          | 2              | 2.00                             | NULL                     | 2                  |
      | 2023-12-25    | 2023-12-31  | Video             | X              | 10          | 1              | 1.00                             | 1.00                     | 1                  |
    When the section runs
    Then table result:
      | WorkloadType:text | ConfigKey:text | Samples:int | DeviceDays:int | AvgBatteryDrainMw:decimal(18,2)? | AvgCpuPct:decimal(18,2)? | CandidateCount:int |
      | Gaming            | Z              | 12          | 2              | 2.00                             | NULL                     | 2                  |
      | Video             | Y              | 15          | 1              | 2.00                             | 10.00                    | 2                  |
