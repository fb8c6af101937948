@proc:dbo.usp_BuildDeviceKpis @lines:229-264 @output:kpi.DeviceDailyUsage @entity:DeviceId
Feature: Daily usage KPIs per device
  One row per device and day with samples. ROUND(AVG(CpuPct), 2) ignores NULL CPU;
  HighCpuSamplePct and AvgNetworkKbPerSample use integer division (truncated) over COUNT(*);
  ConfigChanges = distinct configurations that day - 1 (case-insensitive, as the collation compares);
  AppCount = applications in the highest inventory batch collected before the next midnight (0 if none).

  Background:
    Given parameter @FromDate:date = 2024-01-01
    And parameter @ToDate:date = 2024-01-02

  Scenario: one device and day: rounding, truncation, NULLs, configuration changes
    Given table #UsageWithConfig:
      | DeviceId:int | UsageDate:date | CpuPct:decimal(5,2)? | MemoryMb:int? | BatteryDrainMw:double? | NetworkKb:bigint? | ConfigKey:text? |
      | 1            | 2024-01-01     | 80.00                | 512           | 10.0                   | 100               | K=1             |
      | 1            | 2024-01-01     | 79.99                | 2048          | 12.5                   | NULL              | K=2             |
      | 1            | 2024-01-01     | NULL                 | NULL          | NULL                   | 51                | k=1             |
    And table dbo.DeviceAppInventory:
      | DeviceId:int | BatchId:int | CollectedAt:timestamp |
      | 1            | 5           | 2024-01-01 23:59:59   |
      | 1            | 5           | 2024-01-01 23:59:59   |
      | 1            | 5           | 2024-01-01 23:59:59   |
      | 1            | 6           | 2024-01-02 00:00      |
    When the section runs
    Then table kpi.DeviceDailyUsage keyed by DeviceId,UsageDate:
      | DeviceId:int | UsageDate:date | Samples:int | AvgCpuPct:decimal(18,4)? | HighCpuSamplePct:int | MaxMemoryMb:int? | AvgBatteryDrainMw:decimal(18,4)? | TotalNetworkKb:bigint | AvgNetworkKbPerSample:bigint | ConfigChanges:int | AppCount:int |
      | 1            | 2024-01-01     | 3           | 80.0000                  | 33                   | 2048             | 11.2500                          | 151                   | 50                           | 1                 | 3            |

  Scenario: several devices and days; no inventory means 0 apps; all-NULL CPU gives NULL
    Given table #UsageWithConfig:
      | DeviceId:int | UsageDate:date | CpuPct:decimal(5,2)? | MemoryMb:int? | BatteryDrainMw:double? | NetworkKb:bigint? | ConfigKey:text? |
      | 1            | 2024-01-01     | 10.00                | 1             | NULL                   | 1                 | A               |
      | 1            | 2024-01-02     | 20.00                | 2             | NULL                   | 2                 | A               |
      | 1            | 2024-01-02     | 25.01                | 3             | NULL                   | 2                 | B               |
      | 2            | 2024-01-02     | NULL                 | NULL          | 3.333                  | 7                 | UNKNOWN         |
      | 2            | 2024-01-03     | 50.00                | 4             | 1                      | 1                 | A               |
    And table dbo.DeviceAppInventory:
      | DeviceId:int | BatchId:int | CollectedAt:timestamp |
      | 1            | 6           | 2024-01-02 00:00      |
    When the section runs
    Then table kpi.DeviceDailyUsage keyed by DeviceId,UsageDate:
      | DeviceId:int | UsageDate:date | Samples:int | AvgCpuPct:decimal(18,4)? | HighCpuSamplePct:int | AvgBatteryDrainMw:decimal(18,4)? | TotalNetworkKb:bigint | AvgNetworkKbPerSample:bigint | ConfigChanges:int | AppCount:int |
      | 1            | 2024-01-01     | 1           | 10.0000                  | 0                    | NULL                             | 1                     | 1                            | 0                 | 0            |
      | 1            | 2024-01-02     | 2           | 22.5100                  | 0                    | NULL                             | 4                     | 2                            | 1                 | 1            |
      | 2            | 2024-01-02     | 1           | NULL                     | 0                    | 3.3300                           | 7                     | 7                            | 0                 | 0            |
