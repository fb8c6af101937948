@proc:dbo.usp_BuildDeviceKpis @lines:269-303 @output:kpi.ConfigurationKpi
Feature: KPIs per configuration, day and workload, upserted into kpi.ConfigurationKpi
  #ConfigDay groups the tagged samples by configuration, day and workload (NULL workload ->
  Unknown; grouping compares case-insensitively); MERGE updates matching rows (keeping the
  target's spelling of the key), inserts new ones and leaves the others untouched.
  BatterySamples counts non-NULL drains; AvgNetworkKbPerSample is an integer division.

  Scenario: aggregation per configuration, day and workload, with an existing row updated and one kept
    Given table #UsageWithConfig:
      | DeviceId:int | UsageDate:date | WorkloadType:text? | CpuPct:decimal(5,2)? | BatteryDrainMw:double? | NetworkKb:bigint? | ConfigKey:text? |
      | 1            | 2024-01-01     | Office             | 10.00                | 4.0                    | 10                | A=1             |
      | 1            | 2024-01-01     | Office             | 20.01                | NULL                   | NULL              | A=1             |
      | 2            | 2024-01-01     | Office             | NULL                 | 5.0                    | 5                 | A=1             |
      | 2            | 2024-01-01     | NULL               | 30.00                | NULL                   | 3                 | UNKNOWN         |
    And table kpi.ConfigurationKpi:
      | ConfigKey:text | KpiDate:date | WorkloadType:text | DeviceCount:int | Samples:int | AvgCpuPct:decimal(18,4)? | BatterySamples:int | TotalBatteryDrainMw:double? | AvgBatteryDrainMw:decimal(18,4)? | AvgNetworkKbPerSample:bigint |
      | a=1            | 2024-01-01   | office            | 9               | 99          | 1.0000                   | 9                  | 9.0                         | 1.0000                           | 9                            |
      | B=2            | 2023-12-31   | Video             | 1               | 12          | 50.0000                  | 0                  | NULL                        | NULL                             | 4                            |
    When the section runs
    Then table kpi.ConfigurationKpi keyed by ConfigKey,KpiDate,WorkloadType:
      | ConfigKey:text | KpiDate:date | WorkloadType:text | DeviceCount:int | Samples:int | AvgCpuPct:decimal(18,4)? | BatterySamples:int | TotalBatteryDrainMw:double? | AvgBatteryDrainMw:decimal(18,4)? | AvgNetworkKbPerSample:bigint |
      | a=1            | 2024-01-01   | office            | 2               | 3           | 15.0100                  | 2                  | 9.0                         | 4.5000                           | 5                            |
      | B=2            | 2023-12-31   | Video             | 1               | 12          | 50.0000                  | 0                  | NULL                        | NULL                             | 4                            |
      | UNKNOWN        | 2024-01-01   | Unknown           | 1               | 1           | 30.0000                  | 0                  | NULL                        | NULL                             | 3                            |

  Scenario: an empty target gets one row per configuration, day and workload
    Given table #UsageWithConfig:
      | DeviceId:int | UsageDate:date | WorkloadType:text? | CpuPct:decimal(5,2)? | BatteryDrainMw:double? | NetworkKb:bigint? | ConfigKey:text? |
      | 1            | 2024-01-01     | Video              | 50.00                | 2.5                    | 7                 | M=x             |
      | 1            | 2024-01-02     | Video              | 60.00                | 2.5                    | 8                 | M=x             |
      | 3            | 2024-01-02     | Video              | 70.00                | 3.5                    | 9                 | M=x             |
    And table kpi.ConfigurationKpi:
      | ConfigKey:text | KpiDate:date | WorkloadType:text | DeviceCount:int | Samples:int | AvgCpuPct:decimal(18,4)? | BatterySamples:int | TotalBatteryDrainMw:double? | AvgBatteryDrainMw:decimal(18,4)? | AvgNetworkKbPerSample:bigint |
    When the section runs
    Then table kpi.ConfigurationKpi keyed by ConfigKey,KpiDate,WorkloadType:
      | ConfigKey:text | KpiDate:date | WorkloadType:text | DeviceCount:int | Samples:int | AvgCpuPct:decimal(18,4)? | BatterySamples:int | TotalBatteryDrainMw:double? | AvgBatteryDrainMw:decimal(18,4)? | AvgNetworkKbPerSample:bigint |
      | M=x            | 2024-01-01   | Video             | 1               | 1           | 50.0000                  | 1                  | 2.5                         | 2.5000                           | 7                            |
      | M=x            | 2024-01-02   | Video             | 2               | 2           | 65.0000                  | 2                  | 6.0                         | 3.0000                           | 8                            |
