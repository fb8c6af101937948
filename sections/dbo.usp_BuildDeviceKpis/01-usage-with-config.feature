@proc:dbo.usp_BuildDeviceKpis @lines:80-101,109-219 @output:#UsageWithConfig @entity:DeviceId
Feature: Tag each usage sample with the configuration active when it was recorded
  The device cursor builds a configuration key per snapshot batch (settings sorted by name,
  case-insensitive, "Name=Value" joined with ";", NULL value as "?", XML-escaped by FOR XML PATH,
  cut to varchar(400)); a batch's time is its latest CollectedAt. Each sample of an active device
  in [@FromDate, @ToDate + 1 day) gets the latest batch collected at or before it (same time: the
  higher BatchId). Samples before the first scan, and devices never scanned, get UNKNOWN.

  Background:
    Given parameter @FromDate:date = 2024-01-01
    And parameter @ToDate:date = 2024-01-01

  Scenario: as-of join with a tie, a sample before the first scan, a device never scanned
    Given table dbo.Device:
      | DeviceId:int | IsActive:bool |
      | 1            | 1             |
      | 2            | 1             |
      | 3            | 0             |
    And table dbo.DeviceConfigSnapshot:
      | DeviceId:int | BatchId:int | CollectedAt:timestamp | SettingName:text | SettingValue:text? |
      | 1            | 10          | 2024-01-01 08:00      | Mode             | eco                |
      | 1            | 10          | 2024-01-01 08:05      | Brightness       | 50                 |
      | 1            | 11          | 2024-01-01 12:00      | Mode             | perf               |
      | 1            | 11          | 2024-01-01 12:00      | Brightness       | NULL               |
      | 1            | 12          | 2024-01-01 12:00      | Mode             | a&b                |
      | 1            | 12          | 2024-01-01 12:00      | alpha            | 1                  |
      | 3            | 1           | 2024-01-01 00:00      | Mode             | eco                |
    And table dbo.DeviceUsage:
      | DeviceId:int | RecordedAt:timestamp | CpuPct:decimal(5,2)? | MemoryMb:int? | BatteryDrainMw:double? | NetworkKb:bigint? | WorkloadType:text? |
      | 1            | 2024-01-01 07:00     | 10.50                | 100           | 1.5                    | 10                | Office             |
      | 1            | 2024-01-01 08:05     | NULL                 | NULL          | NULL                   | NULL              | NULL               |
      | 1            | 2024-01-01 12:30     | 99.99                | 200           | 2.25                   | 30                | Video              |
      | 1            | 2024-01-02 00:00     | 50.00                | 300           | 3                      | 40                | Video              |
      | 2            | 2024-01-01 10:00     | 20.00                | 400           | NULL                   | 50                | Idle               |
      | 3            | 2024-01-01 10:00     | 30.00                | 500           | 1                      | 60                | Idle               |
    When the section runs
    Then table #UsageWithConfig:
      | DeviceId:int | RecordedAt:timestamp | UsageDate:date | WorkloadType:text? | CpuPct:decimal(5,2)? | MemoryMb:int? | BatteryDrainMw:double? | NetworkKb:bigint? | BatchId:int? | ConfigKey:text?          |
      | 1            | 2024-01-01 07:00     | 2024-01-01     | Office             | 10.50                | 100           | 1.5                    | 10                | NULL         | UNKNOWN                  |
      | 1            | 2024-01-01 08:05     | 2024-01-01     | NULL               | NULL                 | NULL          | NULL                   | NULL              | 10           | Brightness=50;Mode=eco   |
      | 1            | 2024-01-01 12:30     | 2024-01-01     | Video              | 99.99                | 200           | 2.25                   | 30                | 12           | alpha=1;Mode=a&amp;b     |
      | 2            | 2024-01-01 10:00     | 2024-01-01     | Idle               | 20.00                | 400           | NULL                   | 50                | NULL         | UNKNOWN                  |

  Scenario: a NULL setting value is written as "?", and a sample between scans takes the earlier one
    Given table dbo.Device:
      | DeviceId:int | IsActive:bool |
      | 5            | 1             |
    And table dbo.DeviceConfigSnapshot:
      | DeviceId:int | BatchId:int | CollectedAt:timestamp | SettingName:text | SettingValue:text? |
      | 5            | 1           | 2023-12-31 23:00      | Mode             | NULL               |
      | 5            | 2           | 2024-01-01 18:00      | Mode             | <fast>             |
    And table dbo.DeviceUsage:
      | DeviceId:int | RecordedAt:timestamp |
      | 5            | 2024-01-01 17:59:59  |
      | 5            | 2024-01-01 18:00     |
    When the section runs
    Then table #UsageWithConfig:
      | DeviceId:int | RecordedAt:timestamp | BatchId:int? | ConfigKey:text?      |
      | 5            | 2024-01-01 17:59:59  | 1            | Mode=?               |
      | 5            | 2024-01-01 18:00     | 2            | Mode=&lt;fast&gt;    |

  Scenario: an active device without usage in the range produces no rows
    Given table dbo.Device:
      | DeviceId:int | IsActive:bool |
      | 9            | 1             |
    And table dbo.DeviceConfigSnapshot:
      | DeviceId:int | BatchId:int | CollectedAt:timestamp | SettingName:text | SettingValue:text? |
      | 9            | 1           | 2023-12-01 00:00      | Mode             | eco                |
    And table dbo.DeviceUsage:
      | DeviceId:int | RecordedAt:timestamp |
      | 9            | 2023-12-31 23:59:59  |
    When the section runs
    Then table #UsageWithConfig is empty:
      | DeviceId:int | RecordedAt:timestamp |
