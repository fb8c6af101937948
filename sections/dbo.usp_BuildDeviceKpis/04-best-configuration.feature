@proc:dbo.usp_BuildDeviceKpis @lines:68,308-348 @output:kpi.BestConfigurationByWorkload
Feature: The best configuration per workload over the range
  Candidates: kpi.ConfigurationKpi rows in [@FromDate, @ToDate], UNKNOWN excluded, grouped per
  workload and configuration, with SUM(Samples) >= @MinSamples (NULL means 10).
  AvgBatteryDrainMw = ROUND(SUM(TotalBatteryDrainMw) / SUM(BatterySamples), 2), NULL without battery samples;
  AvgCpuPct = ROUND(SUM(AvgCpuPct * Samples) / SUM(Samples), 2): samples with NULL CPU still weigh (a quirk kept on purpose).
  Best = lowest drain (NULL last), then lowest CPU (NULL first, SQL Server's order), then ConfigKey.

  Background:
    Given parameter @FromDate:date = 2024-01-01
    And parameter @ToDate:date = 2024-01-07
    And parameter @MinSamples:int? = 10

  Scenario: drain decides, CPU breaks the tie, NULL drain ranks last, small and UNKNOWN candidates drop out
    Given table kpi.ConfigurationKpi:
      | ConfigKey:text | KpiDate:date | WorkloadType:text | DeviceCount:int | Samples:int | AvgCpuPct:decimal(18,4)? | BatterySamples:int | TotalBatteryDrainMw:double? |
      | A              | 2024-01-01   | Office            | 2               | 10          | 30.0000                  | 10                 | 100.0                       |
      | B              | 2024-01-02   | Office            | 1               | 10          | 20.0000                  | 5                  | 50.0                        |
      | C              | 2024-01-03   | Office            | 1               | 20          | 5.0000                   | 0                  | NULL                        |
      | D              | 2024-01-03   | Office            | 1               | 5           | 1.0000                   | 5                  | 1.0                         |
      | UNKNOWN        | 2024-01-03   | Office            | 9               | 90          | 1.0000                   | 90                 | 9.0                         |
      | A              | 2023-12-31   | Office            | 1               | 10          | 1.0000                   | 10                 | 1.0                         |
    When the section runs
    Then table kpi.BestConfigurationByWorkload keyed by WorkloadType:
      | FromDate:date | ToDate:date | WorkloadType:text | ConfigKey:text | Samples:int | DeviceDays:int | AvgBatteryDrainMw:decimal(18,2)? | AvgCpuPct:decimal(18,2)? | CandidateCount:int |
      | 2024-01-01    | 2024-01-07  | Office            | B              | 10          | 1              | 10.00                            | 20.00                    | 3                  |

  Scenario: weighted CPU counts samples with NULL CPU; a NULL CPU ranks first on equal drain; workloads are separate
    Given table kpi.ConfigurationKpi:
      | ConfigKey:text | KpiDate:date | WorkloadType:text | DeviceCount:int | Samples:int | AvgCpuPct:decimal(18,4)? | BatterySamples:int | TotalBatteryDrainMw:double? |
      | X              | 2024-01-01   | Video             | 1               | 10          | 33.3300                  | 10                 | 20.0                        |
      | X              | 2024-01-02   | Video             | 1               | 5           | NULL                     | 5                  | 10.0                        |
      | Y              | 2024-01-01   | Video             | 1               | 15          | 10.0000                  | 15                 | 30.0                        |
      | Z              | 2024-01-01   | Gaming        | 2               | 12          | NULL                     | 12                 | 24.0                        |
      | W              | 2024-01-01   | Gaming        | 2               | 12          | 1.0000                   | 12                 | 24.0                        |
    When the section runs
    Then table kpi.BestConfigurationByWorkload keyed by WorkloadType:
      | FromDate:date | ToDate:date | WorkloadType:text | ConfigKey:text | Samples:int | DeviceDays:int | AvgBatteryDrainMw:decimal(18,2)? | AvgCpuPct:decimal(18,2)? | CandidateCount:int |
      | 2024-01-01    | 2024-01-07  | Gaming            | Z              | 12          | 2              | 2.00                             | NULL                     | 2                  |
      | 2024-01-01    | 2024-01-07  | Video             | Y              | 15          | 1              | 2.00                             | 10.00                    | 2                  |

  Scenario: @MinSamples NULL means 10, and nothing qualifies
    Given parameter @MinSamples:int? = NULL
    And table kpi.ConfigurationKpi:
      | ConfigKey:text | KpiDate:date | WorkloadType:text | DeviceCount:int | Samples:int | AvgCpuPct:decimal(18,4)? | BatterySamples:int | TotalBatteryDrainMw:double? |
      | A              | 2024-01-01   | Office            | 1               | 9           | 30.0000                  | 9                  | 90.0                        |
    When the section runs
    Then table kpi.BestConfigurationByWorkload is empty:
      | WorkloadType:text | ConfigKey:text |

  Scenario: the weighted CPU average of X is 22.22 (33.33 * 10 / 15)
    Given table kpi.ConfigurationKpi:
      | ConfigKey:text | KpiDate:date | WorkloadType:text | DeviceCount:int | Samples:int | AvgCpuPct:decimal(18,4)? | BatterySamples:int | TotalBatteryDrainMw:double? |
      | X              | 2024-01-01   | Video             | 1               | 10          | 33.3300                  | 10                 | 20.0                        |
      | X              | 2024-01-02   | Video             | 1               | 5           | NULL                     | 5                  | 10.0                        |
    When the section runs
    Then table kpi.BestConfigurationByWorkload:
      | WorkloadType:text | ConfigKey:text | Samples:int | AvgBatteryDrainMw:decimal(18,2)? | AvgCpuPct:decimal(18,2)? | CandidateCount:int |
      | Video             | X              | 15          | 2.00                             | 22.22                    | 1                  |
